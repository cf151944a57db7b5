package dev.spanproof.assertions;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Optional;

/**
 * Names the spans that links point to, where they were captured: in the asserted trace, or among
 * the spans of the current test (the {@link CaptureSession} current on this thread).
 */
final class LinkTargets {

  private final Trace trace;
  private final List<SpanData> testSpans;

  private LinkTargets(Trace trace, List<SpanData> testSpans) {
    this.trace = trace;
    this.testSpans = testSpans;
  }

  /** Targets looked up in {@code trace}, then in the current test's spans. */
  static LinkTargets around(Trace trace) {
    List<SpanData> testSpans =
        CaptureSession.current().map(CaptureSession::finishedSpans).orElse(List.of());
    return new LinkTargets(trace, testSpans);
  }

  /** The name of the span {@code link} points to, when it was captured. */
  Optional<String> nameOf(LinkData link) {
    SpanContext target = link.getSpanContext();
    if (trace != null && trace.traceId().equals(target.getTraceId())) {
      Optional<String> inTrace = trace.findBySpanId(target.getSpanId()).map(node -> node.name());
      if (inTrace.isPresent()) {
        return inTrace;
      }
    }
    return testSpans.stream()
        .filter(
            span ->
                span.getTraceId().equals(target.getTraceId())
                    && span.getSpanId().equals(target.getSpanId()))
        .map(SpanData::getName)
        .findFirst();
  }

  /**
   * "link 0 to span [publish] (trace … span …) {attributes}": one line of a link list; a target
   * that was not captured here is said to be so, since its name is then unknown.
   */
  String describe(LinkData link, int index) {
    String context = SpanMessages.context(link.getSpanContext());
    String target =
        nameOf(link)
            .map(name -> Layout.span(name) + " (" + context + ")")
            .orElse(context + " (not captured by this test)");
    String attributes =
        link.getAttributes().isEmpty() ? "" : " " + SpanMessages.inline(link.getAttributes());
    return "link " + index + " to " + target + attributes;
  }

  /** Every link of {@code links}, one per line, with its index; "(none)" when there are none. */
  String describeAll(List<LinkData> links) {
    if (links.isEmpty()) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < links.size(); i++) {
      out.append(i == 0 ? "" : "\n").append(describe(links.get(i), i));
    }
    return out.toString();
  }
}
