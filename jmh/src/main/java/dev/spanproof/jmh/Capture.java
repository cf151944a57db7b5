package dev.spanproof.jmh;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.StartStackRecording;
import dev.spanproof.core.TracingHarness;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The ways a test can capture spans, compared by the span benchmarks. Every variant is an SDK with
 * the always-on sampler and default span limits; only what happens to a span differs.
 */
public enum Capture {

  /** A processor that asks for neither start nor end: the SDK's own work, the floor. */
  NOOP {
    @Override
    Pipeline open() {
      return Pipeline.ofSdk(new NothingProcessor(), () -> {});
    }
  },

  /** spanproof's capture processor, through a harness with an open session made current. */
  SPANPROOF {
    @Override
    Pipeline open() {
      return Pipeline.ofHarness(TracingHarness.builder().build());
    }
  },

  /**
   * As {@link #SPANPROOF}, recording start stacks as the JUnit extension does by default: the first
   * span of each name in a session records its stack ({@code recordStartStacks(true)}).
   */
  SPANPROOF_START_STACKS {
    @Override
    Pipeline open() {
      return Pipeline.ofHarness(TracingHarness.builder().recordStartStacks(true).build());
    }
  },

  /**
   * As {@link #SPANPROOF}, recording every span's own start stack ({@code
   * StartStackRecording.EVERY_SPAN}, {@code spanproof.startStacks=every}).
   */
  SPANPROOF_EVERY_START_STACK {
    @Override
    Pipeline open() {
      return Pipeline.ofHarness(
          TracingHarness.builder().recordStartStacks(StartStackRecording.EVERY_SPAN).build());
    }
  },

  /**
   * {@code SimpleSpanProcessor} exporting to sdk-testing's {@code InMemorySpanExporter}: what tests
   * use today.
   */
  SIMPLE_IN_MEMORY {
    @Override
    Pipeline open() {
      InMemorySpanExporter exporter = InMemorySpanExporter.create();
      return Pipeline.ofSdk(SimpleSpanProcessor.create(exporter), exporter::reset);
    }
  },

  /**
   * {@code BatchSpanProcessor} (default queue and batch sizes) exporting to an {@code
   * InMemorySpanExporter}.
   */
  BATCH_IN_MEMORY {
    @Override
    Pipeline open() {
      InMemorySpanExporter exporter = InMemorySpanExporter.create();
      return Pipeline.ofSdk(BatchSpanProcessor.builder(exporter).build(), exporter::reset);
    }
  };

  abstract Pipeline open();

  /**
   * A tracer, the context its spans start in, and a way to forget what was captured so that a long
   * measurement does not fill the heap (or, for spanproof, hit the per-session span limit).
   */
  static final class Pipeline implements AutoCloseable {
    private final Tracer tracer;
    private final Context context;
    private final Supplier<Context> separateContext;
    private final Runnable reset;
    private final AutoCloseable closer;

    private Pipeline(
        Tracer tracer,
        Context context,
        Supplier<Context> separateContext,
        Runnable reset,
        AutoCloseable closer) {
      this.tracer = tracer;
      this.context = context;
      this.separateContext = separateContext;
      this.reset = reset;
      this.closer = closer;
    }

    static Pipeline ofSdk(SpanProcessor processor, Runnable reset) {
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .setSampler(Sampler.alwaysOn())
              .addSpanProcessor(processor)
              .build();
      return new Pipeline(
          provider.get("spanproof-jmh"),
          Context.root(),
          Context::root,
          reset,
          () -> provider.shutdown().join(10, TimeUnit.SECONDS));
    }

    static Pipeline ofHarness(TracingHarness harness) {
      CaptureSession session = harness.openSession("benchmark");
      return new Pipeline(
          harness.tracer(),
          Context.root().with(session),
          () -> Context.root().with(harness.openSession("benchmark thread")),
          harness::reset,
          harness);
    }

    Tracer tracer() {
      return tracer;
    }

    /**
     * The context to make current on each benchmark thread: spanproof's carries the open session.
     */
    Context context() {
      return context;
    }

    /**
     * A context for a separate unit of work: spanproof's carries a new session of the same harness
     * (as parallel tests of one class have); the SDK baselines have nothing to separate.
     */
    Context separateContext() {
      return separateContext.get();
    }

    void reset() {
      reset.run();
    }

    @Override
    public void close() throws Exception {
      closer.close();
    }
  }

  /** Does nothing and says so, so that the SDK skips calling it. */
  static final class NothingProcessor implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
