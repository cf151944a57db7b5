package dev.spanproof.assertions;

import dev.spanproof.core.lint.Finding;
import dev.spanproof.core.lint.FindingLevel;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
            .append(bullets(failed));
    if (!notFailing.isEmpty()) {
      message.append("\nand, not failing the assertion:\n").append(bullets(notFailing));
    }
    Failure failure = Failure.of(message.toString(), findings, List.of());
    for (Map.Entry<String, String> mark : marks(failed).entrySet()) {
      var node = trace.findBySpanId(mark.getKey());
      if (node.isPresent()) {
        failure = failure.marking(node.get(), mark.getValue());
      }
    }
    return Optional.of(failure);
  }

  private static String bullets(List<Finding> findings) {
    return findings.stream().map(f -> "  - " + f).collect(Collectors.joining("\n"));
  }

  /** For each span id a failing finding is about: its rule ids, each once, in finding order. */
  private static Map<String, String> marks(List<Finding> failed) {
    Map<String, List<String>> ruleIdsBySpan = new LinkedHashMap<>();
    for (Finding finding : failed) {
      for (SpanData span : finding.spans()) {
        List<String> ids = ruleIdsBySpan.computeIfAbsent(span.getSpanId(), id -> new ArrayList<>());
        if (!ids.contains(finding.ruleId())) {
          ids.add(finding.ruleId());
        }
      }
    }
    Map<String, String> marks = new LinkedHashMap<>();
    ruleIdsBySpan.forEach((spanId, ids) -> marks.put(spanId, String.join(", ", ids)));
    return marks;
  }
}
