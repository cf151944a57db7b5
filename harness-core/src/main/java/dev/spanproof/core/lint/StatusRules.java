package dev.spanproof.core.lint;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ExceptionAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Errors a reader of the trace cannot understand: an {@code ERROR} status without a reason, an
 * exception on a span that does not say it failed.
 *
 * <p>OpenTelemetry's "Recording errors" convention: when an operation fails, instrumentation sets
 * the span status to {@code Error}, sets {@code error.type} and may record the exception; errors
 * that were retried or handled should not be recorded (semantic conventions 1.43.0,
 * docs/general/recording-errors.md).
 */
final class StatusRules {

  /** The event name {@code Span.recordException} uses, from the exception conventions. */
  private static final String EXCEPTION_EVENT = "exception";

  private StatusRules() {}

  static void check(List<Trace> traces, LintFindings findings) {
    for (Trace trace : traces) {
      for (SpanNode node : trace.spans()) {
        unexplainedError(node.span(), findings);
      }
    }
    for (Trace trace : traces) {
      for (SpanNode node : trace.spans()) {
        exceptionWithoutError(node.span(), findings);
      }
    }
  }

  private static void unexplainedError(SpanData span, LintFindings findings) {
    // HTTP and RPC instrumentation leave the description empty and say why in error.type.
    if (span.getStatus().getStatusCode() == StatusCode.ERROR
        && span.getStatus().getDescription().isEmpty()
        && firstException(span).isEmpty()
        && span.getAttributes().get(ErrorAttributes.ERROR_TYPE) == null) {
      findings.about(
          LintRule.UNEXPLAINED_ERROR,
          span,
          null,
          "status ERROR with no description, recorded exception or error.type: say why, with"
              + " setStatus(ERROR, description), recordException(e) or error.type");
    }
  }

  private static void exceptionWithoutError(SpanData span, LintFindings findings) {
    StatusCode status = span.getStatus().getStatusCode();
    if (status == StatusCode.ERROR) {
      return;
    }
    firstException(span)
        .ifPresent(
            exception -> {
              String type = exception.getAttributes().get(ExceptionAttributes.EXCEPTION_TYPE);
              findings.about(
                  LintRule.EXCEPTION_WITHOUT_ERROR,
                  span,
                  null,
                  "recorded an exception"
                      + (type == null ? "" : " (" + type + ")")
                      + " but its status is "
                      + status
                      + ": set the status to ERROR when the exception ends the operation, or do"
                      + " not record an exception that was handled");
            });
  }

  private static Optional<EventData> firstException(SpanData span) {
    return span.getEvents().stream()
        .filter(event -> event.getName().equals(EXCEPTION_EVENT))
        .findFirst();
  }
}
