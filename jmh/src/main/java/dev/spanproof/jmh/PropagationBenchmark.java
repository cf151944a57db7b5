package dev.spanproof.jmh;

import dev.spanproof.core.propagation.TraceContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading the trace context of one request: spanproof's strict {@code TraceContext.validate}, which
 * also explains every problem in a sentence, against OpenTelemetry's {@code
 * W3CTraceContextPropagator.extract}, which only continues or drops the trace.
 *
 * <p>Both read the same header map (names to all their values, as servers deliver them); the
 * OpenTelemetry getter returns the first value, as servlet containers do. The header sets are built
 * once per trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class PropagationBenchmark {

  /** The requests compared. */
  public enum HeaderSet {
    /** A version-00 traceparent as the 1.68 SDK sends it, no tracestate. */
    VALID(
        Map.of("traceparent", List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03"))),
    /** A valid traceparent and a three-member tracestate. */
    VALID_WITH_TRACESTATE(
        Map.of(
            "traceparent", List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
            "tracestate", List.of("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7,vendor@tenant=x"))),
    /** Uppercase hex in the trace-id: invalid, the receiver starts a new trace. */
    INVALID_UPPERCASE(
        Map.of("traceparent", List.of("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))),
    /** An all-zero parent-id: invalid. */
    INVALID_ZERO_PARENT(
        Map.of("traceparent", List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")));

    final Map<String, List<String>> headers;

    HeaderSet(Map<String, List<String>> headers) {
      this.headers = headers;
    }
  }

  private static final TextMapGetter<Map<String, List<String>>> FIRST_VALUE =
      new TextMapGetter<>() {
        @SuppressWarnings("deprecation") // abstract before OpenTelemetry 1.68
        @Override
        public Iterable<String> keys(Map<String, List<String>> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, List<String>> carrier, String key) {
          List<String> values = carrier == null ? null : carrier.get(key.toLowerCase(Locale.ROOT));
          return values == null || values.isEmpty() ? null : values.get(0);
        }
      };

  @Param public HeaderSet headerSet;

  Map<String, List<String>> headers;
  Context root;
  W3CTraceContextPropagator propagator;

  @Setup
  public void prepare() {
    headers = headerSet.headers;
    root = Context.root();
    propagator = W3CTraceContextPropagator.getInstance();
  }

  /**
   * Measured: spanproof's validation, problems as sentences included. Isolated: the headers exist.
   */
  @Benchmark
  public void spanproofValidate(Blackhole blackhole) {
    blackhole.consume(TraceContext.validate(headers));
  }

  /** Measured: OpenTelemetry's extraction into a context. Isolated: the headers exist. */
  @Benchmark
  public void openTelemetryExtract(Blackhole blackhole) {
    blackhole.consume(propagator.extract(root, headers, FIRST_VALUE));
  }
}
