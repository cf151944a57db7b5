package dev.spanproof.junit;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.internal.FindingLines;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Strict assertion mode: every span a test produces is one its assertions touched, as Brave's test
 * kit insists that no span remains in its queue. spanproof's assertions mark the spans they touch
 * on the test's {@link CaptureSession}; this reads the record after the test. Off unless asked.
 */
final class UnassertedSpanRule {

  /** What each span no assertion touched is marked with in the drawn trace. */
  private static final String MARK = "not asserted";

  private final ExtensionSettings settings;

  UnassertedSpanRule(ExtensionSettings settings) {
    this.settings = settings;
  }

  /**
   * Reports the session's spans that no assertion touched; the report is returned when the policy
   * makes it the test's failure. A test that already failed is left alone: its assertions stopped
   * at the failure, so the spans after it were never going to be touched.
   */
  Optional<String> check(ExtensionContext context, CaptureSession session, TestPolicies policies) {
    SpanPolicy policy = policies.unassertedSpans();
    if (policy == SpanPolicy.IGNORE || context.getExecutionException().isPresent()) {
      return Optional.empty();
    }
    List<SpanData> unasserted = session.unassertedSpans();
    if (unasserted.isEmpty()) {
      return Optional.empty();
    }
    return SpanPolicyReporter.report(policy, report(session, unasserted));
  }

  private String report(CaptureSession session, List<SpanData> unasserted) {
    List<Trace> traces = session.traces();
    int spanCount = traces.stream().mapToInt(Trace::spanCount).sum();
    StringBuilder report =
        new StringBuilder(session.name())
            .append(" did not assert ")
            .append(unasserted.size())
            .append(" of its ")
            .append(spanCount)
            .append(spanCount == 1 ? " span:" : " spans:");
    for (SpanData span : unasserted) {
      report
          .append("\n  span [")
          .append(span.getName())
          .append("] (trace ")
          .append(span.getTraceId())
          .append(", span ")
          .append(span.getSpanId())
          .append(")");
    }
    report.append(
        "\nIn strict assertion mode every span must be touched by an assertion: selected by name"
            + " or navigation (span, root, child, parent), named by hasRoot, hasSpanNamed or"
            + " hasSpansNamed, or matched by hasStructure. See docs/strict-mode.md.");
    Set<String> untouched =
        unasserted.stream().map(FindingLines::spanKey).collect(Collectors.toSet());
    for (Trace trace : traces) {
      TraceRenderer renderer = TraceRenderer.create().withAttributes(settings.reportedAttributes());
      boolean marked = false;
      for (SpanNode node : trace.spans()) {
        if (untouched.contains(FindingLines.spanKey(node.span()))) {
          renderer = renderer.withMark(node, MARK);
          marked = true;
        }
      }
      if (marked) {
        report.append("\n\n").append(renderer.render(trace));
      }
    }
    return report.toString();
  }
}
