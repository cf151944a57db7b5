package dev.spanproof.core.lint;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * N+1: one span with many same-named children, such as one query per order line. The roots of a
 * trace count as siblings too.
 */
final class RepeatedSiblingsRule {

  private RepeatedSiblingsRule() {}

  static void check(List<Trace> traces, int maxRepeats, LintFindings findings) {
    if (!findings.isOn(LintRule.N_PLUS_ONE)) {
      return;
    }
    for (Trace trace : traces) {
      check(trace.roots(), "among the trace's roots", maxRepeats, findings);
      for (SpanNode node : trace.spans()) {
        check(node.children(), "under [" + node.name() + "]", maxRepeats, findings);
      }
    }
  }

  private static void check(
      List<SpanNode> siblings, String where, int maxRepeats, LintFindings findings) {
    if (siblings.size() <= maxRepeats) {
      return;
    }
    Map<String, List<SpanNode>> byName = new LinkedHashMap<>();
    for (SpanNode sibling : siblings) {
      byName.computeIfAbsent(sibling.name(), name -> new ArrayList<>()).add(sibling);
    }
    byName.forEach(
        (name, same) -> {
          if (same.size() > maxRepeats) {
            findings.aboutSpans(
                LintRule.N_PLUS_ONE,
                same.stream().map(SpanNode::span).toList(),
                same.size()
                    + " spans named \""
                    + name
                    + "\" "
                    + where
                    + ", more than "
                    + maxRepeats
                    + ": one call per item (N+1)? Fetch the items in one call");
          }
        });
  }
}
