package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shared shape of every failure message: "Expecting … to …:", the expected value indented, "but
 * …:", the actual value indented, then a blank line and the trace drawn as a tree.
 */
final class Layout {

  /** Attributes drawn on every span that has them: the ones that identify what a span did. */
  static final List<String> KEY_ATTRIBUTES =
      List.of(
          "http.request.method",
          "http.route",
          "http.response.status_code",
          "db.system.name",
          "db.system",
          "db.operation.name",
          "messaging.operation.type",
          "messaging.destination.name",
          "rpc.method",
          "error.type");

  /** How to build what hasStructure expects, for its null-argument message. */
  static final String STRUCTURE_HINT =
      "build the expected tree with span(\"root\", span(\"child\"))";

  /** Failure messages draw at most this many spans of a trace, plus the spans they point at. */
  static final int MAX_DRAWN_SPANS = 100;

  private Layout() {}

  /**
   * How failure messages draw a trace: at most {@link #MAX_DRAWN_SPANS} spans, these attributes.
   */
  static TraceRenderer renderer(List<String> attributes) {
    return TraceRenderer.create()
        .withMaxSpans(MAX_DRAWN_SPANS)
        .withAttributes(attributes.toArray(String[]::new));
  }

  /** "Expecting {subject} to {expectation}:\n {expected}\nbut {but}:\n {actual}". */
  static String expecting(
      String subject, String expectation, Object expected, String but, Object actual) {
    return "Expecting "
        + subject
        + " to "
        + expectation
        + ":\n"
        + indent(expected)
        + "\nbut "
        + but
        + ":\n"
        + indent(actual);
  }

  /** "Expecting {subject} to {expectation}:\n {expected}\nbut {but}". */
  static String expecting(String subject, String expectation, Object expected, String but) {
    return "Expecting "
        + subject
        + " to "
        + expectation
        + ":\n"
        + indent(expected)
        + "\nbut "
        + but;
  }

  /**
   * A failure message format, started on a line of its own when the failure goes to a soft report:
   * AssertJ heads each collected failure with "-- failure 1 --" and expects the message to begin
   * with a line break, as its own messages do.
   */
  static String startingOwnLineIfSoft(String format, boolean soft) {
    return soft ? "\n" + format : format;
  }

  static String indent(Object value) {
    return String.valueOf(value).lines().map(line -> "  " + line).collect(Collectors.joining("\n"));
  }

  static String span(SpanNode node) {
    return "span [" + node.name() + "]";
  }

  static String span(String name) {
    return "span [" + name + "]";
  }

  static String trace(Trace trace) {
    return "trace " + trace.traceId();
  }

  static String quote(String text) {
    return text == null ? "null" : "\"" + text + "\"";
  }

  /** Span names in brackets: [a, b, c]. */
  static String names(Collection<SpanNode> nodes) {
    return nodes.stream().map(SpanNode::name).collect(Collectors.joining(", ", "[", "]"));
  }

  /** How messages draw traces that no assertion narrowed: the key attributes, nothing marked. */
  static TraceRenderer defaultRenderer() {
    return renderer(KEY_ATTRIBUTES);
  }

  /**
   * The one failure renderer: {@code failure}'s message, a blank line, and {@code trace} drawn with
   * {@code shownAttributes} plus the failure's own, each mark on the line of the span with the same
   * id. Reads its inputs, changes none of them.
   */
  static String describe(Failure failure, Trace trace, List<String> shownAttributes) {
    if (!failure.drawsTree() || trace == null) {
      return failure.message();
    }
    TraceRenderer renderer = renderer(union(shownAttributes, failure.alsoShown()));
    for (Map.Entry<SpanNode, String> mark : failure.marks().entrySet()) {
      // A span asserted on its own is drawn in a trace rebuilt from its root: find it by id.
      SpanNode node = trace.findBySpanId(mark.getKey().spanId()).orElse(mark.getKey());
      renderer = renderer.withMark(node, mark.getValue());
    }
    return failure.message() + "\n\n" + renderer.render(trace);
  }

  /** {@code keys} followed by those of {@code more} that it lacks. */
  static List<String> union(List<String> keys, Collection<String> more) {
    Set<String> all = new LinkedHashSet<>(keys);
    all.addAll(more);
    return List.copyOf(all);
  }

  static String lines(Collection<?> items) {
    return items.stream().map(String::valueOf).collect(Collectors.joining("\n"));
  }

  static String count(int n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
