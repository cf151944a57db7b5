package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.Optional;

/** Checks of a span's kind and status. */
final class StatusChecks {

  private StatusChecks() {}

  static Optional<Failure> hasKind(SpanNode span, SpanKind expected) {
    SpanKind kind = span.span().getKind();
    if (kind == expected) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected kind " + expected,
            SpanMessages.shouldHaveKind(span, expected),
            kind,
            expected));
  }

  static Optional<Failure> hasStatus(SpanNode span, StatusCode expected) {
    StatusCode code = span.span().getStatus().getStatusCode();
    if (code == expected) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected status " + expected,
            SpanMessages.shouldHaveStatus(span, expected.toString()),
            code,
            expected));
  }

  static Optional<Failure> hasStatus(SpanNode span, StatusCode expected, String description) {
    StatusData status = span.span().getStatus();
    if (status.getStatusCode() == expected && status.getDescription().equals(description)) {
      return Optional.empty();
    }
    String wanted = expected + " " + Layout.quote(description);
    return Optional.of(
        at(
            span,
            "expected status " + wanted,
            SpanMessages.shouldHaveStatus(span, wanted),
            SpanMessages.status(status),
            wanted));
  }
}
