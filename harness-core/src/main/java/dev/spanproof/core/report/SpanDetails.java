package dev.spanproof.core.report;

import static dev.spanproof.core.report.Html.escape;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Set;

/**
 * The part of a span's row that opens on click: ids, status, attributes, events, links, resource.
 */
final class SpanDetails {

  private SpanDetails() {}

  static void append(StringBuilder out, SpanNode node, TimeAxis axis, Set<String> drawnSpans) {
    SpanData span = node.span();
    out.append("<div class=\"details\"><table>");
    row(out, "span id", span.getSpanId());
    row(out, "parent", node.isRoot() ? parentOfRoot(node) : node.parentSpanId());
    row(out, "kind", span.getKind().name());
    row(out, "status", statusOf(span));
    row(out, "start", "+" + formatNanos(span.getStartEpochNanos() - axis.startEpochNanos()));
    String scope = span.getInstrumentationScopeInfo().getName();
    if (!scope.isEmpty()) {
      row(out, "scope", scope);
    }
    out.append("</table>");
    section(out, "attributes", span.getAttributes());
    if (!span.getEvents().isEmpty()) {
      out.append("<p>events</p><ul>");
      for (EventData event : span.getEvents()) {
        out.append("<li>")
            .append(escape(event.getName()))
            .append(" at +")
            .append(escape(formatNanos(event.getEpochNanos() - span.getStartEpochNanos())));
        if (!event.getAttributes().isEmpty()) {
          attributeTable(out, event.getAttributes());
        }
        out.append("</li>");
      }
      out.append("</ul>");
    }
    if (!span.getLinks().isEmpty()) {
      out.append("<p>links</p><ul>");
      for (LinkData link : span.getLinks()) {
        appendLink(out, link, drawnSpans);
      }
      out.append("</ul>");
    }
    section(out, "resource", span.getResource().getAttributes());
    out.append("</div>");
  }

  /** "span 00f0… in trace 4bf9…", a jump to it when the report draws it. */
  private static void appendLink(StringBuilder out, LinkData link, Set<String> drawnSpans) {
    String traceId = link.getSpanContext().getTraceId();
    String spanId = link.getSpanContext().getSpanId();
    String text = "span " + spanId + " in trace " + traceId;
    out.append("<li>");
    if (drawnSpans.contains(WaterfallReport.anchor(traceId, spanId))) {
      out.append("<a href=\"#")
          .append(escape(WaterfallReport.anchor(traceId, spanId)))
          .append("\">")
          .append(escape(text))
          .append("</a>");
    } else {
      out.append(escape(text)).append(" (not in this report)");
    }
    if (!link.getAttributes().isEmpty()) {
      attributeTable(out, link.getAttributes());
    }
    out.append("</li>");
  }

  private static void section(StringBuilder out, String title, Attributes attributes) {
    if (attributes.isEmpty()) {
      return;
    }
    out.append("<details><summary>").append(title).append(" (").append(attributes.size());
    out.append(")</summary>");
    attributeTable(out, attributes);
    out.append("</details>");
  }

  private static void attributeTable(StringBuilder out, Attributes attributes) {
    out.append("<table>");
    attributes.forEach((key, value) -> row(out, key.getKey(), String.valueOf(value)));
    out.append("</table>");
  }

  private static void row(StringBuilder out, String key, String value) {
    out.append("<tr><td>")
        .append(escape(key))
        .append("</td><td>")
        .append(escape(value))
        .append("</td></tr>");
  }

  private static String parentOfRoot(SpanNode node) {
    if (node.isOrphan()) {
      return node.parentSpanId() + " (not in the trace)";
    }
    return node.hasRemoteParent() ? node.parentSpanId() + " (remote)" : "none: a root";
  }

  static String statusOf(SpanData span) {
    String description = span.getStatus().getDescription();
    return span.getStatus().getStatusCode()
        + (description == null || description.isEmpty() ? "" : " \"" + description + "\"");
  }

  static String formatNanos(long nanos) {
    return dev.spanproof.core.trace.TraceRenderer.formatDuration(
        java.time.Duration.ofNanos(Math.max(0, nanos)));
  }
}
