package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.TestHeaders.headers;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where OpenTelemetry Java's {@link W3CTraceContextPropagator} (1.68.0) and the W3C Trace Context
 * spec disagree. Each test pins both sides, so an OpenTelemetry upgrade that closes a gap shows up
 * here. In every case the validator follows the spec and its conformance suite.
 */
class OpenTelemetryDifferencesTest {

  private static final String VALID = "00-12345678901234567890123456789012-1234567890123456-01";

  @ParameterizedTest
  @ValueSource(strings = {" " + VALID, VALID + "\t"})
  void should_accept_surrounding_whitespace_that_opentelemetry_rejects(String traceparent) {
    // W3C test/test.py: test_traceparent_ows_handling
    // GIVEN
    Map<String, List<String>> headers = headers("traceparent", traceparent);
    // WHEN / THEN
    assertThat(TraceContext.validate(headers).isValid()).isTrue();
    assertThat(otel(headers).isValid()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo@@bar=1", "foo@bar@baz=1", "1abc=1", "foo@=1"})
  void should_keep_tracestate_keys_of_the_current_grammar_that_opentelemetry_drops(String member) {
    // W3C test/test.py: test_tracestate_key_illegal_vendor_format, since w3c/trace-context#386;
    // OpenTelemetry still applies the older tenant@vendor rules (one "@", vendor 1-14 characters,
    // simple keys start with a letter)
    // GIVEN
    Map<String, List<String>> headers =
        headers("traceparent", VALID, "tracestate", member + ",bar=2");
    // WHEN / THEN
    assertThat(TraceContext.validate(headers).tracestateMembers()).containsExactly(member, "bar=2");
    assertThat(otel(headers).getTraceState().isEmpty()).isTrue();
  }

  @Test
  void should_keep_tracestate_with_duplicate_keys_that_opentelemetry_drops() {
    // W3C test/test.py: test_tracestate_duplicated_keys, since w3c/trace-context#477
    // GIVEN
    Map<String, List<String>> headers = headers("traceparent", VALID, "tracestate", "foo=1,foo=2");
    // WHEN / THEN
    assertThat(TraceContext.validate(headers).tracestateMembers()).containsExactly("foo=1");
    assertThat(otel(headers).getTraceState().isEmpty()).isTrue();
  }

  @Test
  void
      should_reject_duplicated_traceparent_that_opentelemetry_continues_with_a_first_value_getter() {
    // W3C test/test.py: test_traceparent_duplicated; OpenTelemetry reads one value through its
    // TextMapGetter, so the outcome depends on the getter: a first-value getter continues the trace
    // GIVEN
    Map<String, List<String>> headers = headers("traceparent", VALID, "traceparent", VALID);
    // WHEN / THEN
    assertThat(TraceContext.validate(headers).isValid()).isFalse();
    assertThat(otel(headers).isValid()).isTrue();
  }

  private static SpanContext otel(Map<String, List<String>> headers) {
    Context context =
        W3CTraceContextPropagator.getInstance()
            .extract(
                Context.root(),
                headers,
                new TextMapGetter<Map<String, List<String>>>() {
                  @SuppressWarnings("deprecation") // abstract before OpenTelemetry 1.68
                  @Override
                  public Iterable<String> keys(Map<String, List<String>> carrier) {
                    return carrier.keySet();
                  }

                  @Override
                  public String get(Map<String, List<String>> carrier, String key) {
                    List<String> values = Headers.values(carrier, key);
                    return values.isEmpty() ? null : values.get(0);
                  }
                });
    return Span.fromContext(context).getSpanContext();
  }
}
