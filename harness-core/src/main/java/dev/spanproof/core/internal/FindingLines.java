package dev.spanproof.core.internal;

import dev.spanproof.core.lint.Finding;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How findings are listed and marked, the same in an assertion's failure and in the JUnit
 * extension's after-test report.
 */
public final class FindingLines {

  private FindingLines() {}

  /** Each finding on a line of its own, as {@code " - " + finding}. */
  public static String bullets(List<Finding> findings) {
    return findings.stream().map(finding -> "  - " + finding).collect(Collectors.joining("\n"));
  }

  /**
   * The note to draw on each span the findings are about, by {@link #spanKey}: the ids of the
   * findings' rules, each once, in finding order, e.g. {@code deprecated, span_name}.
   */
  public static Map<String, String> ruleIdsBySpan(List<Finding> findings) {
    Map<String, List<String>> ruleIds = new LinkedHashMap<>();
    for (Finding finding : findings) {
      for (SpanData span : finding.spans()) {
        List<String> ids = ruleIds.computeIfAbsent(spanKey(span), key -> new ArrayList<>());
        if (!ids.contains(finding.ruleId())) {
          ids.add(finding.ruleId());
        }
      }
    }
    Map<String, String> notes = new LinkedHashMap<>();
    ruleIds.forEach((span, ids) -> notes.put(span, String.join(", ", ids)));
    return notes;
  }

  /** A span's key in {@link #ruleIdsBySpan}: its trace id and span id. */
  public static String spanKey(SpanData span) {
    return span.getTraceId() + "/" + span.getSpanId();
  }
}
