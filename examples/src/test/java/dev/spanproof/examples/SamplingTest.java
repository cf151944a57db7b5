package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatSamplingDecisions;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;

import dev.spanproof.core.SeededIdGenerator;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The head-sampling examples of docs/sampling.md. */
class SamplingTest {

  @RegisterExtension
  final TracingExtension tracing =
      TracingExtension.builder()
          .sampler(Sampler.parentBased(Sampler.traceIdRatioBased(0.25)))
          .harness(harness -> harness.idGenerator(SeededIdGenerator.withSeed(42)))
          .build();

  @Test
  void about_a_quarter_of_the_orders_are_traced_whole(OpenTelemetry otel) {
    OrderService service = new OrderService(otel);
    for (int i = 0; i < 2_000; i++) {
      service.processOrder(new Order("o-" + i, "sku-1", 1, "4111-1111"));
    }

    assertThatSamplingDecisions()
        .hasSampledTraceShare(0.25, 4) // 2,000 traces: 423 to 577 sampled
        .everyChildFollowedItsParent();
  }

  @Test
  void a_caller_that_did_not_sample_is_honoured(OpenTelemetry otel) {
    // What a server extracts from traceparent: 00-4bf92f…4736-00f067aa0ba902b7-00
    Context caller = Context.current().with(Span.wrap(callerContext(TraceFlags.getDefault())));

    try (Scope ignored = caller.makeCurrent()) {
      new OrderService(otel).processOrder(new Order("o-42", "sku-1", 1, "4111-1111"));
    }

    assertThatSamplingDecisions()
        .spanWasDropped("processOrder")
        .spanWasDropped("processPayment")
        .everyRemoteParentWasHonoured();
  }

  @Test
  void a_sampled_order_is_sampled_throughout(OpenTelemetry otel) {
    Context caller = Context.current().with(Span.wrap(callerContext(TraceFlags.getSampled())));

    try (Scope ignored = caller.makeCurrent()) {
      new OrderService(otel).processOrder(new Order("o-42", "sku-1", 1, "4111-1111"));
    }

    assertThatTrace().span("processOrder").isSampled().hasRemoteParent("00f067aa0ba902b7");
  }

  /** The context a caller's traceparent carries, as a server extracts it. */
  private static SpanContext callerContext(TraceFlags flags) {
    return SpanContext.createFromRemoteParent(
        "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", flags, TraceState.getDefault());
  }
}
