package dev.spanproof.core.semconv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.semconv.AttributeKeyTemplate;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.incubating.HttpIncubatingAttributes;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules file against OpenTelemetry's generated Java constants of the same semantic-conventions
 * release: every attribute it names exists, with the same value type; every value it lists is one
 * the constants list; every attribute it calls deprecated is deprecated there. A typo, a renamed
 * attribute or a stale value fails the build.
 */
class SemanticConventionsFileTest {

  /** Attribute name (templates as {@code prefix.<key>}) → the constant's field. */
  private static final Map<String, Field> CONSTANTS = new HashMap<>();

  /**
   * Deprecated names the Java artifacts have no constant for: {@code messaging.client_id}'s would
   * be {@code MESSAGING_CLIENT_ID}, the name of {@code messaging.client.id}'s; the others are span
   * renames of schemas/1.43.0 older than the deprecated registries the constants come from.
   */
  private static final Set<String> DEPRECATED_WITHOUT_CONSTANT =
      Set.of(
          "messaging.client_id",
          "db.cassandra.keyspace",
          "db.hbase.namespace",
          "http.retry_count",
          "http.resend_count",
          "net.app.protocol.name",
          "net.app.protocol.version",
          "net.host.connection.type",
          "net.host.connection.subtype",
          "net.host.carrier.name",
          "net.host.carrier.mcc",
          "net.host.carrier.mnc",
          "net.host.carrier.icc",
          "messaging.destination",
          "messaging.temp_destination",
          "messaging.destination_kind",
          "messaging.message_id",
          "messaging.conversation_id",
          "messaging.message_payload_size_bytes",
          "messaging.message.payload_size_bytes",
          "messaging.message_payload_compressed_size_bytes",
          "messaging.protocol",
          "messaging.protocol_version",
          "messaging.consumer_id",
          "messaging.kafka.client_id",
          "messaging.rocketmq.client_id",
          "messaging.kafka.consumer_group",
          "messaging.kafka.partition",
          "messaging.kafka.message_key",
          "messaging.kafka.tombstone",
          "messaging.rabbitmq.routing_key",
          "messaging.rocketmq.message_type",
          "messaging.rocketmq.message_tag",
          "messaging.rocketmq.message_keys");

  /** Attribute names with at least one constant that is not deprecated. */
  private static final Set<String> LIVE = new HashSet<>();

  /** The registries whose deprecated span attributes the rules must all name. */
  private static final List<String> COVERED_REGISTRIES =
      List.of("http.", "net.", "network.", "db.", "rpc.", "messaging.", "error.", "peer.");

  /**
   * Deprecated attributes of those registries that never sit on a span: connection-pool metrics'
   * and RPC message events'.
   */
  private static final List<String> NOT_ON_SPANS =
      List.of("db.client.connections.", "rpc.message.");

  private static RuleFile rules;

  @BeforeAll
  static void readConstantsAndRules() throws Exception {
    for (Class<?> anchor : List.of(HttpAttributes.class, HttpIncubatingAttributes.class)) {
      for (Class<?> type : attributeClasses(anchor)) {
        for (Field field : type.getFields()) {
          if (Modifier.isStatic(field.getModifiers())) {
            String name = attributeName(field.get(null));
            if (name != null) {
              CONSTANTS.putIfAbsent(name, field);
              if (!field.isAnnotationPresent(Deprecated.class)) {
                LIVE.add(name);
              }
            }
          }
        }
      }
    }
    rules = RuleFile.parse(bundledYaml());
  }

  @Test
  void should_follow_the_semantic_conventions_release_the_java_constants_were_generated_from()
      throws Exception {
    assertThat(rules.version()).isEqualTo("1.43.0");
    // Read from the jars, not from Package: a class loader may define the package without them.
    assertThat(jarVersion(HttpAttributes.class))
        .as("opentelemetry-semconv on the test classpath")
        .isEqualTo(rules.version());
    assertThat(jarVersion(HttpIncubatingAttributes.class))
        .as("opentelemetry-semconv-incubating on the test classpath")
        .isEqualTo(rules.version() + "-alpha");
  }

  /** The Implementation-Version in the manifest of the jar {@code type} was loaded from. */
  private static String jarVersion(Class<?> type) throws IOException, URISyntaxException {
    try (JarFile jar =
        new JarFile(
            Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
      return jar.getManifest().getMainAttributes().getValue("Implementation-Version");
    }
  }

  @Test
  void should_name_only_attributes_the_constants_define_with_the_same_type() {
    assertThat(attributeProblems(rules)).isEmpty();
  }

  @Test
  void should_catch_a_misspelled_attribute_and_a_wrong_type() {
    String yaml =
        bundledYaml()
            .replaceFirst("name: url.full,", "name: url.ful,")
            .replaceFirst(
                "name: server.port, requirement: required, type: int",
                "name: server.port, requirement: required, type: string");

    assertThat(attributeProblems(RuleFile.parse(yaml)))
        .containsExactly(
            "http_client null: server.port is int, not string",
            "http_client null: no constant for url.ful");
  }

  private static List<String> attributeProblems(RuleFile rules) {
    List<String> problems = new ArrayList<>();
    for (ConventionRules convention : rules.conventions()) {
      String where = convention.convention().id() + " " + convention.databaseMode();
      for (AttributeRule attribute : convention.attributes()) {
        Field field = CONSTANTS.get(attribute.name());
        if (field == null) {
          problems.add(where + ": no constant for " + attribute.name());
        } else if (!typeName(field).equals(attribute.type())) {
          problems.add(
              where
                  + ": "
                  + attribute.name()
                  + " is "
                  + typeName(field)
                  + ", not "
                  + attribute.type());
        }
      }
      List<String> named = new ArrayList<>(convention.detection().attributes());
      if (convention.detection().typeAttribute() != null) {
        named.add(convention.detection().typeAttribute());
      }
      if (convention.spanStatus() != null) {
        named.add(convention.spanStatus().attribute());
      }
      convention.spanName().templates().forEach(t -> named.addAll(SpanNameRule.placeholders(t)));
      named.addAll(convention.spanName().replace().keySet());
      named.addAll(convention.spanName().unavailableWhen().keySet());
      for (String name : named) {
        if (!CONSTANTS.containsKey(name)) {
          problems.add(where + ": no constant for " + name);
        }
      }
    }
    return problems;
  }

  @Test
  void should_list_only_enum_values_the_constants_list() throws Exception {
    List<String> problems = new ArrayList<>();
    for (ConventionRules convention : rules.conventions()) {
      for (AttributeRule attribute : convention.attributes()) {
        if (attribute.enumValues().isEmpty()) {
          continue;
        }
        Set<String> known = enumValues(CONSTANTS.get(attribute.name()));
        for (String value : attribute.enumValues()) {
          if (!known.contains(value)) {
            problems.add(convention.convention().id() + ": " + attribute.name() + " " + value);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void should_call_deprecated_only_what_the_constants_deprecate_and_replace_it_with_what_exists() {
    List<String> problems = new ArrayList<>();
    for (DeprecatedAttribute deprecated : rules.deprecated()) {
      Field field = CONSTANTS.get(deprecated.name());
      if (DEPRECATED_WITHOUT_CONSTANT.contains(deprecated.name())) {
        assertThat(field).as(deprecated.name()).isNull();
      } else if (field == null || !field.isAnnotationPresent(Deprecated.class)) {
        problems.add(deprecated.name() + " is not a deprecated constant");
      }
      if (deprecated.renamedTo() != null && !CONSTANTS.containsKey(deprecated.renamedTo())) {
        problems.add(deprecated.name() + " → no constant for " + deprecated.renamedTo());
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void should_call_deprecated_every_span_attribute_the_constants_deprecate() {
    assertThat(unlistedDeprecations(rules)).isEmpty();
  }

  @Test
  void should_catch_a_deprecation_missing_from_the_list() {
    String yaml = bundledYaml().replaceFirst("(?m)^  - \\{name: http.flavor, [^\\n]*\\n", "");

    assertThat(unlistedDeprecations(RuleFile.parse(yaml))).containsExactly("http.flavor");
  }

  /**
   * Attributes the constants deprecate everywhere (no live constant of the same name) in the
   * registries the rules cover, that the rules' deprecated list leaves out: a new release's
   * deprecations fail the build until the file names them.
   */
  private static List<String> unlistedDeprecations(RuleFile rules) {
    Set<String> listed = new HashSet<>();
    rules.deprecated().forEach(deprecated -> listed.add(deprecated.name()));
    return CONSTANTS.keySet().stream()
        .filter(name -> !LIVE.contains(name))
        .filter(name -> COVERED_REGISTRIES.stream().anyMatch(name::startsWith))
        .filter(name -> NOT_ON_SPANS.stream().noneMatch(name::startsWith))
        .filter(name -> !listed.contains(name))
        .sorted()
        .toList();
  }

  @Test
  void should_list_every_value_the_constants_list_for_an_enumerated_attribute() throws Exception {
    assertThat(unlistedEnumValues(rules)).isEmpty();
  }

  @Test
  void should_catch_an_enum_value_missing_from_the_rules() throws Exception {
    String yaml = bundledYaml().replace("enum: [pipe, quic, tcp, udp, unix]", "enum: [pipe, tcp]");

    assertThat(unlistedEnumValues(RuleFile.parse(yaml)))
        .containsExactly(
            "network.transport quic", "network.transport udp", "network.transport unix");
  }

  /**
   * Values the constants list (and do not deprecate) for an attribute the rules give an enum, that
   * no convention of the rules lists; one convention may narrow the list (gRPC's {@code
   * rpc.system.name} is {@code grpc} only) as long as another lists the rest.
   */
  private static List<String> unlistedEnumValues(RuleFile rules) throws IllegalAccessException {
    Map<String, Set<String>> listed = new HashMap<>();
    for (ConventionRules convention : rules.conventions()) {
      for (AttributeRule attribute : convention.attributes()) {
        if (!attribute.enumValues().isEmpty()) {
          listed
              .computeIfAbsent(attribute.name(), name -> new HashSet<>())
              .addAll(attribute.enumValues());
        }
      }
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Set<String>> attribute : listed.entrySet()) {
      for (String value : liveEnumValues(CONSTANTS.get(attribute.getKey()))) {
        if (!attribute.getValue().contains(value)) {
          problems.add(attribute.getKey() + " " + value);
        }
      }
    }
    return problems.stream().sorted().toList();
  }

  @Test
  void should_have_rules_for_every_span_type_and_both_database_modes() {
    Set<String> found = new HashSet<>();
    rules.conventions().forEach(c -> found.add(c.convention() + " " + c.databaseMode()));
    assertThat(found)
        .containsExactlyInAnyOrder(
            "HTTP_CLIENT null",
            "HTTP_SERVER null",
            "DATABASE_CLIENT STABLE",
            "DATABASE_CLIENT OLD",
            "RPC_CLIENT null",
            "RPC_SERVER null",
            "GRPC_CLIENT null",
            "GRPC_SERVER null",
            "MESSAGING_CREATE null",
            "MESSAGING_SEND null",
            "MESSAGING_RECEIVE null",
            "MESSAGING_PROCESS null",
            "MESSAGING_SETTLE null");
  }

  @Test
  void should_reject_an_unknown_key_naming_where_it_is() {
    String yaml = bundledYaml().replaceFirst("requirement: required", "requirment: required");

    assertThatThrownBy(() -> RuleFile.parse(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "rules file.conventions[0][http_client].attributes[0][http.request.method]: unknown key"
                + " requirment");
  }

  @Test
  void should_reject_an_unknown_requirement_level() {
    String yaml = bundledYaml().replaceFirst("requirement: required", "requirement: mandatory");

    assertThatThrownBy(() -> RuleFile.parse(yaml))
        .hasMessage(
            "rules file.conventions[0][http_client].attributes[0][http.request.method]: requirement"
                + " must be required, conditionally_required, recommended or opt_in, not mandatory");
  }

  static String bundledYaml() {
    try (InputStream in =
        SemanticConventions.class.getResourceAsStream("semantic-conventions.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String attributeName(Object constant) {
    if (constant instanceof AttributeKey<?> key) {
      return key.getKey();
    }
    if (constant instanceof AttributeKeyTemplate<?> template) {
      return template.getAttributeKey("<key>").getKey();
    }
    return null;
  }

  private static String typeName(Field field) {
    try {
      Object constant = field.get(null);
      AttributeType type =
          constant instanceof AttributeKeyTemplate<?> template
              ? template.getAttributeKey("x").getType()
              : ((AttributeKey<?>) constant).getType();
      return switch (type) {
        case STRING -> "string";
        case LONG -> "int";
        case DOUBLE -> "double";
        case BOOLEAN -> "boolean";
        case STRING_ARRAY -> "string[]";
        case LONG_ARRAY -> "int[]";
        case DOUBLE_ARRAY -> "double[]";
        case BOOLEAN_ARRAY -> "boolean[]";
        default -> type.name();
      };
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The values of the {@code …Values} classes next to the constant: {@code HTTP_REQUEST_METHOD} has
   * {@code HttpRequestMethodValues} (stable) or {@code HttpRequestMethodIncubatingValues}.
   */
  private static Set<String> enumValues(Field field) throws IllegalAccessException {
    return enumValues(field, true);
  }

  /**
   * The values of {@link #enumValues(Field)} that some {@code …Values} class does not deprecate.
   */
  private static Set<String> liveEnumValues(Field field) throws IllegalAccessException {
    return enumValues(field, false);
  }

  private static Set<String> enumValues(Field field, boolean withDeprecated)
      throws IllegalAccessException {
    StringBuilder camel = new StringBuilder();
    for (String part : List.of(field.getName().toLowerCase(Locale.ROOT).split("_", -1))) {
      camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    Set<String> values = new HashSet<>();
    List<Class<?>> outers = new ArrayList<>();
    outers.add(field.getDeclaringClass());
    for (Class<?> anchor : List.of(HttpAttributes.class, HttpIncubatingAttributes.class)) {
      outers.addAll(attributeClasses(anchor));
    }
    for (Class<?> outer : outers) {
      for (Class<?> nested : outer.getClasses()) {
        String simple = nested.getSimpleName();
        if (simple.equals(camel + "Values") || simple.equals(camel + "IncubatingValues")) {
          for (Field value : nested.getFields()) {
            if (value.getType() == String.class
                && (withDeprecated || !value.isAnnotationPresent(Deprecated.class))) {
              values.add((String) value.get(null));
            }
          }
        }
      }
    }
    return values;
  }

  /** Every {@code …Attributes} class in the same jar and package as {@code anchor}. */
  private static List<Class<?>> attributeClasses(Class<?> anchor) {
    String packagePath = anchor.getPackageName().replace('.', '/') + "/";
    List<Class<?>> classes = new ArrayList<>();
    try (JarFile jar =
        new JarFile(
            Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        String entry = entries.nextElement().getName();
        String simple = entry.startsWith(packagePath) ? entry.substring(packagePath.length()) : "";
        if (simple.endsWith("Attributes.class") && !simple.contains("/") && !simple.contains("$")) {
          classes.add(Class.forName(anchor.getPackageName() + "." + simple.replace(".class", "")));
        }
      }
    } catch (IOException | URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot list the constants next to " + anchor, e);
    }
    return classes;
  }
}
