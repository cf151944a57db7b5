package dev.spanproof.junit;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.SpanLimitExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the rules after each test, in order, and fails the test with every report whose policy makes
 * it a failure: unended spans, scopes, the limit, lint and semantic conventions, unasserted spans,
 * then the trace and waterfall reports; the session closes whatever happens, and the spans of no
 * test are checked last.
 */
final class AfterTestRules {

  private final UnendedSpanRule unendedSpanRule;
  private final ExportedSpansGrace exportedSpansGrace;
  private final UnownedSpanRule unownedSpanRule;
  private final TraceReportWriter traceReportWriter;
  private final WaterfallReportWriter waterfallReportWriter;
  private final AfterTestChecks afterTestChecks;
  private final ScopeRules scopeRules;
  private final UnassertedSpanRule unassertedSpanRule;

  AfterTestRules(
      ExtensionSettings settings,
      ScopeRules scopeRules,
      WaterfallReportWriter waterfallReportWriter) {
    this.unendedSpanRule = new UnendedSpanRule(settings);
    this.exportedSpansGrace = new ExportedSpansGrace(settings);
    this.unownedSpanRule = new UnownedSpanRule(settings);
    this.traceReportWriter = new TraceReportWriter(settings);
    this.waterfallReportWriter = waterfallReportWriter;
    this.afterTestChecks = new AfterTestChecks(settings);
    this.scopeRules = scopeRules;
    this.unassertedSpanRule = new UnassertedSpanRule(settings);
  }

  /** After a test: its rules, then its session closes and the spans it lost are reported. */
  void afterTest(ExtensionContext context, TestInProgress test) {
    CaptureSession session = test.session();
    runThenAlways(
        () -> failIfAny(failures(context, test)),
        () -> {
          session.close();
          failIfPresent(
              test.ownsHarness()
                  // Registered on an instance field: the harness lives and dies with this test.
                  ? unownedSpanRule.checkOnClose(context, test.harness())
                  : unownedSpanRule.checkAfterTest(test.harness(), session.name()));
        });
  }

  /** After a test class whose harness this extension started: the spans that no test owned. */
  void afterClass(ExtensionContext context, HarnessResource harness) {
    failIfPresent(unownedSpanRule.checkOnClose(context, harness));
  }

  private List<String> failures(ExtensionContext context, TestInProgress test) {
    CaptureSession session = test.session();
    TestPolicies policies = test.policies();
    List<String> failures = new ArrayList<>();
    exportedSpansGrace.await(test.harness());
    unendedSpanRule.check(session).ifPresent(failures::add);
    failures.addAll(scopeRules.check(test));
    try {
      session.requireWithinLimit();
      failures.addAll(afterTestChecks.check(session, policies));
      unassertedSpanRule.check(context, session, policies).ifPresent(failures::add);
      traceReportWriter.report(context, session, policies);
      waterfallReportWriter.write(context, session, policies, failures).ifPresent(failures::add);
    } catch (SpanLimitExceededException e) {
      failures.add(e.getMessage());
    }
    return failures;
  }

  private static void failIfPresent(Optional<String> failure) {
    failure.ifPresent(
        message -> {
          throw new AssertionFailedError(message);
        });
  }

  private static void failIfAny(List<String> failures) {
    if (!failures.isEmpty()) {
      throw new AssertionFailedError(String.join("\n\n", failures));
    }
  }

  /**
   * A {@code finally} that neither swallows nor is swallowed: {@code always} runs even when {@code
   * body} fails, and when both fail, the test sees both (the second as suppressed).
   */
  private static void runThenAlways(Runnable body, Runnable always) {
    try {
      body.run();
    } catch (RuntimeException | Error failure) {
      try {
        always.run();
      } catch (RuntimeException | Error alsoFailed) {
        failure.addSuppressed(alsoFailed);
      }
      throw failure;
    }
    always.run();
  }
}
