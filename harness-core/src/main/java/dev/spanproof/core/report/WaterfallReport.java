package dev.spanproof.core.report;

import static dev.spanproof.core.report.Html.escape;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.HashSet;
import java.util.Set;

/**
 * Draws a test's traces as a waterfall on one self-contained HTML page: a bar per span on a time
 * axis shared by all the test's traces, nested under its parent, coloured by status, with its kind,
 * its events as marks on the bar, and, on click, its attributes, events, links and resource. A
 * failed test's message heads the page and the spans it is about are highlighted.
 *
 * <p>The page loads nothing (no script, style sheet, font or image from anywhere) and reads without
 * JavaScript: rows open with {@code <details>}. Its one inline script, allowed by hash in the
 * page's Content-Security-Policy, only adds a name filter and marks a hovered span's ancestors.
 * Span fields are untrusted: they are escaped for HTML text and attributes, and for the JSON the
 * script reads.
 *
 * <pre>{@code
 * Files.writeString(file, WaterfallReport.render(TestReport.passed(name, session.traces())));
 * }</pre>
 */
public final class WaterfallReport {

  private WaterfallReport() {}

  /**
   * The HTML page for {@code test}.
   *
   * @throws IllegalArgumentException if {@code test} is null
   */
  public static String render(TestReport test) {
    if (test == null) {
      throw new IllegalArgumentException("test must not be null");
    }
    TimeAxis axis = TimeAxis.covering(test.traces());
    Set<String> drawn = new HashSet<>();
    test.traces().forEach(t -> t.spans().forEach(n -> drawn.add(anchor(t.traceId(), n.spanId()))));
    StringBuilder out = new StringBuilder(4096);
    Pages.head(out, test.testName());
    out.append("<h1>").append(escape(test.testName())).append("</h1>\n");
    out.append("<p class=\"outcome ")
        .append(test.passed() ? "passed\">passed" : "failed\">failed")
        .append(" · ")
        .append(Pages.count(test.spanCount(), "span"))
        .append(" in ")
        .append(Pages.count(test.traces().size(), "trace"))
        .append(" · ")
        .append(escape(TraceRenderer.formatDuration(test.duration())))
        .append("</p>\n");
    test.failureMessage()
        .ifPresent(
            message ->
                // The parser drops a newline right after <pre> (HTML, "Restrictions on content
                // models"): give it one to drop, so a message starting with one keeps it.
                out.append("<pre class=\"failure\">\n").append(escape(message)).append("</pre>\n"));
    if (test.traces().isEmpty()) {
      out.append("<p>The test captured no spans.</p>\n");
    }
    for (Trace trace : test.traces()) {
      appendTrace(out, trace, axis, test.highlightedSpanIds(), drawn);
    }
    out.append("<script type=\"application/json\" id=\"spanproof-data\">");
    appendData(out, test, axis);
    out.append("</script>\n<script>").append(PageAssets.SCRIPT).append("</script>\n");
    return out.append("</body>\n</html>\n").toString();
  }

  /** The id of a span's row, also the target of links to it. */
  static String anchor(String traceId, String spanId) {
    return "span-" + traceId + "-" + spanId;
  }

  private static void appendTrace(
      StringBuilder out, Trace trace, TimeAxis axis, Set<String> highlighted, Set<String> drawn) {
    out.append("<section class=\"trace\"><h2>trace <code>")
        .append(escape(trace.traceId()))
        .append("</code> (")
        .append(Pages.count(trace.spanCount(), "span"))
        .append(", ")
        .append(escape(TraceRenderer.formatDuration(trace.duration())))
        .append(")</h2>\n");
    appendAxis(out, axis);
    out.append("<ol class=\"spans\">\n");
    boolean showServices = trace.spansSeveralServices();
    for (SpanNode node : trace.spans()) {
      appendSpan(out, trace, node, axis, highlighted.contains(node.spanId()), showServices, drawn);
    }
    out.append("</ol></section>\n");
  }

  private static void appendAxis(StringBuilder out, TimeAxis axis) {
    out.append("<div class=\"axis\" aria-hidden=\"true\"><span></span><span></span>")
        .append("<span class=\"axis-lane\">");
    int ticks = 4;
    for (int i = 0; i <= ticks; i++) {
      String position = i == 0 ? " first" : i == ticks ? " last" : "";
      out.append("<span class=\"tick")
          .append(position)
          .append("\" style=\"left:")
          .append(TimeAxis.percent(i, ticks))
          .append("\">")
          .append(escape(SpanDetails.formatNanos(axis.lengthNanos() * i / ticks)))
          .append("</span>");
    }
    out.append("</span><span></span></div>\n");
  }

  private static void appendSpan(
      StringBuilder out,
      Trace trace,
      SpanNode node,
      TimeAxis axis,
      boolean highlighted,
      boolean showService,
      Set<String> drawn) {
    SpanData span = node.span();
    String status = span.getStatus().getStatusCode().name();
    long start = span.getStartEpochNanos();
    long length = Math.max(0, span.getEndEpochNanos() - start);
    out.append("<li class=\"span")
        .append(highlighted ? " mismatch" : "")
        .append("\" id=\"")
        .append(escape(anchor(trace.traceId(), node.spanId())))
        .append("\" data-trace=\"")
        .append(escape(trace.traceId()))
        .append("\" data-span=\"")
        .append(escape(node.spanId()))
        .append("\"><details><summary>");
    out.append("<span class=\"name\" style=\"padding-left:")
        .append(node.depth())
        .append("em\" title=\"")
        .append(escape(span.getName()))
        .append("\">")
        .append(escape(span.getName()))
        .append("</span><span class=\"kind\">")
        .append(span.getKind().name());
    if (showService) {
      out.append(" <span class=\"service\">")
          .append(escape(node.serviceName().orElse(TraceRenderer.NO_SERVICE)))
          .append("</span>");
    }
    out.append("</span><span class=\"lane\"><span class=\"bar status-")
        .append(status)
        .append("\" style=\"left:")
        .append(axis.percentAt(start))
        .append(";width:")
        .append(TimeAxis.percent(length, axis.lengthNanos()))
        .append("\" title=\"")
        .append(escape(SpanDetails.statusOf(span)))
        .append("\">");
    for (EventData event : span.getEvents()) {
      out.append("<span class=\"event\" style=\"left:")
          .append(TimeAxis.percent(event.getEpochNanos() - start, length))
          .append("\" title=\"")
          .append(escape(event.getName()))
          .append("\"></span>");
    }
    out.append("</span></span><span class=\"dur\">")
        .append(escape(TraceRenderer.formatDuration(node.duration())))
        .append("</span></summary>");
    SpanDetails.append(out, node, axis, drawn);
    out.append("</details></li>\n");
  }

  /** The spans as the script reads them: ids, parent, name and timing relative to the axis. */
  private static void appendData(StringBuilder out, TestReport test, TimeAxis axis) {
    out.append('[');
    boolean first = true;
    for (Trace trace : test.traces()) {
      for (SpanNode node : trace.spans()) {
        SpanData span = node.span();
        out.append(first ? "" : ",")
            .append("{\"trace\":")
            .append(Json.string(trace.traceId()))
            .append(",\"id\":")
            .append(Json.string(node.spanId()))
            .append(",\"parent\":")
            .append(Json.string(node.isRoot() ? "" : node.parentSpanId()))
            .append(",\"name\":")
            .append(Json.string(span.getName()))
            .append(",\"startNanos\":")
            .append(span.getStartEpochNanos() - axis.startEpochNanos())
            .append(",\"durationNanos\":")
            .append(node.duration().toNanos())
            .append('}');
        first = false;
      }
    }
    out.append(']');
  }
}
