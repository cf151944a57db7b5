package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTraces;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.ManualClock;
import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.sampling.TailSampling;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tail sampling over a whole suite of traces: the configuration of OpenTelemetry's
 * distributed-tracing guides (keep errors, keep traces slower than 1 s, 5 % of the rest), loaded
 * from the Collector's YAML and checked on thousands of generated traces.
 */
class TailSampledTracesAssert_Test {

  /** The guides' configuration, as a Collector file deploys it. */
  static final String GUIDES_CONFIG =
      """
      processors:
        tail_sampling:
          decision_wait: 10s
          policies:
            - name: errors
              type: status_code
              status_code: {status_codes: [ERROR]}
            - name: slow
              type: latency
              latency: {threshold_ms: 1000}
            - name: five-percent
              type: probabilistic
              probabilistic: {sampling_percentage: 5}
      """;

  static final Predicate<Trace> WITH_AN_ERROR =
      trace ->
          !trace
              .spansMatching(node -> node.span().getStatus().getStatusCode() == StatusCode.ERROR)
              .isEmpty();
  static final Predicate<Trace> SLOWER_THAN_1_S = trace -> trace.duration().toMillis() > 1000;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 20261202, 7_777_777})
  void the_guides_config_keeps_errors_slow_traces_and_about_5_percent_of_the_rest(long seed) {
    List<SpanData> spans = generateTraces(seed, 3000);

    assertThatTraces(spans)
        .whenTailSampledBy(TailSampling.fromCollectorYaml(GUIDES_CONFIG))
        .as("traces generated with seed %d", seed)
        .keepsAll("with an error", WITH_AN_ERROR)
        .keepsAll("slower than 1 s", SLOWER_THAN_1_S)
        .keepsAboutPercentOfTheRest(5);
  }

  @Test
  void should_fail_when_a_selected_trace_is_not_kept() {
    // GIVEN a configuration that forgot the latency policy
    TailSampling errorsOnly =
        TailSampling.fromCollectorYaml(
            """
            policies:
              - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
            """);
    List<SpanData> spans = generateTraces(42, 40);
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTraces(spans)
                    .whenTailSampledBy(errorsOnly)
                    .keepsAll("slower than 1 s", SLOWER_THAN_1_S))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting tail sampling to keep every trace slower than 1 s:
              3 of 40 traces
            but it does not keep 3 of them, e.g.:
              trace d57841fac9e2a3d175d6a35cc2e15b9f → not sampled
                [errors] status_code: no span has status ERROR → not sampled
                final: no policy sampled the trace → not sampled
              trace 9d0941e48b2f293f9618b67fa3f5d203 → not sampled
                [errors] status_code: no span has status ERROR → not sampled
                final: no policy sampled the trace → not sampled
              trace a11c04a24395a9bda2799cd5289d9a59 → not sampled
                [errors] status_code: no span has status ERROR → not sampled
                final: no policy sampled the trace → not sampled

            trace d57841fac9e2a3d175d6a35cc2e15b9f (2 spans, 2.14 s)
            └─ GET /orders [INTERNAL, UNSET, 2.14 s]
               └─ SELECT orders [INTERNAL, UNSET, 1.79 s]""");
  }

  @Test
  void should_fail_when_the_share_of_the_rest_is_off() {
    // GIVEN 50 % where the test expects 5 %
    TailSampling half =
        TailSampling.fromCollectorYaml(
            """
            policies:
              - {name: half, type: probabilistic, probabilistic: {sampling_percentage: 50}}
            """);
    List<SpanData> spans = generateTraces(42, 400);
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTraces(spans)
                    .whenTailSampledBy(half)
                    .keepsAll("with an error", WITH_AN_ERROR.and(t -> false))
                    .keepsAboutPercentOfTheRest(5))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting tail sampling to keep about 5 % of the other traces (not with an error), 400 traces:
              between 2 and 38 (20 ± 17.44: 4 standard deviations of the binomial count)
            but it keeps 175 (43.75 %)""");
  }

  @Test
  void should_fail_when_a_trace_that_must_go_is_kept() {
    // GIVEN
    TailSampling everything =
        TailSampling.fromCollectorYaml("policies: [{name: all, type: always_sample}]\n");
    List<SpanData> spans = generateTraces(42, 10);
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTraces(spans)
                    .whenTailSampledBy(everything)
                    .dropsAll("at all", trace -> true))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting tail sampling to keep no trace at all:
              10 of 10 traces
            but it keeps 10 of them, e.g.:
              trace 4f083ce3f12bbb4b46ee9d82b52c856d → sampled
                [all] always_sample: samples every trace → sampled
                final: no drop policy matched, [all] sampled → sampled
              trace 26e6bc6f6fbddf557096b882bff9d9d7 → sampled
                [all] always_sample: samples every trace → sampled
                final: no drop policy matched, [all] sampled → sampled
              trace a4c46c01922fb35e148d9e81947c82ef → sampled
                [all] always_sample: samples every trace → sampled
                final: no drop policy matched, [all] sampled → sampled
              … and 7 more

            trace 4f083ce3f12bbb4b46ee9d82b52c856d (3 spans, 640 ms)
            └─ GET /orders [INTERNAL, UNSET, 640 ms]
               ├─ SELECT orders [INTERNAL, UNSET, 623 ms]
               └─ SELECT orders [INTERNAL, UNSET, 637 ms]""");
  }

  @Test
  void should_refuse_bad_arguments() {
    List<SpanData> spans = generateTraces(42, 2);
    TailSampling everything =
        TailSampling.fromCollectorYaml("policies: [{name: all, type: always_sample}]\n");

    assertThatThrownBy(() -> assertThatTraces(spans).whenTailSampledBy(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("whenTailSampledBy(TailSampling tailSampling): tailSampling must not be null");
    assertThatThrownBy(
            () ->
                assertThatTraces(spans)
                    .whenTailSampledBy(everything)
                    .keepsAboutPercentOfTheRest(101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "keepsAboutPercentOfTheRest(double percent): percent must be between 0 and 100, but got"
                + " 101.0");
    assertThatThrownBy(
            () -> assertThatTraces(spans).whenTailSampledBy(everything).keepsAll(null, t -> true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(
            "keepsAll(String description, Predicate<Trace> which): description must not be null");
  }

  /**
   * {@code count} traces through a real harness on a manual clock, with random ids from {@code
   * seed}: a root and 0–3 children; about 4 % have an error, about 8 % take 1–3 s, the rest 5–900
   * ms.
   */
  static List<SpanData> generateTraces(long seed, int count) {
    Random random = new Random(seed);
    ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    try (TracingHarness harness =
        TracingHarness.builder().clock(clock).idGenerator(new SeededIds(random)).build()) {
      Tracer tracer = harness.tracer();
      for (int i = 0; i < count; i++) {
        long millis =
            random.nextInt(100) < 8 ? 1001 + random.nextInt(2000) : 5 + random.nextInt(896);
        long start = clock.now();
        Span root = tracer.spanBuilder("GET /orders").setNoParent().startSpan();
        int children = random.nextInt(4);
        for (int c = 0; c < children; c++) {
          Span child =
              tracer
                  .spanBuilder("SELECT orders")
                  .setParent(Context.root().with(root))
                  .setStartTimestamp(start, TimeUnit.NANOSECONDS)
                  .startSpan();
          child.end(
              start + TimeUnit.MILLISECONDS.toNanos(1 + random.nextInt((int) millis)),
              TimeUnit.NANOSECONDS);
        }
        if (random.nextInt(100) < 4) {
          root.setStatus(StatusCode.ERROR, "failed");
        }
        clock.advance(Duration.ofMillis(millis));
        root.end();
        clock.advance(Duration.ofMillis(random.nextInt(50)));
      }
      return harness.finishedSpans();
    }
  }

  /** Random trace and span ids from one seeded generator. */
  private static final class SeededIds implements IdGenerator {
    private final Random random;

    SeededIds(Random random) {
      this.random = random;
    }

    @Override
    public synchronized String generateSpanId() {
      return HexFormat.of().toHexDigits(random.nextLong() | 1);
    }

    @Override
    public synchronized String generateTraceId() {
      return HexFormat.of().toHexDigits(random.nextLong())
          + HexFormat.of().toHexDigits(random.nextLong() | 1);
    }
  }
}
