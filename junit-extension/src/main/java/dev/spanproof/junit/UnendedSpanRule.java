package dev.spanproof.junit;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.UnendedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Every span a test starts must end: an unended span is never exported. After each test, waits a
 * grace period for spans still ending on other threads, then reports the rest with the stack where
 * each started.
 */
final class UnendedSpanRule {

  private final SpanPolicy policy;
  private final Duration gracePeriod;

  UnendedSpanRule(ExtensionSettings settings) {
    this.policy = settings.unendedSpans();
    this.gracePeriod = settings.gracePeriod();
  }

  /**
   * Reports the spans the session left open; the report is returned when the policy makes it the
   * test's failure.
   */
  Optional<String> check(CaptureSession session) {
    if (policy == SpanPolicy.IGNORE) {
      return Optional.empty();
    }
    List<UnendedSpan> unended = awaitEnded(session);
    if (unended.isEmpty()) {
      return Optional.empty();
    }
    return SpanPolicyReporter.report(policy, report(session, unended));
  }

  private List<UnendedSpan> awaitEnded(CaptureSession session) {
    List<UnendedSpan> unended = session.unendedSpans();
    if (unended.isEmpty() || gracePeriod.isZero()) {
      return unended;
    }
    try {
      Awaitility.await("spans of " + session.name() + " to end")
          .atMost(gracePeriod)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(5))
          .until(() -> session.unendedSpans().isEmpty());
    } catch (ConditionTimeoutException stillUnended) {
      // Reported with the start stacks, which say more than the timeout.
    }
    return session.unendedSpans();
  }

  private String report(CaptureSession session, List<UnendedSpan> unended) {
    boolean one = unended.size() == 1;
    StringBuilder report =
        new StringBuilder(session.name())
            .append(" left ")
            .append(unended.size())
            .append(one ? " span" : " spans")
            .append(" started but not ended (waited ")
            .append(gracePeriod.toMillis())
            .append(" ms for ")
            .append(one ? "it" : "them")
            .append(" to end):");
    boolean stacksOff = false;
    boolean sameNameStacks = false;
    for (UnendedSpan span : unended) {
      report.append("\n  ").append(span.describe().replace("\n", "\n  "));
      sameNameStacks |= span.sameNameStartStack().isPresent();
      stacksOff |= span.startStack().isEmpty() && span.sameNameStartStack().isEmpty();
    }
    report.append(
        "\nEvery started span must be ended, typically with span.end() in a finally block:"
            + " an unended span is never exported.");
    if (sameNameStacks) {
      report.append("\n").append(StartStackFrames.ONE_STACK_PER_NAME);
    }
    if (stacksOff) {
      report.append("\n").append(StartStackFrames.STACKS_OFF);
    }
    return report.toString();
  }
}
