package dev.spanproof.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.matching.CustomMatcherDefinition;
import dev.spanproof.core.propagation.PropagationFormat;
import io.opentelemetry.api.trace.SpanContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a request's trace context must look like, for stubs and {@code verify(...)}; evaluated by a
 * registered {@link TraceContextMatcher}. Immutable: each method returns a new pattern.
 *
 * <pre>{@code
 * inventory.stubFor(get("/inventory").andMatching(traceContext().sampled().childOf("GET")).willReturn(ok()));
 * inventory.verify(getRequestedFor(urlEqualTo("/inventory")).andMatching(traceContext().withBaggage("tenant", "acme")));
 * }</pre>
 *
 * <p>Every pattern requires a valid context in its format (W3C {@code traceparent} unless {@link
 * #inFormat} says otherwise); the other conditions are checked on top. Only plain values are stored
 * in the parameters, so a pattern also serialises to a remote WireMock that has the matcher
 * registered.
 */
public final class TraceContextPattern extends CustomMatcherDefinition {

  static final String FORMAT = "format";
  static final String SAMPLED = "sampled";
  static final String CHILD_OF_SPAN_NAMED = "childOfSpanNamed";
  static final String CHILD_OF_TRACE_ID = "childOfTraceId";
  static final String CHILD_OF_SPAN_ID = "childOfSpanId";
  static final String TRACESTATE = "tracestate";
  static final String BAGGAGE = "baggage";

  private TraceContextPattern(Parameters parameters) {
    super(TraceContextMatcher.NAME, parameters);
  }

  /** A request carrying a valid W3C {@code traceparent}. */
  public static TraceContextPattern traceContext() {
    return new TraceContextPattern(new Parameters());
  }

  /** … whose sampled flag is set (only that bit: OpenTelemetry 1.68 sends flags {@code 03}). */
  public TraceContextPattern sampled() {
    return with(SAMPLED, true);
  }

  /** … whose sampled flag is clear. */
  public TraceContextPattern notSampled() {
    return with(SAMPLED, false);
  }

  /**
   * … whose parent is the span of this name in the test that owns the request's trace (or, when no
   * test owns it, the test current where the matcher runs).
   *
   * @throws IllegalArgumentException if {@code spanName} is null or blank
   */
  public TraceContextPattern childOf(String spanName) {
    if (spanName == null || spanName.isBlank()) {
      throw new IllegalArgumentException("childOf needs a span name, but got " + quote(spanName));
    }
    return with(CHILD_OF_SPAN_NAMED, spanName);
  }

  /**
   * … whose trace id and parent id are those of this span.
   *
   * @throws IllegalArgumentException if {@code parent} is null or not valid
   */
  public TraceContextPattern childOf(SpanContext parent) {
    if (parent == null || !parent.isValid()) {
      throw new IllegalArgumentException("childOf needs a valid SpanContext, but got " + parent);
    }
    Parameters parameters = copy();
    parameters.put(CHILD_OF_TRACE_ID, parent.getTraceId());
    parameters.put(CHILD_OF_SPAN_ID, parent.getSpanId());
    return new TraceContextPattern(parameters);
  }

  /**
   * … whose {@code tracestate}, as a conforming receiver propagates it, has the member {@code
   * key=value}.
   *
   * @throws IllegalArgumentException if {@code key} or {@code value} is null or empty
   */
  public TraceContextPattern withTracestate(String key, String value) {
    Parameters parameters = copy();
    List<String> members = new ArrayList<>(strings(parameters.get(TRACESTATE)));
    members.add(requireText(key, "tracestate key") + "=" + requireText(value, "tracestate value"));
    parameters.put(TRACESTATE, members);
    return new TraceContextPattern(parameters);
  }

  /**
   * … whose {@code baggage} has the entry {@code key=value} (value percent-decoded).
   *
   * @throws IllegalArgumentException if {@code key} or {@code value} is null, or {@code key} empty
   */
  public TraceContextPattern withBaggage(String key, String value) {
    requireText(key, "baggage key");
    if (value == null) {
      throw new IllegalArgumentException("baggage value must not be null");
    }
    Parameters parameters = copy();
    Map<String, Object> entries = new LinkedHashMap<>();
    if (parameters.get(BAGGAGE) instanceof Map<?, ?> existing) {
      existing.forEach((k, v) -> entries.put(String.valueOf(k), v));
    }
    entries.put(key, value);
    parameters.put(BAGGAGE, entries);
    return new TraceContextPattern(parameters);
  }

  /**
   * … in this format instead of W3C Trace Context.
   *
   * @throws IllegalArgumentException if {@code format} is null
   */
  public TraceContextPattern inFormat(PropagationFormat format) {
    if (format == null) {
      throw new IllegalArgumentException("format must not be null");
    }
    return with(FORMAT, format.name());
  }

  /** The conditions, e.g. {@code trace context {sampled=true, childOfSpanNamed=GET}}. */
  @Override
  public String toString() {
    return "trace context " + getParameters();
  }

  private TraceContextPattern with(String key, Object value) {
    Parameters parameters = copy();
    parameters.put(key, value);
    return new TraceContextPattern(parameters);
  }

  private Parameters copy() {
    Parameters parameters = new Parameters();
    parameters.putAll(getParameters());
    return parameters;
  }

  static List<String> strings(Object value) {
    List<String> strings = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> strings.add(String.valueOf(item)));
    }
    return strings;
  }

  private static String requireText(String text, String what) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(
          what + " must not be null or empty, but got " + quote(text));
    }
    return text;
  }

  private static String quote(String text) {
    return text == null ? "null" : "\"" + text + "\"";
  }
}
