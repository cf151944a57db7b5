package dev.spanproof.assertions;

import dev.spanproof.core.ManualClock;
import dev.spanproof.core.TracingHarness;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Builds real spans through a {@link TracingHarness} with sequential ids and fixed timestamps, so
 * that pinned failure messages are stable: trace ids count 1, 2, …; span ids count in creation
 * (pre-)order; times are milliseconds after 2026-01-01T00:00:00Z.
 */
final class TestTraces implements AutoCloseable {

  static final long BASE_NANOS =
      TimeUnit.SECONDS.toNanos(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());

  final TracingHarness harness;
  private final Map<String, SpanContext> contexts = new HashMap<>();

  TestTraces() {
    harness =
        TracingHarness.builder()
            .idGenerator(new SequentialIds())
            .clock(ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z")))
            .build();
  }

  /** A span from {@code startMillis} to {@code endMillis}. */
  static Spec span(String name, long startMillis, long endMillis, Spec... children) {
    return new Spec(name, startMillis, endMillis, List.of(children));
  }

  /** The processOrder example: a server root with two children, the payment failed. */
  List<SpanData> orderTrace() {
    return record(
        span(
                "processOrder",
                0,
                10,
                span("validateInventory", 1, 3),
                span("processPayment", 4, 9)
                    .kind(SpanKind.CLIENT)
                    .status(StatusCode.ERROR, "card declined")
                    .with(s -> s.setAttribute("payment.provider", "acme"))
                    .with(s -> s.setAttribute("payment.attempts", 2L))
                    .with(
                        s ->
                            s.recordException(
                                stackless(new IllegalStateException("card declined")))))
            .kind(SpanKind.SERVER)
            .with(s -> s.setAttribute("http.request.method", "POST"))
            .with(s -> s.setAttribute("http.route", "/orders")));
  }

  static <T extends Throwable> T stackless(T throwable) {
    throwable.setStackTrace(new StackTraceElement[0]);
    return throwable;
  }

  /** Starts and ends the tree's spans; returns the spans of its trace. */
  List<SpanData> record(Spec root) {
    Span span = start(root, null);
    String traceId = span.getSpanContext().getTraceId();
    return harness.finishedSpans().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
  }

  SpanContext contextOf(String name) {
    return contexts.get(name);
  }

  private Span start(Spec spec, Span parent) {
    SpanBuilder builder =
        harness
            .tracer()
            .spanBuilder(spec.name)
            .setSpanKind(spec.kind)
            .setStartTimestamp(
                BASE_NANOS + TimeUnit.MILLISECONDS.toNanos(spec.startMillis), TimeUnit.NANOSECONDS);
    if (spec.remoteParent != null) {
      builder.setParent(Context.root().with(Span.wrap(spec.remoteParent)));
    } else if (parent == null) {
      builder.setNoParent();
    } else {
      builder.setParent(Context.root().with(parent));
    }
    spec.links.forEach(builder::addLink);
    Span span = builder.startSpan();
    contexts.put(spec.name, span.getSpanContext());
    spec.actions.forEach(action -> action.accept(span));
    for (Spec child : spec.children) {
      start(child, span);
    }
    if (spec.ended) {
      span.end(BASE_NANOS + TimeUnit.MILLISECONDS.toNanos(spec.endMillis), TimeUnit.NANOSECONDS);
    }
    return span;
  }

  @Override
  public void close() {
    harness.close();
  }

  /** A span to create: name, times, kind, what to do with it, children. */
  static final class Spec {
    final String name;
    final long startMillis;
    final long endMillis;
    final List<Spec> children;
    SpanKind kind = SpanKind.INTERNAL;
    final List<Consumer<Span>> actions = new ArrayList<>();
    final List<SpanContext> links = new ArrayList<>();
    SpanContext remoteParent;
    boolean ended = true;

    Spec(String name, long startMillis, long endMillis, List<Spec> children) {
      this.name = name;
      this.startMillis = startMillis;
      this.endMillis = endMillis;
      this.children = children;
    }

    Spec kind(SpanKind spanKind) {
      this.kind = spanKind;
      return this;
    }

    Spec status(StatusCode code, String description) {
      return with(span -> span.setStatus(code, description));
    }

    Spec with(Consumer<Span> action) {
      actions.add(action);
      return this;
    }

    Spec event(String eventName, Consumer<AttributesBuilder> attributes) {
      AttributesBuilder builder = Attributes.builder();
      attributes.accept(builder);
      return with(span -> span.addEvent(eventName, builder.build()));
    }

    Spec link(SpanContext target) {
      links.add(target);
      return this;
    }

    Spec remoteParent(String traceId, String spanId) {
      this.remoteParent =
          SpanContext.createFromRemoteParent(
              traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
      return this;
    }

    /** Never ended: its children become orphans. */
    Spec unended() {
      this.ended = false;
      return this;
    }
  }

  /** Trace ids 1, 2, 3…; span ids 1, 2, 3…, as zero-padded hex. */
  static final class SequentialIds implements IdGenerator {
    private final AtomicLong traces = new AtomicLong();
    private final AtomicLong spans = new AtomicLong();

    @Override
    public String generateSpanId() {
      return String.format("%016x", spans.incrementAndGet());
    }

    @Override
    public String generateTraceId() {
      return String.format("%032x", traces.incrementAndGet());
    }
  }
}
