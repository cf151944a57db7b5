package dev.spanproof.jmh;

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
 * How the cost of recording start stacks grows with the depth of the calling stack. A JMH benchmark
 * method sits about 15 frames deep; a JUnit 5 test method run by the Launcher from a {@code main}
 * sits 77 frames deep (measured), and Surefire and the code under test add more, so {@link
 * SpanLifecycleBenchmark} understates what {@code recordStartStacks(true)} costs in real tests.
 * Each benchmark first descends {@code extraFrames} frames; compare a variant with the same depth
 * of {@code SPANPROOF} to remove the descent's own cost.
 *
 * <p>{@link StackCaptureBenchmark} measures the stack capture alone.
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

  @Param({"SPANPROOF", "SPANPROOF_START_STACKS"})
  public Capture capture;

  @Param({"0", "100"})
  public int extraFrames;

  Capture.Pipeline pipeline;
  Tracer tracer;
  String spanName = "processOrder";
  int startedSinceReset;
  private Scope scope;

  @Setup(Level.Trial)
  @SuppressWarnings("MustBeClosedChecker") // the scope is closed in the trial's @TearDown
  public void open() {
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
   * Measured: descending {@code extraFrames} frames, then start and end one root span with the
   * session current (plus 1/4096 of a reset). Isolated: the span is sunk; the descent costs the
   * same for both captures.
   */
  @Benchmark
  public void startAndEndDeep(Blackhole blackhole) {
    blackhole.consume(descendThenSpan(extraFrames));
  }

  private Span descendThenSpan(int frames) {
    if (frames > 0) {
      return descendThenSpan(frames - 1);
    }
    Span span = tracer.spanBuilder(spanName).startSpan();
    span.end();
    if (++startedSinceReset == SpanLifecycleBenchmark.RESET_EVERY) {
      startedSinceReset = 0;
      pipeline.reset();
    }
    return span;
  }
}
