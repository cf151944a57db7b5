package dev.spanproof.assertions;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.ManualClock;
import dev.spanproof.core.TracingHarness;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.time.Instant;

/**
 * A test's view of a harness with a given sampler: a session current on this thread (as the JUnit
 * extension makes it), sequential ids and a manual clock that advances 1 ms per span, so that
 * pinned messages are stable.
 */
final class SamplingFixture implements AutoCloseable {

  /** Remote parents as an incoming {@code traceparent} carries them. */
  static final SpanContext REMOTE_SAMPLED =
      SpanContext.createFromRemoteParent(
          "4bf92f3577b34da6a3ce929d0e0e4736",
          "00f067aa0ba902b7",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  static final SpanContext REMOTE_NOT_SAMPLED =
      SpanContext.createFromRemoteParent(
          "4bf92f3577b34da6a3ce929d0e0e4736",
          "00f067aa0ba902b7",
          TraceFlags.getDefault(),
          TraceState.getDefault());

  final TracingHarness harness;
  final CaptureSession session;
  private final ManualClock clock;
  private final Scope scope;

  SamplingFixture(Sampler sampler) {
    this(sampler, new TestTraces.SequentialIds());
  }

  // The scope is closed in close(), as the JUnit extension closes it after each test.
  @SuppressWarnings("MustBeClosedChecker")
  SamplingFixture(Sampler sampler, IdGenerator ids) {
    clock = ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    harness = TracingHarness.builder().sampler(sampler).idGenerator(ids).clock(clock).build();
    session = harness.openSession("test [checkout]");
    scope = session.makeCurrent();
  }

  Tracer tracer() {
    return harness.tracer();
  }

  /** processOrder (SERVER) with the children validateInventory and processPayment (CLIENT). */
  void processOrder() {
    processOrder(null);
  }

  /** {@link #processOrder()} continuing {@code remoteParent}, as a server that extracted it. */
  void processOrder(SpanContext remoteParent) {
    SpanBuilder builder = tracer().spanBuilder("processOrder").setSpanKind(SpanKind.SERVER);
    if (remoteParent != null) {
      builder.setParent(Context.current().with(Span.wrap(remoteParent)));
    }
    Span root = builder.startSpan();
    try (Scope ignored = root.makeCurrent()) {
      child("validateInventory", SpanKind.INTERNAL);
      child("processPayment", SpanKind.CLIENT);
    } finally {
      clock.advance(Duration.ofMillis(1));
      root.end();
    }
  }

  void child(String name, SpanKind kind) {
    Span span = tracer().spanBuilder(name).setSpanKind(kind).startSpan();
    clock.advance(Duration.ofMillis(1));
    span.end();
  }

  @Override
  public void close() {
    scope.close();
    harness.close();
  }
}
