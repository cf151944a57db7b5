package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.semconv.ServiceAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver fed by OpenTelemetry's own OTLP/HTTP exporter, from a second SDK in this JVM that
 * stands in for another service: it continues the test's context from injected headers, as a server
 * would, and exports asynchronously, so the test waits for its spans.
 */
class OtlpReceiverExporterTest {

  private final TracingHarness harness = TracingHarness.builder().otlpReceiver().build();
  private final List<SdkTracerProvider> services = new ArrayList<>();

  @AfterEach
  void closeAll() {
    services.forEach(provider -> provider.shutdown().join(10, TimeUnit.SECONDS));
    harness.close();
  }

  @Test
  void should_put_the_other_services_server_span_under_the_tests_client_span() {
    // GIVEN another service exporting protobuf, gzipped, to the receiver
    Tracer inventory = service("inventory", "gzip").get("inventory-http");
    try (CaptureSession session = harness.openSession("OrderTest.checksInventory()")) {
      // WHEN the test calls it with a CLIENT span and injected headers
      Map<String, String> headers = new HashMap<>();
      try (Scope scope = session.makeCurrent()) {
        Span checkout = harness.tracer().spanBuilder("checkout").startSpan();
        try (Scope inCheckout = checkout.makeCurrent()) {
          Span call =
              harness
                  .tracer()
                  .spanBuilder("GET /inventory")
                  .setSpanKind(SpanKind.CLIENT)
                  .startSpan();
          try (Scope inCall = call.makeCurrent()) {
            harness
                .propagators()
                .getTextMapPropagator()
                .inject(Context.current(), headers, Map::put);
          }
          serve(inventory, headers, "GET /inventory");
          call.end();
        }
        checkout.end();
      }
      // THEN the server span arrives, after the exporter's batch, under the client span
      await().atMost(Duration.ofMinutes(1)).until(() -> session.finishedSpans().size() == 3);
      Trace trace = session.traces().get(0);
      SpanNode server = trace.spansOfKind(SpanKind.SERVER).get(0);
      assertThat(server.name()).isEqualTo("GET /inventory");
      assertThat(server.parent().orElseThrow().span().getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(server.parent().orElseThrow().parent().orElseThrow().name()).isEqualTo("checkout");
      assertThat(server.span().getResource().getAttribute(ServiceAttributes.SERVICE_NAME))
          .isEqualTo("inventory");
      assertThat(server.span().getInstrumentationScopeInfo().getName()).isEqualTo("inventory-http");
      assertThat(server.span().getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
      assertThat(server.span().getAttributes().asMap()).hasSize(1);
      assertThat(harness.traces()).singleElement().extracting(Trace::spanCount).isEqualTo(3);
      assertThat(harness.unownedSpanReports()).isEmpty();
    }
  }

  @Test
  void should_keep_every_span_of_fifty_concurrent_exporters() throws Exception {
    // GIVEN fifty services, each with its own SDK and OTLP exporter, each called by its own thread
    int services = 50;
    int callsEach = 10;
    try (CaptureSession session = harness.openSession("LoadTest.manyServices()")) {
      ExecutorService threads = Executors.newFixedThreadPool(services);
      try {
        List<Future<?>> calls = new ArrayList<>();
        for (int s = 0; s < services; s++) {
          Tracer service = service("service-" + s, "none").get("http");
          calls.add(
              threads.submit(
                  () -> {
                    for (int c = 0; c < callsEach; c++) {
                      Map<String, String> headers = new HashMap<>();
                      Span call =
                          harness
                              .tracer()
                              .spanBuilder("call")
                              .setParent(Context.root().with(session))
                              .setSpanKind(SpanKind.CLIENT)
                              .startSpan();
                      harness
                          .propagators()
                          .getTextMapPropagator()
                          .inject(Context.root().with(call), headers, Map::put);
                      serve(service, headers, "handle");
                      call.end();
                    }
                  }));
        }
        for (Future<?> call : calls) {
          call.get();
        }
      } finally {
        threads.shutdown();
      }
      // THEN every exported span arrives in the test's session
      int expected = services * callsEach * 2;
      await().atMost(Duration.ofMinutes(1)).until(() -> session.finishedSpans().size() == expected);
      assertThat(session.finishedSpans())
          .filteredOn(span -> span.getKind() == SpanKind.SERVER)
          .hasSize(services * callsEach)
          .extracting(span -> span.getResource().getAttribute(ServiceAttributes.SERVICE_NAME))
          .containsOnly(
              java.util.stream.IntStream.range(0, services)
                  .mapToObj(s -> "service-" + s)
                  .toArray(String[]::new));
      assertThat(session.traces()).hasSize(services * callsEach);
      assertThat(harness.unownedSpanReports()).isEmpty();
    }
  }

  @Test
  void should_draw_the_service_of_each_span_once_a_trace_crosses_services() {
    // GIVEN
    Tracer inventory = service("inventory", "none").get("inventory-http");
    try (CaptureSession session = harness.openSession("OrderTest.drawn()")) {
      Map<String, String> headers = new HashMap<>();
      Span call;
      try (Scope scope = session.makeCurrent()) {
        call =
            harness.tracer().spanBuilder("GET /inventory").setSpanKind(SpanKind.CLIENT).startSpan();
        harness
            .propagators()
            .getTextMapPropagator()
            .inject(Context.root().with(call), headers, Map::put);
      }
      serve(inventory, headers, "GET /inventory");
      call.end();
      // WHEN
      await().atMost(Duration.ofMinutes(1)).until(() -> session.finishedSpans().size() == 2);
      String drawn = TraceRenderer.create().render(session.traces().get(0));
      // THEN
      assertThat(drawn)
          .contains("└─ GET /inventory [CLIENT, unknown_service:java, UNSET, ")
          .contains("└─ GET /inventory [SERVER, inventory, OK, ");
    }
  }

  /** A second SDK, as another service would run it, exporting to the receiver. */
  private SdkTracerProvider service(String name, String compression) {
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(Resource.builder().put(ServiceAttributes.SERVICE_NAME, name).build()))
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpHttpSpanExporter.builder()
                            .setEndpoint(harness.otlpEndpoint().resolve("/v1/traces").toString())
                            .setCompression(compression)
                            .build())
                    .setScheduleDelay(10, TimeUnit.MILLISECONDS)
                    .build())
            .build();
    services.add(provider);
    return provider;
  }

  /** What the other service's server instrumentation does with a request's headers. */
  private static void serve(Tracer service, Map<String, String> headers, String spanName) {
    Context remote =
        W3CTraceContextPropagator.getInstance()
            .extract(Context.root(), headers, MapGetter.INSTANCE);
    Span server =
        service
            .spanBuilder(spanName)
            .setParent(remote)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.response.status_code", 200L)
            .startSpan();
    server.setStatus(StatusCode.OK);
    server.end();
  }

  private enum MapGetter implements TextMapGetter<Map<String, String>> {
    INSTANCE;

    @SuppressWarnings("deprecation") // abstract before OpenTelemetry 1.68
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  }
}
