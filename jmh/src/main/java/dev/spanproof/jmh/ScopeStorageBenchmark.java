package dev.spanproof.jmh;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.internal.ScopeTracking;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
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
 * What strict context handling adds to one {@code makeCurrent} / {@code close} pair:
 * OpenTelemetry's context storage as it is, against the same storage behind spanproof's {@code
 * ContextStorage.addWrapper} wrapper ({@code ScopeTracking}), which {@code TracingExtension}
 * installs for the whole JVM.
 *
 * <p>The wrapper is applied once per JVM, when the storage is first resolved, so every {@link
 * Storage} variant runs in forks of its own (JMH forks each parameter combination anew) and the
 * set-up checks that the storage is, or is not, wrapped as the variant says.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class ScopeStorageBenchmark {

  /** Which storage the pair goes through, and whose scope it is. */
  public enum Storage {
    /** OpenTelemetry's default storage without the wrapper: the baseline. */
    PLAIN,
    /** Wrapped, no test watched: every scope in the JVM outside a test run. */
    WRAPPED_IDLE,
    /** Wrapped while a test is watched, for a scope that is not the test's (no session in it). */
    WRAPPED_OTHER_SCOPE,
    /** Wrapped, the test's own scope (its session in the context), without open stacks. */
    TEST_SCOPE,
    /** The test's own scope with the stack where it was opened: the extension's default. */
    TEST_SCOPE_WITH_STACKS
  }

  /** A test opens a handful of scopes; the record is started afresh as often as spans reset. */
  static final int REWATCH_EVERY = SpanLifecycleBenchmark.RESET_EVERY;

  @Param public Storage storage;

  Context toAttach;
  private TracingHarness harness;
  private CaptureSession session;
  private int openedSinceRewatch;

  @Setup(Level.Trial)
  public void resolveStorage() {
    if (storage == Storage.PLAIN) {
      // Resolved before the wrapper is offered, so OpenTelemetry ignores it in this JVM.
      ContextStorage.get();
      require(ScopeTracking.install() == ScopeTracking.Installation.STORAGE_USED_FIRST);
    } else {
      require(ScopeTracking.install() == ScopeTracking.Installation.INSTALLED);
    }
    Context span =
        Context.root()
            .with(
                Span.wrap(
                    SpanContext.create(
                        "4bf92f3577b34da6a3ce929d0e0e4736",
                        "00f067aa0ba902b7",
                        TraceFlags.getSampled(),
                        TraceState.getDefault())));
    toAttach = span;
    if (storage == Storage.PLAIN || storage == Storage.WRAPPED_IDLE) {
      return;
    }
    harness = TracingHarness.builder().build();
    session = harness.openSession("benchmark test");
    ScopeTracking.watch(session, storage == Storage.TEST_SCOPE_WITH_STACKS);
    if (storage != Storage.WRAPPED_OTHER_SCOPE) {
      toAttach = span.with(session);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    if (session != null) {
      ScopeTracking.stopWatching(session);
      session.close();
      harness.close();
    }
  }

  /**
   * Measured: making a context with a span current and closing its scope, on one thread, plus
   * 1/4096 of starting a new record for the watched test (the record keeps every scope of a test).
   * Isolated: the context is built in set-up; the scope is sunk before it closes.
   */
  @Benchmark
  @SuppressWarnings("MustBeClosedChecker") // closed at once: the pair is what is measured
  public void makeCurrentAndClose(Blackhole blackhole) {
    Scope scope = toAttach.makeCurrent();
    blackhole.consume(scope);
    scope.close();
    if (session != null && ++openedSinceRewatch == REWATCH_EVERY) {
      openedSinceRewatch = 0;
      ScopeTracking.stopWatching(session);
      ScopeTracking.watch(session, storage == Storage.TEST_SCOPE_WITH_STACKS);
    }
  }

  private void require(boolean expected) {
    if (!expected) {
      throw new IllegalStateException(
          storage + ": the context storage is not as this variant needs it");
    }
  }
}
