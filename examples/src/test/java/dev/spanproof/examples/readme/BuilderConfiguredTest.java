package dev.spanproof.examples.readme;

import static dev.spanproof.assertions.TraceAssertions.assertThatSamplingDecisions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.Propagation;
import dev.spanproof.examples.Order;
import dev.spanproof.examples.OrderService;
import dev.spanproof.junit.SpanPolicy;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's extension configured by its builder, as README.md quotes it. */
class BuilderConfiguredTest {

  @RegisterExtension
  static final TracingExtension tracing =
      TracingExtension.builder()
          .sampler(Sampler.parentBased(Sampler.traceIdRatioBased(0.25)))
          .resource(Resource.builder().put("service.name", "orders").build())
          .propagation(Propagation.W3C_TRACE_CONTEXT, Propagation.W3C_BAGGAGE, Propagation.B3_MULTI)
          .installGlobal() // GlobalOpenTelemetry serves the harness while tests run
          .unendedSpans(SpanPolicy.FAIL) // the default
          .maxSpansPerTest(100_000) // the default
          .build();

  @Test
  void the_global_serves_the_harness_and_its_sampler_keeps_about_a_quarter(OpenTelemetry otel) {
    // Spans made through the global reach the harness: its sampler decides on each of them.
    OrderService service = new OrderService(GlobalOpenTelemetry.get());
    for (int i = 0; i < 400; i++) {
      service.processOrder(new Order("o-" + i, "sku-1", 1, "4111-1111"));
    }

    assertThatSamplingDecisions().hasSampledTraceShare(0.25, 4).everyChildFollowedItsParent();
    assertThat(otel.getPropagators().getTextMapPropagator().fields())
        .contains("traceparent", "baggage", "X-B3-TraceId");
  }
}
