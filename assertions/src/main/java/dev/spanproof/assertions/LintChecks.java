package dev.spanproof.assertions;

import dev.spanproof.core.lint.Finding;
import dev.spanproof.core.lint.FindingLevel;
import dev.spanproof.core.lint.TraceLint;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Trace lint as an assertion: fails on violations, lists every finding under the traces. */
final class LintChecks {

  private static final Set<FindingLevel> FAILING = EnumSet.of(FindingLevel.VIOLATION);

  private LintChecks() {}

  static Optional<Failure> passesLint(Trace trace, TraceLint lint) {
    return FindingsFailure.of(
        expecting(Layout.trace(trace), lint), trace, lint.check(trace), FAILING);
  }

  /**
   * All the traces checked together, so that rules across traces (several traces where one was
   * expected, a server its client's context never reached) see them all; each trace is drawn.
   */
  static Optional<Failure> passesLint(List<Trace> traces, String source, TraceLint lint) {
    if (traces.isEmpty()) {
      return Optional.empty();
    }
    List<Finding> findings = lint.check(traces);
    String expecting = expecting(source, lint);
    Optional<Failure> failure = FindingsFailure.of(expecting, traces.get(0), findings, FAILING);
    if (failure.isEmpty()) {
      return Optional.empty();
    }
    TraceRenderer renderer = Layout.defaultRenderer();
    for (Trace trace : traces) {
      Map<SpanNode, String> marks =
          FindingsFailure.of(expecting, trace, findings, FAILING).orElseThrow().marks();
      for (Map.Entry<SpanNode, String> mark : marks.entrySet()) {
        renderer = renderer.withMark(mark.getKey(), mark.getValue());
      }
    }
    return Optional.of(
        Failure.drawn(
            failure.get().message() + "\n\n" + renderer.render(traces), findings, List.of()));
  }

  private static String expecting(String subject, TraceLint lint) {
    return "Expecting "
        + subject
        + " to pass lint"
        + (lint.equals(TraceLint.defaults()) ? "" : " (" + lint + ")");
  }
}
