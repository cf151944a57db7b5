package dev.spanproof.wiremock;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.propagation.PropagationFormat;
import dev.spanproof.core.propagation.TraceContext;
import dev.spanproof.core.propagation.TraceContextValidation;
import dev.spanproof.wiremock.ScopedRequests.Inspected;
import dev.spanproof.wiremock.TestSpans.SpanRef;
import io.opentelemetry.api.trace.SpanKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The check behind {@code eachCarriedTheContextOfItsClientSpan()}: does a request's {@code
 * traceparent} name a CLIENT span of its test, and which traceparent should it have sent. Each
 * CLIENT span can be claimed by one request only.
 */
final class ClientSpanChecks {

  private ClientSpanChecks() {}

  /** The request's W3C validation, done once when the request was inspected. */
  static TraceContextValidation traceContext(Inspected request) {
    return request
        .propagation()
        .validation(PropagationFormat.W3C)
        .map(TraceContextValidation.class::cast)
        // Neither traceparent nor tracestate was sent; this only reports the missing header.
        .orElseGet(() -> TraceContext.validate(request.headers()));
  }

  static String clientSpanProblem(
      TraceContextValidation validation, Optional<CaptureSession> session, Set<String> claimed) {
    if (!validation.isValid()) {
      return String.join("; ", validation.problems());
    }
    if (session.isEmpty()) {
      return "no open test session owns trace " + validation.traceId();
    }
    List<SpanRef> spans = TestSpans.of(session.get());
    Optional<SpanRef> parent = TestSpans.withSpanId(spans, null, validation.parentId());
    if (parent.isEmpty()) {
      return "traceparent: parent-id "
          + validation.parentId()
          + " is no span of "
          + session.get().name();
    }
    SpanRef span = parent.get();
    if (!span.context().getTraceId().equals(validation.traceId())) {
      return "traceparent: trace-id "
          + validation.traceId()
          + " is not the trace "
          + span.context().getTraceId()
          + " of its parent "
          + span.describe();
    }
    if (span.kind() != SpanKind.CLIENT) {
      return "traceparent: parent-id "
          + validation.parentId()
          + " is "
          + span.describe()
          + ", not a CLIENT span";
    }
    if (span.context().isSampled() != validation.isSampled()) {
      return "traceparent: the sampled flag is "
          + (validation.isSampled() ? "set" : "clear")
          + ", but "
          + span.describe()
          + " is "
          + (span.context().isSampled() ? "sampled" : "not sampled");
    }
    claimed.add(span.context().getSpanId());
    return null;
  }

  /** The traceparent of the first CLIENT span of the test not yet claimed by a request. */
  static String expectedTraceparent(
      Optional<CaptureSession> session, Set<String> claimed, TraceContextValidation validation) {
    if (session.isEmpty()) {
      return validation.isValid()
          ? "(unknown: no open test session owns trace " + validation.traceId() + ")"
          : "(unknown: the request carries no trace of a test)";
    }
    for (SpanRef span : TestSpans.of(session.get())) {
      if (span.kind() == SpanKind.CLIENT && claimed.add(span.context().getSpanId())) {
        return span.traceparent() + " (" + span.describe() + ")";
      }
    }
    return "(unknown: " + session.get().name() + " has no other CLIENT span)";
  }

  static String receivedTraceparent(Inspected request) {
    List<String> values = WireMockRequests.values(request.headers(), "traceparent");
    return values.isEmpty() ? "(none)" : String.join(" | ", values);
  }
}
