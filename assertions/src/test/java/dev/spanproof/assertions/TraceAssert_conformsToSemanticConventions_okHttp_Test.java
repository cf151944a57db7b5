package dev.spanproof.assertions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.semconv.DatabaseConventionMode;
import dev.spanproof.core.semconv.SemanticConvention;
import dev.spanproof.core.semconv.SemanticConventions;
import dev.spanproof.junit.TracingExtension;
import dev.spanproof.wiremock.TracingStubListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.instrumentation.okhttp.v3_0.OkHttpTelemetry;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.util.List;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real HTTP spans: OkHttp through OpenTelemetry's library instrumentation, calling a WireMock stub
 * whose SERVER span spanproof's own {@link TracingStubListener} records. Both must conform, for
 * every outcome.
 */
@ExtendWith(TracingExtension.class)
class TraceAssert_conformsToSemanticConventions_okHttp_Test {

  private final WireMockServer inventory =
      new WireMockServer(
          options()
              .bindAddress("127.0.0.1")
              .dynamicPort()
              .extensions(TracingStubListener.create()));

  @BeforeEach
  void startWireMock() {
    inventory.start();
    for (int status : new int[] {200, 404, 500}) {
      inventory.stubFor(
          get(urlPathEqualTo("/inventory/" + status))
              .withServeEventListener(
                  TracingStubListener.NAME, TracingStubListener.service("inventory"))
              .willReturn(aResponse().withStatus(status)));
    }
    inventory.stubFor(
        get(urlPathEqualTo("/inventory/fault"))
            .withServeEventListener(
                TracingStubListener.NAME, TracingStubListener.service("inventory"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
  }

  @AfterEach
  void stopWireMock() {
    inventory.stop();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 404, 500})
  void should_pass_the_client_and_the_stubs_server_span_whatever_the_status(
      int status, OpenTelemetry openTelemetry) throws IOException {
    call(openTelemetry, inventory.url("/inventory/" + status));

    assertThatTrace()
        .hasSpanCount(2)
        .conformsToSemanticConventions()
        .root()
        .hasKind(SpanKind.CLIENT)
        .conformsTo(SemanticConvention.HTTP_CLIENT)
        .child("GET /inventory/" + status)
        .conformsTo(SemanticConvention.HTTP_SERVER);
  }

  @Test
  void should_check_every_span_one_span_or_the_type_stated(OpenTelemetry openTelemetry)
      throws IOException {
    call(openTelemetry, inventory.url("/inventory/200"));

    assertThatTrace().conformsToSemanticConventions(); // every span of the trace
    assertThatTrace().span("GET").conformsToSemanticConventions(); // one span
    assertThatTrace().root().conformsTo(SemanticConvention.HTTP_CLIENT); // the type stated
  }

  @Test
  void should_pass_a_refused_connection_with_its_error_type(OpenTelemetry openTelemetry)
      throws IOException {
    String refused = "http://127.0.0.1:" + freePort() + "/inventory";

    assertThatThrownBy(() -> call(openTelemetry, refused)).isInstanceOf(ConnectException.class);

    assertThatTrace()
        .conformsToSemanticConventions()
        .root()
        .hasAttribute("error.type", "java.net.ConnectException");
  }

  @Test
  void should_pass_the_stubs_server_span_of_a_fault(
      OpenTelemetry openTelemetry, CaptureSession session) {
    assertThatThrownBy(() -> call(openTelemetry, inventory.url("/inventory/fault")))
        .isInstanceOf(IOException.class);

    // OkHttp retries a request whose connection was reset, so the stub may serve it twice.
    List<SpanData> servers =
        session.finishedSpans().stream().filter(span -> span.getKind() == SpanKind.SERVER).toList();
    assertThat(servers)
        .isNotEmpty()
        .allSatisfy(
            server -> {
              assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
              assertThat(server.getAttributes().get(ErrorAttributes.ERROR_TYPE))
                  .isEqualTo("CONNECTION_RESET_BY_PEER");
            });
    assertThatTrace().conformsToSemanticConventions();
  }

  @Test
  void should_summarize_what_the_checks_covered(OpenTelemetry openTelemetry, CaptureSession session)
      throws IOException {
    call(openTelemetry, inventory.url("/inventory/200"));

    assertThat(
            SemanticConventions.bundled()
                .coverage(session.finishedSpans(), DatabaseConventionMode.STABLE)
                .toString())
        .isEqualTo(
            """
            Semantic conventions 1.43.0 (database: stable conventions), 2 spans
              HTTP client: 1 span
              HTTP server: 1 span
            Attributes no rule knows: none""");
  }

  private static void call(OpenTelemetry openTelemetry, String url) throws IOException {
    Call.Factory client =
        OkHttpTelemetry.create(openTelemetry).createCallFactory(new OkHttpClient());
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(response.code()).isPositive();
    }
  }

  /** A port nothing listens on: bound, then released. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
