package dev.spanproof.jmh;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What start stacks cost where tests start spans: deep in the stack. A JMH benchmark method sits
 * about 15 frames deep; a JUnit 5 test method run by the Launcher from a {@code main} sits 77
 * frames deep (measured), and Surefire and the code under test add more. Each benchmark first
 * descends {@code extraFrames} frames, then starts a span named in turn from {@value #NAME_COUNT}
 * names, with four attributes, in an open session (for spanproof). Compare every capture with
 * {@code NOOP} at the same depth (the SDK's own work plus the descent) and with {@code
 * SIMPLE_IN_MEMORY}, what tests use today.
 *
 * <p>Captured spans are reset every {@value SpanLifecycleBenchmark#RESET_EVERY} spans, as a suite
 * resets between tests: with {@code SPANPROOF_START_STACKS} each such "test" takes one stack per
 * name, and that cost is part of the measured time. {@link StackCaptureBenchmark} measures the
 * stack capture alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 5, time = 1)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class StartStackBenchmark {

  /** How many span names the benchmark starts in turn. */
  static final int NAME_COUNT = 20;

  @Param({
    "NOOP",
    "SIMPLE_IN_MEMORY",
    "SPANPROOF",
    "SPANPROOF_START_STACKS",
    "SPANPROOF_EVERY_START_STACK"
  })
  public Capture capture;

  @Param({"0", "60"})
  public int extraFrames;

  Capture.Pipeline pipeline;
  Tracer tracer;
  Attributes attributes = SpanAttributes.FOUR.attributes();
  String[] spanNames = new String[NAME_COUNT];
  int nextName;
  int startedSinceReset;
  private Scope scope;

  @Setup(Level.Trial)
  @SuppressWarnings("MustBeClosedChecker") // the scope is closed in the trial's @TearDown
  public void open() {
    for (int i = 0; i < NAME_COUNT; i++) {
      spanNames[i] = "operation-" + i;
    }
    pipeline = capture.open();
    tracer = pipeline.tracer();
    scope = pipeline.context().makeCurrent();
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    scope.close();
    pipeline.close();
  }

  /**
   * Measured: descending {@code extraFrames} frames, then {@code
   * spanBuilder(name).setAllAttributes(four).startSpan()} and {@code end()} of one root span with
   * the context (spanproof: the open session) current, plus 1/{@value
   * SpanLifecycleBenchmark#RESET_EVERY} of a reset. Isolated: names and attributes are built in
   * set-up; the span is sunk; the descent costs the same for every capture.
   */
  @Benchmark
  public void startAndEndDeep(Blackhole blackhole) {
    blackhole.consume(descendThenSpan(extraFrames));
  }

  private Span descendThenSpan(int frames) {
    if (frames > 0) {
      return descendThenSpan(frames - 1);
    }
    String name = spanNames[nextName];
    nextName = nextName == NAME_COUNT - 1 ? 0 : nextName + 1;
    Span span = tracer.spanBuilder(name).setAllAttributes(attributes).startSpan();
    span.end();
    if (++startedSinceReset == SpanLifecycleBenchmark.RESET_EVERY) {
      startedSinceReset = 0;
      pipeline.reset();
    }
    return span;
  }
}
