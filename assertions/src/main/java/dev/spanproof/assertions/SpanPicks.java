package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ways to pick each of several same-named spans, for the "several spans" failure to suggest
 * with the trace's own values: by an attribute that tells them apart ({@code spanWithAttribute}),
 * and by position under the parent ({@code child(name, index)}, from a parent picked the same way).
 */
final class SpanPicks {

  private SpanPicks() {}

  /**
   * One line per candidate, e.g. {@code 1 of 2 (span id): spanWithAttribute("x", "key", "a") or
   * span("p").child("x", 0)}.
   *
   * @param amongChildren whether the candidates are the children of the span navigated from, so
   *     that {@code child(name, index)} alone picks them
   */
  static List<String> waysToPick(
      Trace trace, List<SpanNode> candidates, String name, boolean amongChildren) {
    Optional<String> key = amongChildren ? Optional.empty() : distinguishingKey(candidates);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      SpanNode candidate = candidates.get(i);
      List<String> ways = new ArrayList<>();
      key.ifPresent(
          k ->
              ways.add(
                  "spanWithAttribute("
                      + literal(name)
                      + ", "
                      + literal(k)
                      + ", "
                      + literal(valueOf(candidate, k))
                      + ")"));
      byPosition(trace, candidate, amongChildren).ifPresent(ways::add);
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
   * {@code span("parent").child("x", 1)}, or {@code child("x", 1)} among children; when the
   * parent's name is not unique either, the path to the parent goes up the tree the same way.
   */
  private static Optional<String> byPosition(
      Trace trace, SpanNode candidate, boolean amongChildren) {
    Optional<SpanNode> parent = candidate.parent();
    if (parent.isEmpty()) {
      return Optional.empty();
    }
    List<SpanNode> sameNamed =
        parent.get().children().stream()
            .filter(child -> child.name().equals(candidate.name()))
            .toList();
    String child = "child(" + literal(candidate.name()) + ", " + sameNamed.indexOf(candidate) + ")";
    if (amongChildren) {
      return Optional.of(child);
    }
    return pathTo(trace, parent.get()).map(path -> path + "." + child);
  }

  /** The navigation from the trace to {@code node}: by its name when unique, else by position. */
  private static Optional<String> pathTo(Trace trace, SpanNode node) {
    if (trace.spansNamed(node.name()).size() == 1) {
      return Optional.of("span(" + literal(node.name()) + ")");
    }
    return byPosition(trace, node, false);
  }

  /**
   * An attribute every candidate has, with a different scalar value on each: the key attributes
   * that failure trees draw first, then by name.
   */
  private static Optional<String> distinguishingKey(List<SpanNode> candidates) {
    Set<String> keys = new TreeSet<>();
    candidates.get(0).span().getAttributes().forEach((key, value) -> keys.add(key.getKey()));
    return keys.stream()
        .filter(key -> tellsApart(candidates, key))
        .min(
            Comparator.comparing((String key) -> !Layout.KEY_ATTRIBUTES.contains(key))
                .thenComparingInt(Layout.KEY_ATTRIBUTES::indexOf));
  }

  private static boolean tellsApart(List<SpanNode> candidates, String key) {
    Set<Object> seen = new HashSet<>();
    for (SpanNode candidate : candidates) {
      Object value = valueOf(candidate, key);
      boolean scalar =
          value instanceof String
              || value instanceof Long
              || value instanceof Double
              || value instanceof Boolean;
      if (!scalar || !seen.add(value)) {
        return false;
      }
    }
    return true;
  }

  /** The span's value of the attribute named {@code key}, of whatever type; null when absent. */
  private static Object valueOf(SpanNode span, String key) {
    Object[] found = {null};
    span.span()
        .getAttributes()
        .forEach(
            (attribute, value) -> {
              if (attribute.getKey().equals(key)) {
                found[0] = value;
              }
            });
    return found[0];
  }

  /**
   * How the value is written in Java source: strings quoted and escaped, the rest as they print.
   */
  private static String literal(Object value) {
    return value instanceof String text
        ? "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
        : String.valueOf(value);
  }
}
