package dev.spanproof.junit;

import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.UnownedSpan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A span belongs to the test whose context started its trace; a span no test's context reached
 * means context propagation broke somewhere (a thread pool, a callback). After each test, the spans
 * that test most likely lost (it was the last test seen on the pool of the thread that started
 * them) are reported against it, so that the test to fix is the one that fails. The rest are
 * reported when the harness closes: after the class, or after the test for a harness per test.
 */
final class UnownedSpanRule {

  /** What to do about a span another process exported after its test ended. */
  static final String LATE_EXPORT =
      "; wait for it in the test (awaitTrace().untilSpan(name)), stop the other process inside the"
          + " test so that it flushes, or give the receiver a longer gracePeriod(Duration)";

  private final SpanPolicy policy;

  UnownedSpanRule(ExtensionSettings settings) {
    this.policy = settings.unownedSpans();
  }

  /**
   * Reports the spans of no test that the test named {@code test} most likely lost; the report is
   * returned when the policy makes it the test's failure.
   */
  Optional<String> checkAfterTest(HarnessResource resource, String test) {
    if (policy == SpanPolicy.IGNORE) {
      return Optional.empty();
    }
    List<UnownedSpan> reports = resource.harness().unownedSpanReports();
    if (reports.isEmpty()) {
      return Optional.empty();
    }
    List<UnownedSpan> lost =
        reports.stream()
            .filter(span -> span.likelyTest().filter(test::equals).isPresent())
            .filter(span -> resource.firstReportOf(span.spanId()))
            .toList();
    if (lost.isEmpty()) {
      return Optional.empty();
    }
    boolean one = lost.size() == 1;
    StringBuilder report =
        new StringBuilder(test)
            .append(" most likely lost the context of ")
            .append(lost.size())
            .append(one ? " span, which belongs" : " spans, which belong")
            .append(
                " to no test: it was the last test seen on the pool of the thread that started ")
            .append(one ? "it" : "them")
            .append(" (check context propagation to threads and callbacks):");
    appendSpans(report, lost, test);
    return SpanPolicyReporter.report(policy, report.toString());
  }

  /**
   * Reports the spans of no test that no test's report took, when the harness closes: after the
   * class ({@code context} is the class's), or after the test for a harness that lives as long as
   * one test. The report is returned when the policy makes it a failure.
   */
  Optional<String> checkOnClose(ExtensionContext context, HarnessResource resource) {
    if (policy == SpanPolicy.IGNORE) {
      return Optional.empty();
    }
    TracingHarness harness = resource.harness();
    List<UnownedSpan> unowned =
        harness.unownedSpanReports().stream()
            .filter(span -> resource.firstReportOf(span.spanId()))
            .toList();
    int notKept = harness.unownedSpansNotKept();
    if (unowned.isEmpty() && notKept == 0) {
      return Optional.empty();
    }
    int count = unowned.size() + notKept;
    boolean one = count == 1;
    StringBuilder report =
        new StringBuilder()
            .append(count)
            .append(one ? " span belongs" : " spans belong")
            .append(" to no test of ")
            .append(context.getRequiredTestClass().getName())
            .append(" (no test's context reached ")
            .append(one ? "it" : "them")
            .append("; check context propagation to threads and callbacks):");
    appendSpans(report, unowned, null);
    if (notKept > 0) {
      report
          .append("\n  ")
          .append(notKept)
          .append(" more were not kept: the limit is ")
          .append(harness.maxSpans());
    }
    return SpanPolicyReporter.report(policy, report.toString());
  }

  /** One paragraph per span; {@code reportedTest} is the test the report is against, if any. */
  private static void appendSpans(
      StringBuilder report, List<UnownedSpan> spans, String reportedTest) {
    boolean stacksOff = false;
    for (UnownedSpan span : spans) {
      report
          .append("\n  span [")
          .append(span.name())
          .append("] (trace ")
          .append(span.traceId())
          .append(", span ")
          .append(span.spanId())
          .append(span.hasEnded() ? ") " : ", not ended) ")
          .append(span.reason())
          .append(" on thread [")
          .append(span.threadName())
          .append("]");
      span.likelyTest()
          .filter(test -> !test.equals(reportedTest))
          .ifPresent(
              test ->
                  report
                      .append(", most likely lost by ")
                      .append(test)
                      .append(" (the last test seen on that thread's pool)"));
      Optional<List<StackTraceElement>> startStack = span.startStack();
      if (startStack.isPresent()) {
        report.append(", started at:");
        StartStackFrames.appendTo(report, startStack.get());
      } else if (span.sendingService().isPresent()) {
        // Another process started it: there is no stack here, and its test is what matters.
        if (span.closedSession().isPresent()) {
          report.append(LATE_EXPORT);
        }
      } else {
        stacksOff = true;
      }
    }
    if (stacksOff) {
      report.append("\n").append(StartStackFrames.STACKS_OFF);
    }
  }
}
