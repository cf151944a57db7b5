package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExtraSpanProcessorTest {

  @Test
  void should_feed_every_provider_spans_to_an_extra_processor_and_shut_it_down_once() {
    // GIVEN an exporting processor, and two further services' providers
    InMemorySpanExporter exported = InMemorySpanExporter.create();
    CountingShutdowns processor = new CountingShutdowns(SimpleSpanProcessor.create(exported));
    TracingHarness harness = TracingHarness.builder().addSpanProcessor(processor).build();
    harness.tracer().spanBuilder("from-the-test").startSpan().end();
    harness
        .tracerProviderForService("inventory")
        .get("stub")
        .spanBuilder("inventory")
        .startSpan()
        .end();
    harness
        .tracerProviderForService("payments")
        .get("stub")
        .spanBuilder("payments")
        .startSpan()
        .end();
    assertThat(exported.getFinishedSpanItems())
        .extracting(SpanData::getName)
        .containsExactly("from-the-test", "inventory", "payments");
    // WHEN
    harness.close();
    // THEN
    assertThat(processor.shutdowns).hasValue(1);
  }

  /** A processor that counts how often it is shut down. */
  private static final class CountingShutdowns implements SpanProcessor {
    private final SpanProcessor delegate;
    final AtomicInteger shutdowns = new AtomicInteger();

    CountingShutdowns(SpanProcessor delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      delegate.onStart(parentContext, span);
    }

    @Override
    public boolean isStartRequired() {
      return delegate.isStartRequired();
    }

    @Override
    public void onEnd(ReadableSpan span) {
      delegate.onEnd(span);
    }

    @Override
    public boolean isEndRequired() {
      return delegate.isEndRequired();
    }

    @Override
    public CompletableResultCode shutdown() {
      shutdowns.incrementAndGet();
      return delegate.shutdown();
    }
  }
}
