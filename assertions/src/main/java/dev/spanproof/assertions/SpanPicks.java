package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Picking one of several same-named spans: by an attribute, or by position under the parent; and
 * the ways to pick each one that the "several spans" failure suggests, with the trace's own values.
 */
final class SpanPicks {

  private SpanPicks() {}

  /** The {@code index}-th direct child named {@code name}, in start order, as a node of trace. */
  static Lookup child(SpanNode span, Trace trace, String name, int index) {
    List<SpanNode> named = childrenNamed(span, name);
    if (named.isEmpty()) {
      return TreeChecks.child(span, trace, name);
    }
    if (index < named.size()) {
      return Lookup.found(TreeChecks.nodeIn(trace, named.get(index)));
    }
    return Lookup.failed(
        at(
            span,
            "expected a child named " + Layout.quote(name) + " at index " + index,
            PickMessages.shouldHaveChildAt(span, name, index, named),
            named.size(),
            index + 1));
  }

  /**
   * The only span named {@code name} whose attribute {@code key} matches.
   *
   * @param expected the expected value, for the message
   * @param matches whether a span's attribute matches
   */
  static Lookup spanWithAttribute(
      Trace trace, String name, String key, Object expected, Predicate<SpanNode> matches) {
    List<SpanNode> named = trace.spansNamed(name);
    if (named.isEmpty()) {
      return Lookup.failed(TraceShapeChecks.missingSpan(trace, name));
    }
    List<SpanNode> matching = named.stream().filter(matches).toList();
    if (matching.size() == 1) {
      return Lookup.found(matching.get(0));
    }
    String wanted = key + "=" + literal(expected);
    if (matching.isEmpty()) {
      Failure failure =
          Failure.of(
                  PickMessages.shouldHaveSpanWithAttribute(trace, name, wanted, key, named),
                  null,
                  wanted)
              .showing(key);
      return Lookup.failed(failure.marking(named, "expected " + wanted));
    }
    return Lookup.failed(
        several(
            matching,
            PickMessages.shouldHaveOneSpanWithAttribute(
                trace, name, wanted, matching.size(), waysToPick(trace, matching, name, null))));
  }

  /** The failure for several candidates where one was expected, each marked "i of n". */
  static Failure several(List<SpanNode> candidates, String message) {
    Failure failure = Failure.of(message, candidates.size(), 1);
    for (int i = 0; i < candidates.size(); i++) {
      failure = failure.marking(candidates.get(i), (i + 1) + " of " + candidates.size());
    }
    return failure;
  }

  /**
   * One line per candidate: "1 of 2 (span id): span("x", "key", "a") or span("p").child("x", 0)".
   *
   * @param under the span whose children the candidates are, when navigating with {@code child};
   *     null when looking through the whole trace
   */
  static List<String> waysToPick(
      Trace trace, List<SpanNode> candidates, String name, SpanNode under) {
    Optional<String> key = under == null ? distinguishingKey(candidates) : Optional.empty();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      SpanNode candidate = candidates.get(i);
      List<String> ways = new ArrayList<>();
      key.ifPresent(
          k ->
              ways.add(
                  "span("
                      + Layout.quote(name)
                      + ", "
                      + Layout.quote(k)
                      + ", "
                      + literal(valueOf(candidate, k))
                      + ")"));
      byPosition(trace, candidate, name, under).ifPresent(ways::add);
      lines.add(
          (i + 1)
              + " of "
              + candidates.size()
              + " ("
              + candidate.spanId()
              + "): "
              + (ways.isEmpty()
                  ? "no attribute tells it apart, and it has no parent to pick it under"
                  : String.join(" or ", ways)));
    }
    return lines;
  }

  /**
   * "span("parent").child("x", 1)", or "child("x", 1)" under {@code under}; when the parent's name
   * is not unique either, the path to the parent goes up the tree the same way.
   */
  private static Optional<String> byPosition(
      Trace trace, SpanNode candidate, String name, SpanNode under) {
    Optional<SpanNode> parent = candidate.parent();
    if (parent.isEmpty()) {
      return Optional.empty();
    }
    int index = childrenNamed(parent.get(), name).indexOf(candidate);
    String child = "child(" + Layout.quote(name) + ", " + index + ")";
    if (under != null) {
      return Optional.of(child);
    }
    return pathTo(trace, parent.get()).map(path -> path + "." + child);
  }

  /** The navigation from the trace to {@code node}: by its name when unique, else by position. */
  private static Optional<String> pathTo(Trace trace, SpanNode node) {
    if (trace.spansNamed(node.name()).size() == 1) {
      return Optional.of("span(" + Layout.quote(node.name()) + ")");
    }
    return byPosition(trace, node, node.name(), null);
  }

  /**
   * An attribute every candidate has, with a different value on each: the key attributes first,
   * then by name.
   */
  private static Optional<String> distinguishingKey(List<SpanNode> candidates) {
    Set<String> keys = new TreeSet<>();
    candidates.get(0).span().getAttributes().forEach((key, value) -> keys.add(key.getKey()));
    return keys.stream()
        .filter(key -> tellsApart(candidates, key))
        .min(
            Comparator.comparing((String key) -> !Layout.KEY_ATTRIBUTES.contains(key))
                .thenComparingInt(key -> Math.max(0, Layout.KEY_ATTRIBUTES.indexOf(key))));
  }

  private static boolean tellsApart(List<SpanNode> candidates, String key) {
    Set<Object> seen = new HashSet<>();
    for (SpanNode candidate : candidates) {
      Object value = valueOf(candidate, key);
      if (!isScalar(value) || !seen.add(value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isScalar(Object value) {
    return value instanceof String
        || value instanceof Long
        || value instanceof Double
        || value instanceof Boolean;
  }

  /** The span's value of the attribute named {@code key}, of whatever type; null when absent. */
  static Object valueOf(SpanNode span, String key) {
    return PartChecks.attributeNamed(span.span().getAttributes(), key)
        .map(Map.Entry::getValue)
        .orElse(null);
  }

  /** The value as Java source: strings quoted and escaped, numbers and booleans as they are. */
  static String literal(Object value) {
    if (value instanceof String text) {
      return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return String.valueOf(value);
  }

  /** The matcher for {@code span(name, key, value)}: the typed attribute equals {@code value}. */
  static <T> Predicate<SpanNode> hasAttribute(AttributeKey<T> key, T value) {
    return node -> value.equals(node.span().getAttributes().get(key));
  }

  /** The matcher for {@code span(name, key, value)} with a key of any type, numbers by value. */
  static Predicate<SpanNode> hasAttribute(String key, Object value) {
    Object expected = AttributeChecks.normalize(value);
    return node -> {
      Object actual = valueOf(node, key);
      return actual != null && AttributeChecks.normalize(actual).equals(expected);
    };
  }

  private static List<SpanNode> childrenNamed(SpanNode span, String name) {
    return span.children().stream().filter(child -> child.name().equals(name)).toList();
  }
}
