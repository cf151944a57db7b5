package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.common.AttributeKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Ways to pick one of several same-named spans, for the "several spans" failure to suggest: by
 * position under their common parent, or by an attribute whose value tells them apart.
 */
final class SpanPicks {

  private SpanPicks() {}

  /**
   * Calls that pick the first of {@code candidates}, e.g. {@code span("GET
   * /orders").child("SELECT", 0)}.
   *
   * @param amongChildren whether the caller already navigated to the common parent
   */
  static List<String> suggest(List<SpanNode> candidates, String name, boolean amongChildren) {
    List<String> picks = new ArrayList<>();
    Optional<SpanNode> parent = commonParent(candidates);
    if (parent.isPresent()) {
      String child = "child(" + literal(name) + ", 0)";
      picks.add(amongChildren ? child : "span(" + literal(parent.get().name()) + ")." + child);
    }
    if (!amongChildren) {
      distinguishingAttribute(candidates)
          .ifPresent(
              key ->
                  picks.add(
                      "spanWithAttribute("
                          + literal(name)
                          + ", "
                          + literal(key.getKey())
                          + ", "
                          + literal(candidates.get(0).span().getAttributes().get(key))
                          + ")"));
    }
    return picks;
  }

  private static Optional<SpanNode> commonParent(List<SpanNode> candidates) {
    Optional<SpanNode> first = candidates.get(0).parent();
    boolean shared =
        first.isPresent() && candidates.stream().allMatch(node -> node.parent().equals(first));
    return shared ? first : Optional.empty();
  }

  /** The first key (by name) that every candidate has, with a different scalar value each. */
  private static Optional<AttributeKey<?>> distinguishingAttribute(List<SpanNode> candidates) {
    Map<String, AttributeKey<?>> byName = new TreeMap<>();
    candidates.get(0).span().getAttributes().forEach((key, value) -> byName.put(key.getKey(), key));
    for (AttributeKey<?> key : byName.values()) {
      Set<Object> values = new HashSet<>();
      boolean tellsApart =
          candidates.stream()
              .map(node -> node.span().getAttributes().get(key))
              .allMatch(value -> value != null && !(value instanceof List) && values.add(value));
      if (tellsApart) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /** How the value is written in Java source: strings quoted, the rest as they print. */
  private static String literal(Object value) {
    return value instanceof String text
        ? "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
        : String.valueOf(value);
  }
}
