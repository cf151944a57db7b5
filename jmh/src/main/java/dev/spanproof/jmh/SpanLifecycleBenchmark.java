package dev.spanproof.jmh;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one span's life (start, set 0/4/16 attributes, end) as seen by the thread that
 * creates it, through each {@link Capture} variant. Compare every variant with {@link
 * Capture#NOOP}: the difference is what capturing adds above the SDK's own work.
 *
 * <p>Retaining variants are reset every {@value #RESET_EVERY} spans per thread (what a test suite
 * does between tests); the amortised reset is part of the measured cost, for every variant alike.
 * {@link SpanParent#ROOT} spans each start a new trace (spanproof then records the trace's owner);
 * {@link SpanParent#CHILD} spans share one long-lived parent, as most spans of a test do.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 5, time = 1)
public class SpanLifecycleBenchmark {

  /** Spans a thread starts between two resets of the captured spans. */
  static final int RESET_EVERY = 4096;

  /**
   * Whether benchmark threads share one capture session (one test doing concurrent work) or each
   * has its own session of the same harness (parallel tests of one class). Only spanproof
   * distinguishes them.
   */
  public enum Sessions {
    SHARED,
    PER_THREAD
  }

  /** Where the spans start: each a new trace, or all under one parent. */
  public enum SpanParent {
    ROOT,
    CHILD
  }

  /** The capture pipeline, shared by all benchmark threads so that two threads contend on it. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class SharedPipeline {
    @Param({"NOOP", "SPANPROOF", "SPANPROOF_START_STACKS", "SIMPLE_IN_MEMORY", "BATCH_IN_MEMORY"})
    public Capture capture;

    @Param public SpanAttributes attributes;

    @Param public SpanParent parent;

    @Param public Sessions sessions;

    Capture.Pipeline pipeline;
    Context spanContext;
    Span parentSpan;

    @Setup(Level.Trial)
    public void open() {
      pipeline = capture.open();
      spanContext = pipeline.context();
      if (parent == SpanParent.CHILD) {
        // Never ended: it stands for the test's root span, open while the benchmarked spans run.
        parentSpan = pipeline.tracer().spanBuilder("parent").setParent(spanContext).startSpan();
        spanContext = spanContext.with(parentSpan);
      }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      pipeline.close();
    }
  }

  /** One benchmark thread: its context made current, its inputs, its reset counter. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class ThreadState {
    Tracer tracer;
    Attributes attributes;
    String spanName = "processOrder";
    int startedSinceReset;
    Capture.Pipeline pipeline;
    private Scope scope;

    @Setup(Level.Trial)
    @SuppressWarnings("MustBeClosedChecker") // the scope is closed in the trial's @TearDown
    public void enter(SharedPipeline shared) {
      pipeline = shared.pipeline;
      tracer = pipeline.tracer();
      attributes = shared.attributes.attributes();
      Context context = shared.spanContext;
      if (shared.sessions == Sessions.PER_THREAD) {
        context = pipeline.separateContext();
        if (shared.parentSpan != null) {
          context = context.with(shared.parentSpan);
        }
      }
      scope = context.makeCurrent();
    }

    @TearDown(Level.Trial)
    public void leave() {
      scope.close();
    }
  }

  /**
   * Measured: {@code spanBuilder(name).setAllAttributes(a).startSpan()} then {@code end()}, with
   * the context (spanproof: the open session) current, on one thread, plus 1/{@value #RESET_EVERY}
   * of a reset. Isolated: the tracer, attributes and context are built in set-up; the span is sunk
   * into the blackhole.
   */
  @Benchmark
  @Threads(1)
  public void startAndEnd(ThreadState state, Blackhole blackhole) {
    blackhole.consume(lifecycle(state));
  }

  /**
   * Measured: as {@link #startAndEnd}, on two threads at once sharing one pipeline (one harness,
   * one exporter; with {@code sessions=SHARED} one session), so capture structures are contended.
   * Reported time is per span per thread.
   */
  @Benchmark
  @Threads(2)
  public void startAndEndTwoThreads(ThreadState state, Blackhole blackhole) {
    blackhole.consume(lifecycle(state));
  }

  private static Span lifecycle(ThreadState state) {
    Span span =
        state.tracer.spanBuilder(state.spanName).setAllAttributes(state.attributes).startSpan();
    span.end();
    if (++state.startedSinceReset == RESET_EVERY) {
      state.startedSinceReset = 0;
      state.pipeline.reset();
    }
    return span;
  }
}
