package dev.spanproof.junit;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.internal.FindingLines;
import dev.spanproof.core.lint.Finding;
import dev.spanproof.core.lint.FindingLevel;
import dev.spanproof.core.lint.LintRule;
import dev.spanproof.core.lint.TraceLint;
import dev.spanproof.core.semconv.DatabaseConventionMode;
import dev.spanproof.core.semconv.SemanticConventions;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rule checks that run on each test's traces after the test, each a {@link FindingCheck} with
 * its own policy: trace lint and the semantic conventions. A check reports only when it finds a
 * {@linkplain FindingLevel#VIOLATION violation}; its report lists every finding and draws the
 * traces with the violating spans marked.
 */
final class AfterTestChecks {

  private static final SemanticConventions SEMANTIC_CONVENTIONS = SemanticConventions.bundled();

  private final ExtensionSettings settings;

  AfterTestChecks(ExtensionSettings settings) {
    this.settings = settings;
  }

  /** The reports of the checks whose policy makes them the test's failure. */
  List<String> check(CaptureSession session, TestPolicies policies) {
    if (policies.lint() == SpanPolicy.IGNORE
        && policies.semanticConventions() == SpanPolicy.IGNORE) {
      return List.of();
    }
    List<String> failures = new ArrayList<>();
    List<Trace> traces = null;
    for (FindingCheck check : checksFor(session, policies)) {
      if (check.policy() == SpanPolicy.IGNORE) {
        continue;
      }
      if (traces == null) {
        traces = session.traces();
      }
      List<Finding> findings = check.findings().apply(traces);
      if (findings.stream().anyMatch(finding -> finding.level() == FindingLevel.VIOLATION)) {
        SpanPolicyReporter.report(
                check.policy(), report(session.name(), check.name(), traces, findings))
            .ifPresent(failures::add);
      }
    }
    return failures;
  }

  private static List<FindingCheck> checksFor(CaptureSession session, TestPolicies policies) {
    TraceLint lint = policies.lintRules();
    Set<String> unended =
        session.unendedSpans().stream()
            .map(span -> span.spanContext().getSpanId())
            .collect(Collectors.toSet());
    DatabaseConventionMode databaseMode = policies.databaseConventions();
    return List.of(
        new FindingCheck(
            "trace lint",
            policies.lint(),
            traces -> withoutOrphansOfUnended(lint.check(traces), unended)),
        new FindingCheck(
            "semantic conventions " + SEMANTIC_CONVENTIONS.version(),
            policies.semanticConventions(),
            traces -> SEMANTIC_CONVENTIONS.check(spansOf(traces), databaseMode)));
  }

  private static List<SpanData> spansOf(List<Trace> traces) {
    return traces.stream().flatMap(trace -> trace.spans().stream()).map(SpanNode::span).toList();
  }

  /** An unended span's children are orphans; the unended-span report already names the cause. */
  private static List<Finding> withoutOrphansOfUnended(
      List<Finding> findings, Set<String> unended) {
    if (unended.isEmpty()) {
      return findings;
    }
    return findings.stream()
        .filter(
            finding ->
                !(finding.ruleId().equals(LintRule.ORPHAN_SPAN.id())
                    && unended.contains(finding.spans().get(0).getParentSpanId())))
        .toList();
  }

  private String report(String test, String check, List<Trace> traces, List<Finding> findings) {
    List<Finding> violations =
        findings.stream().filter(finding -> finding.level() == FindingLevel.VIOLATION).toList();
    List<Finding> others =
        findings.stream().filter(finding -> finding.level() != FindingLevel.VIOLATION).toList();
    StringBuilder report =
        new StringBuilder(test)
            .append(": ")
            .append(check)
            .append(" found ")
            .append(violations.size())
            .append(violations.size() == 1 ? " violation:\n" : " violations:\n")
            .append(FindingLines.bullets(violations));
    if (!others.isEmpty()) {
      report.append("\nand, not failing the test:\n").append(FindingLines.bullets(others));
    }
    Map<String, String> marks = FindingLines.ruleIdsBySpan(violations);
    for (Trace trace : traces) {
      TraceRenderer renderer = TraceRenderer.create().withAttributes(settings.reportedAttributes());
      boolean marked = false;
      for (SpanNode node : trace.spans()) {
        String mark = marks.get(FindingLines.spanKey(node.span()));
        if (mark != null) {
          renderer = renderer.withMark(node, mark);
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
