package dev.spanproof.core.sampling;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of the configuration (the processor, a policy, a policy's block), read field by
 * field with the Collector's types. Every problem becomes a {@link TailSamplingConfigException}
 * that names where it is ({@code tail_sampling policy "slow"}), the field and the line.
 */
final class YamlBlock {

  private final String where;
  private final String prefix;
  private final Node node;
  private final Map<String, NodeTuple> fields = new LinkedHashMap<>();

  /**
   * @param where how messages name the owner, e.g. {@code tail_sampling policy "slow"}
   * @param prefix how messages prefix this block's fields, e.g. {@code latency.}
   * @param known the fields the Collector knows here
   */
  private YamlBlock(String where, String prefix, Node node, List<String> known) {
    this.where = where;
    this.prefix = prefix;
    this.node = node;
    if (!(node instanceof MappingNode mapping)) {
      String subject = prefix.isEmpty() ? "it" : prefix.substring(0, prefix.length() - 1);
      throw problem(
          node,
          isEmpty(node)
              ? subject + " is empty, but needs fields"
              : subject + " must be a mapping of fields, but is " + shown(node));
    }
    Set<String> seen = new HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = keyOf(tuple);
      if (!known.contains(key)) {
        throw problem(
            tuple.getKeyNode(),
            "unknown field \""
                + prefix
                + key
                + "\"; the fields here are "
                + String.join(", ", known));
      }
      if (!seen.add(key)) {
        throw problem(tuple.getKeyNode(), "field \"" + prefix + key + "\" appears twice");
      }
      fields.put(key, tuple);
    }
  }

  /** The string value of {@code field} in {@code node}, if it is a mapping that has one. */
  static Optional<String> peekString(Node node, String field) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key
            && key.getValue().equals(field)
            && tuple.getValueNode() instanceof ScalarNode value
            && value.getTag().equals(Tag.STR)) {
          return Optional.of(value.getValue());
        }
      }
    }
    return Optional.empty();
  }

  static YamlBlock of(String where, Node node, String section) {
    return new YamlBlock(where, "", node, CollectorFields.of(section));
  }

  /** The block {@code field} (e.g. {@code latency}), its fields listed under {@code section}. */
  Optional<YamlBlock> block(String field, String section) {
    return value(field)
        .map(
            value ->
                new YamlBlock(where, prefix + field + ".", value, CollectorFields.of(section)));
  }

  /** Like {@link #block}, for a block the policy's type needs. */
  YamlBlock requiredBlock(String field, String section, String neededFor) {
    return block(field, section)
        .orElseThrow(
            () ->
                problem(node, "\"" + prefix + field + "\" is missing; " + neededFor + " needs it"));
  }

  /** A policy's block named after its type, e.g. {@code latency:} for type latency. */
  YamlBlock typeBlock(String type) {
    return requiredBlock(type, type, "type " + type);
  }

  boolean has(String field) {
    return value(field).isPresent();
  }

  String requiredString(String field) {
    return string(field).orElseThrow(() -> missing(field));
  }

  Optional<String> string(String field) {
    return scalar(field, Tag.STR, "a string");
  }

  long requiredInteger(String field) {
    return integer(field).orElseThrow(() -> missing(field));
  }

  Optional<Long> integer(String field) {
    Optional<String> text = scalar(field, Tag.INT, "an integer");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String digits = text.get().replace("_", "");
    try {
      return Optional.of(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      throw problem(
          value(field).orElseThrow(),
          name(field)
              + (digits.matches("[-+]?[0-9]+")
                  ? " must fit 64 bits (int64), but is "
                  : " must be a decimal integer, but is ")
              + text.get());
    }
  }

  double requiredNumber(String field) {
    Optional<Node> value = value(field);
    if (value.isEmpty()) {
      throw missing(field);
    }
    Node node = value.get();
    if (node instanceof ScalarNode scalar
        && (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
      try {
        double number = Double.parseDouble(scalar.getValue().replace("_", ""));
        if (Double.isInfinite(number)) {
          throw problem(
              node, name(field) + " must fit 64 bits (float64), but is " + scalar.getValue());
        }
        return number;
      } catch (NumberFormatException e) {
        // Falls through to the message below: YAML's .inf and .nan are not numbers here.
      }
    }
    throw problem(node, name(field) + " must be a number, but is " + shown(node));
  }

  boolean requiredBoolean(String field) {
    return bool(field).orElseThrow(() -> missing(field));
  }

  /** true or false, as Go's YAML (1.2) reads booleans: yes, no, on and off are strings there. */
  Optional<Boolean> bool(String field) {
    Optional<Node> value = value(field);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Node node = value.get();
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
      String text = scalar.getValue().toLowerCase(java.util.Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Optional.of(text.equals("true"));
      }
    }
    throw problem(node, name(field) + " must be true or false, but is " + shown(node));
  }

  /** A list of strings; each element's node too, for messages about one of them. */
  List<ScalarNode> stringList(String field) {
    Optional<Node> value = value(field);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!(value.get() instanceof SequenceNode sequence)) {
      throw problem(
          value.get(), name(field) + " must be a list of strings, but is " + shown(value.get()));
    }
    List<ScalarNode> items = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      if (!(item instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.STR)) {
        throw problem(item, name(field) + " must be a list of strings, but has " + shown(item));
      }
      items.add(scalar);
    }
    return items;
  }

  List<ScalarNode> requiredStringList(String field) {
    List<ScalarNode> items = stringList(field);
    if (items.isEmpty()) {
      throw has(field)
          ? problem(value(field).orElseThrow(), name(field) + " must not be empty")
          : missing(field);
    }
    return items;
  }

  /** The mappings of a list field, e.g. {@code policies}. */
  List<Node> requiredMappingList(String field) {
    Optional<Node> value = value(field);
    if (value.isEmpty()) {
      throw missing(field);
    }
    if (!(value.get() instanceof SequenceNode sequence)) {
      throw problem(value.get(), name(field) + " must be a list, but is " + shown(value.get()));
    }
    if (sequence.getValue().isEmpty()) {
      throw problem(sequence, name(field) + " must not be empty");
    }
    return List.copyOf(sequence.getValue());
  }

  /** {@code value}, read from {@code field}, if it is not negative. */
  long notNegative(String field, long value) {
    if (value < 0) {
      throw problem(node, name(field) + " must not be negative, but is " + value);
    }
    return value;
  }

  /** {@code value}, read from {@code field}, if it is positive. */
  long positive(String field, long value) {
    if (value <= 0) {
      throw problem(node, name(field) + " must be positive, but is " + value);
    }
    return value;
  }

  /** {@code value}, read from {@code field}, if it fits Go's int32 (it is not negative). */
  int int32(String field, long value) {
    if (value > Integer.MAX_VALUE) {
      throw problem(node, name(field) + " must fit 32 bits (int32), but is " + value);
    }
    return (int) value;
  }

  /** The node of {@code field}, required. */
  Node requiredNode(String field) {
    return value(field).orElseThrow(() -> missing(field));
  }

  Node node() {
    return node;
  }

  /** "latency.threshold_ms". */
  String name(String field) {
    return prefix + field;
  }

  TailSamplingConfigException problem(Node at, String message) {
    return problem(where, at, message);
  }

  static TailSamplingConfigException problem(String where, Node at, String message) {
    int line = at == null ? 0 : at.getStartMark().getLine() + 1;
    return new TailSamplingConfigException(
        where + (line == 0 ? "" : " (line " + line + ")") + ": " + message, line);
  }

  private TailSamplingConfigException missing(String field) {
    return problem(node, "\"" + name(field) + "\" is missing");
  }

  private Optional<String> scalar(String field, Tag tag, String expected) {
    Optional<Node> value = value(field);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.get() instanceof ScalarNode scalar && scalar.getTag().equals(tag)) {
      return Optional.of(scalar.getValue());
    }
    throw problem(
        value.get(), name(field) + " must be " + expected + ", but is " + shown(value.get()));
  }

  /** The field's value; a field written with no value (null) counts as absent, as in Go. */
  private Optional<Node> value(String field) {
    NodeTuple tuple = fields.get(field);
    if (tuple == null) {
      return Optional.empty();
    }
    Node value = tuple.getValueNode();
    if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private String keyOf(NodeTuple tuple) {
    if (tuple.getKeyNode() instanceof ScalarNode key) {
      return key.getValue();
    }
    throw problem(tuple.getKeyNode(), "a field name must be a plain word");
  }

  private static boolean isEmpty(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  static String shown(Node node) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getTag().equals(Tag.STR) ? Texts.quote(scalar.getValue()) : scalar.getValue();
    }
    return node instanceof SequenceNode ? "a list" : "a mapping";
  }
}
