package dev.spanproof.core.semconv;

import io.opentelemetry.api.trace.SpanKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The rules file, read strictly: an unknown key, a missing one or a value of the wrong shape is an
 * error naming where it is, so that a typo in the file fails instead of switching a rule off.
 *
 * @param version the semantic-conventions version the file follows
 */
record RuleFile(
    String version, List<ConventionRules> conventions, List<DeprecatedAttribute> deprecated) {

  private static final Set<String> TYPES =
      Set.of("string", "int", "double", "boolean", "string[]", "int[]", "double[]", "boolean[]");

  RuleFile {
    conventions = List.copyOf(conventions);
    deprecated = List.copyOf(deprecated);
  }

  /** Reads {@code yaml}; top-level keys starting with {@code x-} hold YAML anchors only. */
  static RuleFile parse(String yaml) {
    LoaderOptions options = new LoaderOptions();
    // The file shares attribute lists between conventions through anchors.
    options.setMaxAliasesForCollections(500);
    Object root = new Yaml(new SafeConstructor(options)).load(yaml);
    Node file = new Node("rules file", root);
    file.onlyKeys("semconv_version", "conventions", "deprecated");
    List<ConventionRules> conventions = new ArrayList<>();
    for (Node convention : file.list("conventions")) {
      conventions.add(convention(convention));
    }
    List<DeprecatedAttribute> deprecated = new ArrayList<>();
    for (Node entry : file.list("deprecated")) {
      entry.onlyKeys("name", "renamed_to", "note");
      String renamedTo = entry.optionalString("renamed_to");
      String note = entry.optionalString("note");
      if ((renamedTo == null) == (note == null)) {
        throw entry.error("needs exactly one of renamed_to and note");
      }
      deprecated.add(new DeprecatedAttribute(entry.string("name"), renamedTo, note));
    }
    return new RuleFile(file.string("semconv_version"), conventions, deprecated);
  }

  private static ConventionRules convention(Node node) {
    node.onlyKeys(
        "id",
        "database_mode",
        "title",
        "status",
        "detect",
        "span_kinds",
        "span_name",
        "span_status",
        "attributes");
    String id = node.string("id");
    SemanticConvention convention = enumValue(SemanticConvention.class, id, node);
    Node named = new Node(node.where + "[" + id + "]", node.map);
    String mode = named.optionalString("database_mode");
    DatabaseConventionMode databaseMode =
        mode == null ? null : enumValue(DatabaseConventionMode.class, mode, named);
    if ((convention == SemanticConvention.DATABASE_CLIENT) != (databaseMode != null)) {
      throw named.error("database_mode is for the database client only, which needs it");
    }
    if (!named.string("title").equals(convention.title())) {
      throw named.error("title must be " + convention.title());
    }
    Set<SpanKind> kinds = new LinkedHashSet<>();
    for (String kind : named.strings("span_kinds")) {
      kinds.add(enumValue(SpanKind.class, kind, named));
    }
    List<AttributeRule> attributes = new ArrayList<>();
    for (Node attribute : named.list("attributes")) {
      attributes.add(attribute(attribute));
    }
    Node status = named.optionalNode("span_status");
    return new ConventionRules(
        convention,
        databaseMode,
        named.string("status"),
        detection(named.node("detect")),
        kinds,
        spanName(named.node("span_name")),
        status == null ? null : statusRule(status),
        attributes);
  }

  private static Detection detection(Node node) {
    node.onlyKeys("attributes", "values", "type_attribute", "type_value", "refines");
    String refines = node.optionalString("refines");
    return new Detection(
        node.strings("attributes"),
        node.optionalStrings("values"),
        node.optionalString("type_attribute"),
        node.optionalString("type_value"),
        refines == null ? null : enumValue(SemanticConvention.class, refines, node));
  }

  private static SpanNameRule spanName(Node node) {
    node.onlyKeys("templates", "replace", "unavailable_when");
    Map<String, Map<String, String>> replace = new LinkedHashMap<>();
    Node replaced = node.optionalNode("replace");
    if (replaced != null) {
      for (String attribute : replaced.map.keySet()) {
        Node values = replaced.node(attribute);
        Map<String, String> byValue = new LinkedHashMap<>();
        values.map.keySet().forEach(value -> byValue.put(value, values.string(value)));
        replace.put(attribute, byValue);
      }
    }
    Map<String, List<String>> unavailable = new LinkedHashMap<>();
    Node unavailableWhen = node.optionalNode("unavailable_when");
    if (unavailableWhen != null) {
      unavailableWhen
          .map
          .keySet()
          .forEach(key -> unavailable.put(key, unavailableWhen.strings(key)));
    }
    return new SpanNameRule(node.strings("templates"), replace, unavailable);
  }

  private static StatusRule statusRule(Node node) {
    node.onlyKeys("attribute", "error", "error_except");
    List<String> error = node.optionalStrings("error");
    List<String> errorExcept = node.optionalStrings("error_except");
    if (error.isEmpty() == errorExcept.isEmpty()) {
      throw node.error("needs exactly one of error and error_except");
    }
    return new StatusRule(node.string("attribute"), error, errorExcept);
  }

  private static AttributeRule attribute(Node node) {
    String name = node.string("name");
    Node named = new Node(node.where + "[" + name + "]", node.map);
    named.onlyKeys("name", "requirement", "condition", "when", "type", "enum", "closed_enum");
    String type = named.string("type");
    if (!TYPES.contains(type)) {
      throw named.error("type must be one of " + TYPES + ", not " + type);
    }
    return new AttributeRule(
        name,
        Requirement.parse(named.string("requirement"), named.where),
        named.optionalString("condition"),
        condition(named),
        type,
        named.optionalStrings("enum"),
        Boolean.TRUE.equals(named.map.get("closed_enum")));
  }

  private static AttributeRule.Condition condition(Node node) {
    Object when = node.map.get("when");
    if (when == null) {
      return null;
    }
    if ("failed".equals(when)) {
      return new AttributeRule.Condition(true, null);
    }
    Node present = node.node("when");
    present.onlyKeys("present");
    return new AttributeRule.Condition(false, present.string("present"));
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, Node where) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw where.error("unknown " + type.getSimpleName() + " " + value);
    }
  }

  /** A YAML mapping and where it sits in the file, for errors that say where. */
  private static final class Node {
    final String where;
    final Map<String, Object> map;

    @SuppressWarnings("unchecked")
    Node(String where, Object value) {
      if (!(value instanceof Map<?, ?>)) {
        throw new IllegalArgumentException(where + ": expected a mapping, found " + value);
      }
      this.where = where;
      this.map = (Map<String, Object>) value;
    }

    void onlyKeys(String... allowed) {
      List<String> known = List.of(allowed);
      for (String key : map.keySet()) {
        if (!known.contains(key) && !key.startsWith("x-")) {
          throw error("unknown key " + key);
        }
      }
    }

    String string(String key) {
      String value = optionalString(key);
      if (value == null) {
        throw error("missing " + key);
      }
      return value;
    }

    String optionalString(String key) {
      Object value = map.get(key);
      return value == null ? null : value.toString();
    }

    Node node(String key) {
      Node node = optionalNode(key);
      if (node == null) {
        throw error("missing " + key);
      }
      return node;
    }

    Node optionalNode(String key) {
      Object value = map.get(key);
      return value == null ? null : new Node(where + "." + key, value);
    }

    List<Node> list(String key) {
      List<Node> nodes = new ArrayList<>();
      List<?> values = rawList(key);
      for (int i = 0; i < values.size(); i++) {
        nodes.add(new Node(where + "." + key + "[" + i + "]", values.get(i)));
      }
      return nodes;
    }

    List<String> strings(String key) {
      List<String> values = optionalStrings(key);
      if (values.isEmpty()) {
        throw error("missing " + key);
      }
      return values;
    }

    List<String> optionalStrings(String key) {
      return map.containsKey(key) ? rawList(key).stream().map(String::valueOf).toList() : List.of();
    }

    private List<?> rawList(String key) {
      Object value = map.get(key);
      if (!(value instanceof List<?> list)) {
        throw error(key + " must be a list");
      }
      return list;
    }

    IllegalArgumentException error(String problem) {
      return new IllegalArgumentException(where + ": " + problem);
    }
  }
}
