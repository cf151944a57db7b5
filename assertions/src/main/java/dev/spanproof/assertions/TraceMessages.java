package dev.spanproof.assertions;

import static dev.spanproof.assertions.Layout.count;
import static dev.spanproof.assertions.Layout.expecting;
import static dev.spanproof.assertions.Layout.lines;
import static dev.spanproof.assertions.Layout.names;
import static dev.spanproof.assertions.Layout.quote;
import static dev.spanproof.assertions.Layout.span;
import static dev.spanproof.assertions.Layout.trace;

import dev.spanproof.core.UnendedSpan;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Failure messages about whole traces and their trees: counts, roots, structure, lookups by name.
 */
final class TraceMessages {

  static final String NO_SESSION =
      "Expecting a spanproof capture session to be current, but there is none.\n"
          + "assertThatTrace() and assertThatTraces() read the current test's spans: annotate the test class"
          + " with @ExtendWith(TracingExtension.class) (or register TracingExtension with @RegisterExtension),"
          + " or make a CaptureSession current yourself; to check spans from elsewhere, pass them to"
          + " assertThatTrace(Collection<SpanData>).";

  private TraceMessages() {}

  static String shouldHaveOneTrace(
      String source, List<Trace> traces, List<UnendedSpan> unended, TraceRenderer renderer) {
    String found =
        traces.isEmpty()
            ? "it has none"
            : "it has "
                + traces.size()
                + ", with roots "
                + traces.stream().map(t -> names(t.roots())).collect(Collectors.joining(", "));
    StringBuilder out =
        new StringBuilder("Expecting " + source + " to hold exactly one trace, but " + found);
    appendUnended(out, unended);
    if (!traces.isEmpty()) {
      out.append("\n\n").append(renderer.render(traces));
    }
    return out.toString();
  }

  /** No trace and no span still running: the test captured nothing, and the causes say why. */
  static String shouldHaveCapturedASpan(String source, String causes) {
    return "Expecting "
        + source
        + " to hold exactly one trace, but it has none: not a single span was captured.\n"
        + causes;
  }

  /**
   * @param noTraceCauses the usual causes, when not a single span was captured (drawn instead of an
   *     empty trace list); else null
   */
  static String shouldHaveTraceCount(
      String source,
      int expected,
      List<Trace> traces,
      List<UnendedSpan> unended,
      String noTraceCauses,
      TraceRenderer renderer) {
    StringBuilder out =
        new StringBuilder(
            expecting(source, "hold this many traces", expected, "it holds", traces.size()));
    appendUnended(out, unended);
    if (noTraceCauses != null) {
      out.append("\nNot a single span was captured. ").append(noTraceCauses);
    } else {
      out.append("\n\n").append(renderer.render(traces));
    }
    return out.toString();
  }

  static String shouldHaveNoUnendedSpans(
      String source, List<UnendedSpan> unended, List<Trace> traces, TraceRenderer renderer) {
    StringBuilder out =
        new StringBuilder("Expecting ")
            .append(source)
            .append(" to have ended every span it started, but ")
            .append(count(unended.size(), "span is", "spans are"))
            .append(" still running:");
    for (UnendedSpan span : unended) {
      out.append('\n').append(Layout.indent(span.describe().replace("\t", "  ")));
    }
    out.append(
        "\nEnd every span, typically with span.end() in a finally block; if "
            + (unended.size() == 1 ? "it ends" : "they end")
            + " on another thread, wait with awaitTrace().untilComplete().");
    if (!traces.isEmpty()) {
      out.append("\n\n").append(renderer.render(traces));
    }
    return out.toString();
  }

  private static void appendUnended(StringBuilder out, List<UnendedSpan> unended) {
    if (!unended.isEmpty()) {
      out.append("\n")
          .append(count(unended.size(), "span was", "spans were"))
          .append(" started but not ended (yet):");
      for (UnendedSpan span : unended) {
        out.append("\n  span [")
            .append(span.name())
            .append("] ")
            .append(span.spanContext().getSpanId());
      }
      out.append(
          "\nIf they end on another thread, wait for them with awaitTrace().untilComplete().");
    }
  }

  static String shouldHaveRoot(Trace trace, String expected) {
    List<SpanNode> roots = trace.roots();
    if (roots.size() > 1) {
      return expecting(
          trace(trace),
          "have the single root",
          span(expected),
          "it has " + roots.size() + " roots",
          names(roots));
    }
    SpanNode root = roots.get(0);
    if (root.isOrphan()) {
      return expecting(
          trace(trace),
          "have the root",
          span(expected),
          "its top span "
              + span(root)
              + " is an orphan: its parent "
              + root.parentSpanId()
              + " was never captured");
    }
    return expecting(trace(trace), "have the root", span(expected), "the root is", span(root));
  }

  static String shouldHaveSingleRoot(Trace trace) {
    return expecting(
        trace(trace),
        "have a single root",
        "1 root",
        "it has " + trace.roots().size() + " roots",
        names(trace.roots()));
  }

  static String shouldHaveNoOrphans(Trace trace, List<SpanNode> orphans) {
    return expecting(
        trace(trace),
        "have no orphans (spans whose parent was never captured)",
        "0 orphans",
        "it has " + orphans.size(),
        orphans.stream()
            .map(node -> span(node) + " with missing parent " + node.parentSpanId())
            .collect(Collectors.joining("\n")));
  }

  static String shouldHaveSpanCount(Trace trace, int expected) {
    return expecting(trace(trace), "have this many spans", expected, "it has", trace.spanCount());
  }

  static String shouldHaveSpansNamed(Trace trace, String name, int expected, int actual) {
    return expecting(
        trace(trace), "have this many spans named " + quote(name), expected, "it has", actual);
  }

  static String shouldHaveSpanNamed(Trace trace, String name, List<SpanNode> nearMisses) {
    return expecting(
        trace(trace), "have a span named", quote(name), "it has none" + didYouMean(nearMisses));
  }

  /**
   * @param amongChildren whether the candidates are children of the span in {@code scope}
   * @param waysToPick one line per candidate, with the calls that would pick it
   */
  static String shouldHaveUniqueSpanNamed(
      String scope, String name, boolean amongChildren, List<String> waysToPick) {
    return expecting(
        scope,
        "have exactly one " + (amongChildren ? "child" : "span") + " named",
        quote(name),
        "it has " + waysToPick.size() + ". Pick one",
        lines(waysToPick));
  }

  /**
   * @param waysToPick when several match, one line per match with the calls that would pick it
   */
  static String shouldHaveOneSpanWithAttribute(
      Trace trace,
      String name,
      String key,
      Object value,
      List<SpanNode> named,
      int matching,
      List<String> waysToPick) {
    String message =
        expecting(
            trace(trace),
            "have exactly one span named " + quote(name) + " with the attribute",
            key + "=" + value,
            "it has " + matching + "; the spans named " + quote(name) + " have",
            named.stream()
                .map(
                    node ->
                        node.spanId()
                            + " "
                            + node.span().getAttributes().asMap().entrySet().stream()
                                .filter(entry -> entry.getKey().getKey().equals(key))
                                .map(entry -> key + "=" + entry.getValue())
                                .findFirst()
                                .orElse("(no " + key + ")"))
                .collect(Collectors.joining("\n")));
    return waysToPick.isEmpty()
        ? message
        : message + "\nPick one:\n" + Layout.indent(lines(waysToPick));
  }

  static String shouldNotHaveSpanNamed(Trace trace, String name, List<SpanNode> matches) {
    return expecting(trace(trace), "have no span named", quote(name), "it has " + matches.size());
  }

  static String shouldHaveDepth(Trace trace, int expected) {
    return expecting(trace(trace), "have this many levels", expected, "it has", trace.depth());
  }

  static String shouldHaveTraceId(Trace trace, String expected) {
    return expecting("trace", "have the id", expected, "its id is", trace.traceId());
  }

  static String shouldHaveStructure(
      Trace trace, ExpectedSpan expected, boolean ordered, String problem) {
    return expecting(
        trace(trace),
        "have the structure ("
            + (ordered ? "children in start order" : "children in any order")
            + ")",
        expected,
        problem);
  }

  static String shouldNotRepeatSiblings(Trace trace, int maxRepeats, List<String> offenders) {
    return expecting(
        trace(trace),
        "have no span with more than "
            + count(maxRepeats, "child", "children")
            + " of the same name",
        "at most " + maxRepeats,
        "found (an N+1 pattern?)",
        Layout.lines(offenders));
  }

  static String shouldHaveDurationAtMost(Trace trace, String expected, String actual) {
    return expecting(trace(trace), "last at most", expected, "it lasted", actual);
  }

  /** "; did you mean:\n a\n b" — or nothing when the trace has no spans to suggest. */
  static String didYouMean(List<SpanNode> nearMisses) {
    if (nearMisses.isEmpty()) {
      return "";
    }
    return ". Did you mean:\n"
        + nearMisses.stream()
            .map(n -> "  " + span(n) + " " + n.spanId() + position(n))
            .collect(Collectors.joining("\n"));
  }

  /** Where a span hangs: " under span [parent]", or " (a root)". */
  static String position(SpanNode node) {
    return node.parent().map(parent -> " under " + span(parent)).orElse(" (a root)");
  }
}
