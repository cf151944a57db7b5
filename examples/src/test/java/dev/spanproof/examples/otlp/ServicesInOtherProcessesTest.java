package dev.spanproof.examples.otlp;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.awaitTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trace across processes: the test calls a service in a child process with a CLIENT span and
 * the injected {@code traceparent}; the service exports its SERVER span to the harness's OTLP
 * receiver, and the trace is asserted as one.
 */
class ServicesInOtherProcessesTest {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  // The test plays the orders service, so that trees name both services.
  @RegisterExtension
  static final TracingExtension tracing =
      TracingExtension.builder()
          .resource(Resource.getDefault().toBuilder().put(SERVICE_NAME, "orders").build())
          .otlpReceiver()
          .build();

  // Generous: the agent starts in 3–5 s on an idle machine, and the build machine is shared.
  private static final Duration STARTUP = Duration.ofSeconds(90);
  // The agent exports about 70–180 ms after the request with a 100 ms batch delay.
  private static final Duration EXPORT = Duration.ofSeconds(30);

  @Test
  void the_java_agent_s_server_span_continues_the_test_s_client_span(
      URI otlpEndpoint, OpenTelemetry otel, @TempDir Path logs) throws Exception {
    try (ServiceProcess inventory =
        ServiceProcess.start(
            javaAgentCommand(otlpEndpoint, Duration.ofMillis(100)),
            Map.of(),
            logs.resolve("inventory.log"),
            STARTUP)) {

      assertThat(call(otel, inventory.uri("/inventory"))).isEqualTo("7");

      awaitTrace()
          .atMost(EXPORT)
          .untilSpan("GET /inventory")
          .hasStructure(span("checkout", span("GET", span("GET /inventory"))))
          .span("GET /inventory")
          .hasKind(SERVER)
          .hasParent("GET")
          .hasRemoteParent()
          .hasInstrumentationScope("io.opentelemetry.java-http-server")
          .hasAttribute("http.request.method", "GET")
          .hasAttribute("url.path", "/inventory")
          .hasAttribute("url.scheme", "http")
          .hasAttribute("http.route", "/inventory")
          .hasAttribute("http.response.status_code", 200L)
          .spanDataSatisfies(
              server ->
                  assertThat(server.getResource().getAttribute(SERVICE_NAME))
                      .isEqualTo("inventory"))
          .conformsToSemanticConventions();
    }
  }

  @Test
  void stopping_the_service_inside_the_test_flushes_its_spans_before_the_test_ends(
      URI otlpEndpoint, OpenTelemetry otel, @TempDir Path logs) throws Exception {
    // A batch delay of a minute: only the flush on shutdown can deliver the span in time.
    try (ServiceProcess inventory =
        ServiceProcess.start(
            javaAgentCommand(otlpEndpoint, Duration.ofMinutes(1)),
            Map.of(),
            logs.resolve("inventory.log"),
            STARTUP)) {
      call(otel, inventory.uri("/inventory"));
      // The client has its answer before the agent's filter ends the SERVER span: stopping now
      // could end the span after the agent's last flush.
      untilEarlierRequestsAreDone(inventory);
    }
    // close() waited for the process to exit, and the agent's shutdown hook exported the span
    // still in its batch: no wait for the receiver is needed, and the after-test checks see the
    // whole trace.
    assertThatTrace().span("GET /inventory").hasKind(SERVER).hasParent("GET");
  }

  @Test
  void a_node_js_service_s_server_span_continues_the_test_s_client_span_over_otlp_json(
      URI otlpEndpoint, OpenTelemetry otel, @TempDir Path logs) throws Exception {
    Path service = Path.of(requiredProperty("spanproof.examples.nodeService"));
    Optional<Path> node = onPath("node");
    String skipped = nodeServiceMissing(node, service);
    if (!skipped.isEmpty()) {
      System.out.println(skipped);
    }
    assumeTrue(skipped.isEmpty(), skipped);
    try (ServiceProcess inventory =
        ServiceProcess.start(
            List.of(node.orElseThrow().toString(), service.resolve("inventory.js").toString()),
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                otlpEndpoint.toString(),
                // The stable HTTP attributes (http.request.method, url.path, …)
                "OTEL_SEMCONV_STABILITY_OPT_IN",
                "http"),
            logs.resolve("inventory-js.log"),
            STARTUP)) {

      assertThat(call(otel, inventory.uri("/inventory"))).isEqualTo("7");

      // Node.js names its SERVER span "GET" like the test's CLIENT span: wait for the SERVER one.
      awaitTrace()
          .atMost(EXPORT)
          .untilSpan("GET", SERVER)
          .hasStructure(span("checkout", span("GET", span("GET"))))
          .span("checkout")
          .child("GET")
          .child("GET")
          .hasKind(SERVER)
          .hasRemoteParent()
          .hasInstrumentationScope("@opentelemetry/instrumentation-http")
          .hasAttribute("http.request.method", "GET")
          .hasAttribute("url.path", "/inventory")
          .hasAttribute("http.response.status_code", 200L)
          .spanDataSatisfies(
              server ->
                  assertThat(server.getResource().getAttribute(SERVICE_NAME))
                      .isEqualTo("inventory-js"))
          .conformsToSemanticConventions();
    }
  }

  /** Why the Node.js check cannot run here, in one line, or empty when it can. */
  private static String nodeServiceMissing(Optional<Path> node, Path service) {
    String enable = " (Node.js 20.6 or newer, then: npm ci --prefix " + service + ")";
    if (node.isEmpty()) {
      return "Skipped the Node.js OTLP/JSON check: no node on the PATH" + enable;
    }
    if (!Files.isDirectory(service.resolve("node_modules/@opentelemetry/sdk-trace-node"))) {
      return "Skipped the Node.js OTLP/JSON check: its packages are not installed" + enable;
    }
    return "";
  }

  private static Optional<Path> onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(directory -> !directory.isEmpty())
        .map(directory -> Path.of(directory, program))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The child JVM: the JDK's HTTP server, instrumented by the agent, exporting to the receiver. */
  private static List<String> javaAgentCommand(URI otlpEndpoint, Duration batchDelay) {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + requiredProperty("spanproof.examples.javaagent"),
        "-Dotel.service.name=inventory",
        "-Dotel.traces.exporter=otlp",
        "-Dotel.exporter.otlp.protocol=http/protobuf",
        "-Dotel.exporter.otlp.endpoint=" + otlpEndpoint,
        "-Dotel.metrics.exporter=none",
        "-Dotel.logs.exporter=none",
        "-Dotel.bsp.schedule.delay=" + batchDelay.toMillis(),
        "-cp",
        requiredProperty("spanproof.examples.testClasses"),
        InventoryService.class.getName());
  }

  /**
   * Returns once the service has finished every request it answered before, spans included. The JDK
   * server runs its handlers one after another on its dispatcher thread, so when a later request is
   * answered, the earlier handler and the agent's filter that ends its SERVER span have returned.
   * The later request's parent is unsampled, so the agent (sampler {@code parentbased_always_on})
   * records no span for it.
   */
  private static void untilEarlierRequestsAreDone(ServiceProcess service)
      throws IOException, InterruptedException {
    HttpRequest unsampled =
        HttpRequest.newBuilder(service.uri("/inventory"))
            .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")
            .GET()
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(unsampled, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("the unsampled request's status").isEqualTo(200);
  }

  /** GET with a CLIENT span under a {@code checkout} span, its context injected as headers. */
  private static String call(OpenTelemetry otel, URI uri) throws IOException, InterruptedException {
    Tracer tracer = otel.getTracer("orders");
    Span checkout = tracer.spanBuilder("checkout").startSpan();
    try (Scope ignored = checkout.makeCurrent()) {
      Span client =
          tracer
              .spanBuilder("GET")
              .setSpanKind(CLIENT)
              .setAttribute("http.request.method", "GET")
              .setAttribute("url.full", uri.toString())
              .setAttribute("server.address", uri.getHost())
              .setAttribute("server.port", (long) uri.getPort())
              .startSpan();
      try (Scope inClient = client.makeCurrent()) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        otel.getPropagators()
            .getTextMapPropagator()
            .inject(Context.current(), request, HttpRequest.Builder::header);
        HttpResponse<String> response =
            HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        client.setAttribute("http.response.status_code", (long) response.statusCode());
        return response.body();
      } finally {
        client.end();
      }
    } finally {
      checkout.end();
    }
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + name + " is not set: run this test with Maven (examples/pom.xml)");
    }
    return value;
  }
}
