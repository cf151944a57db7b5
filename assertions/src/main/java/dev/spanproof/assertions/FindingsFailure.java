package dev.spanproof.assertions;

import dev.spanproof.core.internal.FindingLines;
import dev.spanproof.core.lint.Finding;
import dev.spanproof.core.lint.FindingLevel;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one way rule checks (semantic conventions, lint) turn their {@link Finding}s into a {@link
 * Failure}: the expectation, the failing findings, then those that do not fail the assertion, and
 * the trace drawn with every span a failing finding is about marked with its rule ids.
 */
final class FindingsFailure {

  private FindingsFailure() {}

  /**
   * The failure for {@code findings}, or none when none of them has a level in {@code failing}.
   *
   * @param expecting the first line, e.g. {@code Expecting trace … to conform to the semantic
   *     conventions (1.43.0)}
   */
  static Optional<Failure> of(
      String expecting, Trace trace, List<Finding> findings, Set<FindingLevel> failing) {
    List<Finding> failed = new ArrayList<>();
    List<Finding> notFailing = new ArrayList<>();
    for (Finding finding : findings) {
      (failing.contains(finding.level()) ? failed : notFailing).add(finding);
    }
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder message =
        new StringBuilder(expecting)
            .append("\nbut found ")
            .append(Layout.count(failed.size(), "finding", "findings"))
            .append(":\n")
            .append(FindingLines.bullets(failed));
    if (!notFailing.isEmpty()) {
      message
          .append("\nand, not failing the assertion:\n")
          .append(FindingLines.bullets(notFailing));
    }
    Failure failure = Failure.of(message.toString(), findings, List.of());
    Map<String, String> marks = FindingLines.ruleIdsBySpan(failed);
    for (SpanNode node : trace.spans()) {
      String mark = marks.get(FindingLines.spanKey(node.span()));
      if (mark != null) {
        failure = failure.marking(node, mark);
      }
    }
    return Optional.of(failure);
  }
}
