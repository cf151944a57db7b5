package dev.spanproof.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The stack capture alone, at the JMH depth and 100 frames deeper: a {@code Throwable} (what the
 * capture processor records, every frame, for the first span of each name in a session, or for
 * every span with {@code StartStackRecording.EVERY_SPAN}) versus a {@code StackWalker} that stops
 * after the frames a report can show. Evidence for choosing a fix, not a spanproof API.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class StackCaptureBenchmark {

  /** Frames a report needs: SDK and spanproof frames to skip, then the 12 user frames shown. */
  static final int WALK_LIMIT = 24;

  @Param({"0", "100"})
  public int extraFrames;

  /**
   * Measured: descending {@code extraFrames} frames, then {@code new Throwable()}, which fills in
   * every frame of the stack. Isolated: the throwable is sunk.
   */
  @Benchmark
  public void captureThrowable(Blackhole blackhole) {
    blackhole.consume(descendThenThrowable(extraFrames));
  }

  /**
   * Measured: descending {@code extraFrames} frames, then a {@code StackWalker} collecting at most
   * {@value #WALK_LIMIT} frames. Isolated: the frame list is sunk.
   */
  @Benchmark
  public void captureStackWalker(Blackhole blackhole) {
    blackhole.consume(descendThenWalk(extraFrames));
  }

  private static Throwable descendThenThrowable(int frames) {
    return frames > 0 ? descendThenThrowable(frames - 1) : new Throwable("span started here");
  }

  private static List<StackWalker.StackFrame> descendThenWalk(int frames) {
    return frames > 0
        ? descendThenWalk(frames - 1)
        : StackWalker.getInstance().walk(stack -> stack.limit(WALK_LIMIT).toList());
  }
}
