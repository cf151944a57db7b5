package dev.spanproof.assertions;

import dev.spanproof.core.lint.FindingLevel;
import dev.spanproof.core.lint.TraceLint;
import dev.spanproof.core.trace.Trace;
import java.util.EnumSet;
import java.util.Optional;

/** Trace lint as an assertion: fails on violations, lists every finding under the trace. */
final class LintChecks {

  private LintChecks() {}

  static Optional<Failure> passesLint(Trace trace, TraceLint lint) {
    String expecting =
        "Expecting "
            + Layout.trace(trace)
            + " to pass lint"
            + (lint.equals(TraceLint.defaults()) ? "" : " (" + lint + ")");
    return FindingsFailure.of(
        expecting, trace, lint.check(trace), EnumSet.of(FindingLevel.VIOLATION));
  }
}
