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

  /**
   * After a test: its rules, then its session closes and the spans it lost are reported. Should
   * both fail, the test sees both, the second as suppressed. Written without capturing lambdas,
   * which would be made again after every test.
   */
  void afterTest(ExtensionContext context, TestInProgress test) {
    try {
      failIfAny(failures(context, test));
    } catch (RuntimeException | Error failure) {
      closeSession(context, test, failure);
      throw failure;
    }
    closeSession(context, test, null);
  }

  /**
   * Closes the test's session and reports the spans it lost; with a {@code failure} already thrown,
   * as suppressed by it.
   */
  private void closeSession(ExtensionContext context, TestInProgress test, Throwable failure) {
    try {
      CaptureSession session = test.session();
      session.close();
      failIfPresent(
          test.ownsHarness()
              // Registered on an instance field: the harness lives and dies with this test.
              ? unownedSpanRule.checkOnClose(context, test.harness())
              : unownedSpanRule.checkAfterTest(test.harness(), session.name()));
    } catch (RuntimeException | Error alsoFailed) {
      if (failure == null) {
        throw alsoFailed;
      }
      failure.addSuppressed(alsoFailed);
    }
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
    addIfPresent(failures, unendedSpanRule.check(session));
    addAll(failures, scopeRules.check(test));
    try {
      session.requireWithinLimit();
      addAll(failures, afterTestChecks.check(session, policies));
      addIfPresent(failures, unassertedSpanRule.check(context, session, policies));
      traceReportWriter.report(context, session, policies);
      addIfPresent(failures, waterfallReportWriter.write(context, session, policies, failures));
    } catch (SpanLimitExceededException e) {
      failures.add(e.getMessage());
    }
    return failures;
  }

  // These two, unlike ifPresent(failures::add) and addAll, allocate nothing when there is nothing.
  private static void addIfPresent(List<String> failures, Optional<String> failure) {
    if (failure.isPresent()) {
      failures.add(failure.get());
    }
  }

  private static void addAll(List<String> failures, List<String> more) {
    if (!more.isEmpty()) {
      failures.addAll(more);
    }
  }

  private static void failIfPresent(Optional<String> failure) {
    if (failure.isPresent()) {
      throw new AssertionFailedError(failure.get());
    }
  }

  private static void failIfAny(List<String> failures) {
    if (!failures.isEmpty()) {
      throw new AssertionFailedError(String.join("\n\n", failures));
    }
  }
}
