package dev.spanproof.core.lint;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Collects the findings of one lint run, at the configured level of each rule. */
final class LintFindings {

  private final Map<LintRule, FindingLevel> levels;
  private final List<Finding> findings = new ArrayList<>();

  LintFindings(Map<LintRule, FindingLevel> levels) {
    this.levels = levels;
  }

  /** Whether the rule runs: rules that are off need not look at the spans at all. */
  boolean isOn(LintRule rule) {
    return levels.containsKey(rule);
  }

  void about(LintRule rule, SpanData span, String attribute, String message) {
    if (isOn(rule)) {
      findings.add(Finding.about(span, levels.get(rule), rule.id(), attribute, message));
    }
  }

  void aboutSpans(LintRule rule, List<SpanData> spans, String message) {
    if (isOn(rule)) {
      findings.add(Finding.aboutSpans(spans, levels.get(rule), rule.id(), message));
    }
  }

  /** In rule order; a rule's findings in the order they were found (a stable sort). */
  List<Finding> sorted() {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparing(finding -> LintRule.ofId(finding.ruleId())));
    return List.copyOf(sorted);
  }
}
