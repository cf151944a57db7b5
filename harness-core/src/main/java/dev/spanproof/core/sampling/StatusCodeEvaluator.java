package dev.spanproof.core.sampling;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code status_code}, as the Collector's {@code status_code.go}: any span with one of the codes.
 */
final class StatusCodeEvaluator extends PolicyEvaluator {

  private final List<StatusCode> codes;

  StatusCodeEvaluator(String name, List<StatusCode> codes) {
    super(name, "status_code");
    this.codes = List.copyOf(codes);
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    for (SpanData span : trace.spans()) {
      StatusCode code = span.getStatus().getStatusCode();
      if (codes.contains(code)) {
        return sampled(Texts.span(span) + " has status " + code + wanted());
      }
    }
    return notSampled("no span has status " + names());
  }

  private String wanted() {
    return codes.size() == 1 ? "" : ", one of " + names();
  }

  private String names() {
    return codes.size() == 1
        ? codes.get(0).name()
        : codes.stream().map(StatusCode::name).collect(Collectors.joining(", ", "[", "]"));
  }
}
