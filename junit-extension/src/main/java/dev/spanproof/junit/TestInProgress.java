package dev.spanproof.junit;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.internal.WatchedScopes;
import io.opentelemetry.context.Scope;

/**
 * What the extension keeps from a test's {@code beforeEach} to its {@code afterEach}, looked up
 * once instead of once per use: the test's session, its harness, whether the harness lives only as
 * long as the test, the policies of its checks, and its watched scopes.
 *
 * @param session the test's session
 * @param harness the harness the session belongs to
 * @param ownsHarness whether the harness was started for this test alone (an extension on an
 *     instance field), so that it closes with the test
 * @param policies what the after-test checks are told
 * @param scopes the session's watched scopes, or null when scopes cannot be watched in this JVM
 */
record TestInProgress(
    CaptureSession session,
    HarnessResource harness,
    boolean ownsHarness,
    TestPolicies policies,
    WatchedScopes scopes) {

  /**
   * Makes the session current on this thread for a test method or a method around it. The scope is
   * watched, so that a test that leaves its own scopes open still gets its thread restored, but
   * without an open stack: the extension closes it itself, so no report needs to say where.
   */
  // The scope goes to the caller, who closes it with try-with-resources.
  @SuppressWarnings("MustBeClosedChecker")
  Scope makeCurrent() {
    return scopes == null ? session.makeCurrent() : scopes.openRunnersScope(session::makeCurrent);
  }
}
