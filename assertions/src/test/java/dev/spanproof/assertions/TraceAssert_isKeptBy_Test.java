package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.sampling.TailSampling;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceAssert_isKeptBy_Test {

  private static final String CONFIG =
      """
      processors:
        tail_sampling:
          policies:
            - name: errors
              type: status_code
              status_code: {status_codes: [ERROR]}
            - name: slow
              type: latency
              latency: {threshold_ms: 1000}
            - name: no-health
              type: drop
              drop:
                drop_sub_policy:
                  - name: health
                    type: string_attribute
                    string_attribute: {key: http.route, values: [/health]}
      """;

  private final TestTraces traces = new TestTraces();
  private final TailSampling sampling = TailSampling.fromCollectorYaml(CONFIG);

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_when_a_policy_samples_the_trace() {
    assertThatTrace(traces.orderTrace()).isKeptBy(sampling);
  }

  @Test
  void should_pass_when_no_policy_samples_the_trace() {
    assertThatTrace(traces.record(span("GET /orders", 0, 120))).isDroppedBy(sampling);
  }

  @Test
  void should_fail_showing_the_decision_path_when_the_trace_is_not_kept() {
    // GIVEN a fast trace without errors
    List<SpanData> spans =
        traces.record(
            span("GET /orders", 0, 120, span("SELECT orders", 10, 90))
                .kind(SpanKind.SERVER)
                .with(s -> s.setAttribute("http.route", "/orders")));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).isKeptBy(sampling))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to be kept by tail sampling with the policies:
              [errors] status_code, [slow] latency, [no-health] drop
            but no policy samples it:
              [no-health] drop: sub-policy [health] did not sample → not sampled
                  [health] string_attribute: no resource or span has http.route one of ["/health"] → not sampled
              [errors] status_code: no span has status ERROR → not sampled
              [slow] latency: trace took 120 ms, not > threshold_ms 1000 → not sampled
              final: no policy sampled the trace → not sampled

            trace 00000000000000000000000000000001 (2 spans, 120 ms)
            └─ GET /orders [SERVER, UNSET, 120 ms] http.route=/orders
               └─ SELECT orders [INTERNAL, UNSET, 80.0 ms]""");
  }

  @Test
  void should_fail_naming_the_drop_policy_when_it_discards_the_trace() {
    // GIVEN a slow health check
    List<SpanData> spans =
        traces.record(
            span("GET /health", 0, 1500).with(s -> s.setAttribute("http.route", "/health")));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).isKeptBy(sampling))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to be kept by tail sampling with the policies:
              [errors] status_code, [slow] latency, [no-health] drop
            but a drop policy discards it:
              [no-health] drop: all 1 sub-policies sampled → dropped
                  [health] string_attribute: span [GET /health] has http.route = "/health", one of ["/health"] → sampled
              [errors] status_code: [no-health] already dropped the trace → not evaluated
              [slow] latency: [no-health] already dropped the trace → not evaluated
              final: drop policy [no-health] matched → not sampled

            trace 00000000000000000000000000000001 (1 span, 1.50 s)
            └─ GET /health [INTERNAL, UNSET, 1.50 s] http.route=/health""");
  }

  @Test
  void should_fail_showing_the_decision_path_when_the_trace_is_kept() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).isDroppedBy(sampling))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to be dropped by tail sampling with the policies:
              [errors] status_code, [slow] latency, [no-health] drop
            but it is sampled:
              [no-health] drop: sub-policy [health] did not sample → not sampled
                  [health] string_attribute: no resource or span has http.route one of ["/health"] → not sampled
              [errors] status_code: span [processPayment] has status ERROR → sampled
              [slow] latency: trace took 10 ms, not > threshold_ms 1000 → not sampled
              final: no drop policy matched, [errors] sampled → sampled

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception""");
  }

  @Test
  void should_collect_the_failure_under_soft_assertions() {
    // GIVEN
    List<SpanData> spans = traces.record(span("GET /orders", 0, 120));
    SoftTraceAssertions softly = new SoftTraceAssertions();
    // WHEN
    softly.assertThatTrace(spans).isKeptBy(sampling).hasSpanCount(1);
    softly.assertThatTraces(spans).whenTailSampledBy(sampling).keepsAll("at all", trace -> true);
    // THEN
    assertThat(softly.errorsCollected())
        .extracting(error -> error.getMessage().lines().skip(1).findFirst().orElse(""))
        .containsExactly(
            "Expecting trace 00000000000000000000000000000001 to be kept by tail sampling with the"
                + " policies:",
            "Expecting tail sampling to keep every trace at all:");
  }

  @Test
  void should_refuse_a_null_tail_sampling() {
    assertThatThrownBy(() -> assertThatTrace(traces.orderTrace()).isKeptBy(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("isKeptBy(TailSampling tailSampling): tailSampling must not be null");
    assertThatThrownBy(() -> assertThatTrace(traces.orderTrace()).isDroppedBy(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("isDroppedBy(TailSampling tailSampling): tailSampling must not be null");
  }
}
