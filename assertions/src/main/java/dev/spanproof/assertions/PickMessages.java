package dev.spanproof.assertions;

import static dev.spanproof.assertions.Layout.expecting;
import static dev.spanproof.assertions.Layout.quote;
import static dev.spanproof.assertions.Layout.span;
import static dev.spanproof.assertions.Layout.trace;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.List;
import java.util.stream.Collectors;

/** Failure messages about picking one of several same-named spans. */
final class PickMessages {

  private PickMessages() {}

  /**
   * @param scope "trace …" when looking through a trace, "span [x]" when looking at its children
   * @param noun "span" or "child"
   */
  static String shouldHaveUniqueSpanNamed(
      String scope, String noun, String name, List<String> waysToPick) {
    return expecting(
        scope,
        "have exactly one " + noun + " named",
        quote(name),
        "it has " + waysToPick.size() + ". Pick one",
        Layout.lines(waysToPick));
  }

  static String shouldHaveOneSpanWithAttribute(
      Trace trace, String name, String wanted, int count, List<String> waysToPick) {
    return expecting(
        trace(trace),
        "have exactly one span named " + quote(name) + " with",
        wanted,
        "it has " + count + ". Pick one",
        Layout.lines(waysToPick));
  }

  static String shouldHaveSpanWithAttribute(
      Trace trace, String name, String wanted, String key, List<SpanNode> named) {
    return expecting(
        trace(trace),
        "have a span named " + quote(name) + " with",
        wanted,
        "its spans of that name have",
        named.stream()
            .map(
                node -> {
                  Object value = SpanPicks.valueOf(node, key);
                  return node.spanId()
                      + ": "
                      + (value == null ? "no " + key : key + "=" + SpanPicks.literal(value));
                })
            .collect(Collectors.joining("\n")));
  }

  static String shouldHaveChildAt(SpanNode node, String name, int index, List<SpanNode> named) {
    return expecting(
        span(node),
        "have a child named " + quote(name) + " at index",
        index,
        "it has "
            + Layout.count(named.size(), "child", "children")
            + " of that name: "
            + named.stream().map(SpanNode::spanId).collect(Collectors.joining(", ")));
  }
}
