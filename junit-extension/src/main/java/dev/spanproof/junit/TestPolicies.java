package dev.spanproof.junit;

import dev.spanproof.core.lint.TraceLint;
import dev.spanproof.core.semconv.DatabaseConventionMode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the after-test checks and reports of one harness's tests are told: each builder option, else
 * its configuration parameter, else its default. The configuration parameters do not change during
 * a run, so {@link ExtensionSettings#resolve} reads them once per harness (per test class) instead
 * of a dozen look-ups after every test.
 */
record TestPolicies(
    SpanPolicy openScopes,
    SpanPolicy scopesClosedOnAnotherThread,
    SpanPolicy scopesClosedOutOfOrder,
    SpanPolicy contextsLeftCurrent,
    SpanPolicy unassertedSpans,
    SpanPolicy lint,
    TraceLint lintRules,
    SpanPolicy semanticConventions,
    DatabaseConventionMode databaseConventions,
    boolean printsTraces,
    Optional<Path> traceDirectory,
    HtmlReports htmlReports) {

  /** Whether any of the strict context checks is on. */
  boolean anyScopeCheckOn() {
    return openScopes != SpanPolicy.IGNORE
        || scopesClosedOnAnotherThread != SpanPolicy.IGNORE
        || scopesClosedOutOfOrder != SpanPolicy.IGNORE
        || contextsLeftCurrent != SpanPolicy.IGNORE;
  }
}
