package dev.spanproof.wiremock;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.Propagation;
import dev.spanproof.core.propagation.PropagationReport;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trace a request's headers carry, as OpenTelemetry's propagators extract it, and the test it
 * therefore belongs to: the one whose capture session owns that trace. The stub listener records
 * the request's SERVER span into that test, and the request assertions count the request for it, so
 * both agree on whose request it is.
 */
final class RequestTrace {

  private static final TextMapPropagator EXTRACTOR =
      TextMapPropagator.composite(
          Propagation.W3C_BAGGAGE.propagator(),
          Propagation.JAEGER.propagator(),
          Propagation.B3_MULTI.propagator(),
          // Last, so that W3C wins when a request carries several formats.
          Propagation.W3C_TRACE_CONTEXT.propagator());

  private final Context remote;
  private final CaptureSession owner;
  private final String noOwnerReason;

  private RequestTrace(Context remote, CaptureSession owner, String noOwnerReason) {
    this.remote = remote;
    this.owner = owner;
    this.noOwnerReason = noOwnerReason;
  }

  /** Extracts the remote context and finds the session that owns its trace. */
  static RequestTrace of(Map<String, List<String>> headers, PropagationReport propagation) {
    Context remote = EXTRACTOR.extract(Context.root(), headers, HeaderGetter.INSTANCE);
    SpanContext parent = Span.fromContext(remote).getSpanContext();
    if (!parent.isValid()) {
      return new RequestTrace(
          remote,
          null,
          propagation.formats().isEmpty()
              ? "carried no trace-context header, so no test owns it"
              : "carried no trace context a receiver can continue, so no test owns it");
    }
    Optional<CaptureSession> owner = TestSpans.sessionOwning(parent.getTraceId());
    return new RequestTrace(
        remote,
        owner.orElse(null),
        owner.isPresent()
            ? null
            : "belongs to trace " + parent.getTraceId() + ", which no open test session started");
  }

  /** Whether the headers carry a context a receiver continues, whoever owns its trace. */
  boolean hasContext() {
    return Span.fromContext(remote).getSpanContext().isValid();
  }

  /** The extracted context: the caller's span as remote parent, and the baggage. */
  Context remote() {
    return remote;
  }

  /** The session (test) that owns the request's trace; empty when the request is of no test. */
  Optional<CaptureSession> owner() {
    return Optional.ofNullable(owner);
  }

  /**
   * Why the request belongs to no test, e.g. {@code carried no trace-context header, so no test
   * owns it}; null when a test owns it.
   */
  String noOwnerReason() {
    return noOwnerReason;
  }

  /** Case-insensitive, first value: what an HTTP server hands OpenTelemetry's propagators. */
  private enum HeaderGetter implements TextMapGetter<Map<String, List<String>>> {
    INSTANCE;

    // Deprecated since OpenTelemetry 1.68, but abstract in the older versions users pin.
    @SuppressWarnings("deprecation")
    @Override
    public Iterable<String> keys(Map<String, List<String>> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, List<String>> carrier, String key) {
      if (carrier == null) {
        return null;
      }
      List<String> values = WireMockRequests.values(carrier, key);
      return values.isEmpty() ? null : values.get(0);
    }
  }
}
