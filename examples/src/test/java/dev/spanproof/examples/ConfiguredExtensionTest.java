package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.Propagation;
import dev.spanproof.core.SeededIdGenerator;
import dev.spanproof.core.StartStackRecording;
import dev.spanproof.junit.HtmlReports;
import dev.spanproof.junit.SpanPolicy;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every builder option of the extension in one place, each with the value it has by default. */
class ConfiguredExtensionTest {

  @RegisterExtension
  static final TracingExtension tracing =
      TracingExtension.builder()
          .sampler(Sampler.alwaysOn())
          .resource(Resource.builder().put("service.name", "orders").build())
          .propagation(Propagation.W3C_TRACE_CONTEXT, Propagation.W3C_BAGGAGE, Propagation.B3_MULTI)
          .harness(harness -> harness.idGenerator(SeededIdGenerator.withSeed(7)))
          .unendedSpans(SpanPolicy.FAIL)
          .unownedSpans(SpanPolicy.WARN)
          .gracePeriod(Duration.ofMillis(500))
          .maxSpansPerTest(100_000)
          .recordStartStacks(StartStackRecording.FIRST_OF_EACH_NAME)
          .printTraces()
          .writeTracesTo(Path.of("target/spanproof-traces"))
          .reportAttributes("order.id")
          .htmlReports(HtmlReports.ALL)
          .htmlReportDirectory(Path.of("target/spanproof-reports"))
          .lintAfterEachTest(SpanPolicy.FAIL)
          .semanticConventionsAfterEachTest(SpanPolicy.WARN)
          .openScopes(SpanPolicy.FAIL)
          .scopesClosedOnAnotherThread(SpanPolicy.FAIL)
          .scopesClosedOutOfOrder(SpanPolicy.FAIL)
          .contextsLeftCurrent(SpanPolicy.FAIL)
          .unassertedSpans(SpanPolicy.IGNORE)
          .build();

  @Test
  void the_spans_carry_the_configured_service_name(OpenTelemetry otel) {
    new OrderService(otel).processOrder(new Order("o-60", "sku-1", 1, "4111-1111"));

    assertThatTrace()
        .span("processOrder")
        .hasResourceAttribute(AttributeKey.stringKey("service.name"), "orders");
  }

  @Test
  void the_context_goes_out_in_every_configured_format(OpenTelemetry otel, Tracer tracer) {
    Map<String, String> headers = new HashMap<>();
    Span span = tracer.spanBuilder("send").setSpanKind(SpanKind.CLIENT).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      otel.getPropagators().getTextMapPropagator().inject(Context.current(), headers, Map::put);
    } finally {
      span.end();
    }

    String traceId = span.getSpanContext().getTraceId();
    assertThat(headers)
        .containsEntry("X-B3-TraceId", traceId)
        .hasEntrySatisfying("traceparent", value -> assertThat(value).contains(traceId));
  }
}
