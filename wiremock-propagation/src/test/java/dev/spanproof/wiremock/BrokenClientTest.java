package dev.spanproof.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.spanproof.wiremock.PropagationAssertions.assertThatRequestsTo;
import static dev.spanproof.wiremock.SequentialIds.spanId;
import static dev.spanproof.wiremock.SequentialIds.traceId;
import static dev.spanproof.wiremock.TraceContextPattern.traceContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.VerificationException;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Broken clients, each detected with a message naming the problem. Every test runs {@code checkout}
 * (span 1, trace 1) around a CLIENT span {@code GET} (span 2) and ids are sequential, so the
 * messages are pinned in full.
 */
class BrokenClientTest {

  @RegisterExtension
  final TracingExtension tracing =
      TracingExtension.builder()
          .harness(harness -> harness.idGenerator(new SequentialIds()))
          .build();

  private final TracingStubListener stubTracing = TracingStubListener.create();
  private final WireMockServer inventory =
      new WireMockServer(
          options()
              .bindAddress("127.0.0.1")
              .dynamicPort()
              .extensions(stubTracing, new TraceContextMatcher()));

  private static final String TRACE = traceId(1);
  private static final String CHECKOUT = spanId(1);
  private static final String CLIENT = spanId(2);
  private static final String SENTENCE =
      "Expecting every request to /inventory to carry the context of the CLIENT span that sent it,"
          + " but 1 of 1 request did not.\n"
          + "Request 1 of 1: GET /inventory\n"
          + "  expected traceparent: 00-"
          + TRACE
          + "-"
          + CLIENT
          + "-01 (span [GET] CLIENT "
          + CLIENT
          + ")\n";

  /**
   * A request whose context no receiver can continue belongs to no test: it is listed apart, with
   * the traceparent the test's CLIENT span would have sent.
   */
  private static final String NO_TEST_SENTENCE =
      "Expecting every request to /inventory to carry the context of the CLIENT span that sent it,"
          + " but 1 request belongs to no test.\n"
          + "Request of no test: GET /inventory\n"
          + "  expected traceparent: 00-"
          + TRACE
          + "-"
          + CLIENT
          + "-01 (span [GET] CLIENT "
          + CLIENT
          + ")\n";

  private static final String PATTERN_SENTENCE =
      "Expecting every request to /inventory to match trace context {sampled=true, childOfSpanNamed=GET},"
          + " but 1 of 1 request did not.\n"
          + "Request 1 of 1: GET /inventory\n";

  @BeforeEach
  void startWireMock() {
    inventory.start();
    inventory.stubFor(
        get(urlPathEqualTo("/inventory"))
            .withServeEventListener(
                TracingStubListener.NAME, TracingStubListener.service("inventory-service"))
            .willReturn(ok()));
  }

  @AfterEach
  void stopWireMock() {
    inventory.stop();
  }

  @Test
  void should_pass_for_a_correct_client(OpenTelemetry openTelemetry, Tracer tracer) {
    // WHEN
    checkout(openTelemetry, tracer, (request, injected) -> injected.forEach(request::header));
    // THEN
    assertThatRequestsTo(inventory, "/inventory").eachCarriedTheContextOfItsClientSpan();
    inventory.verify(
        getRequestedFor(urlPathEqualTo("/inventory"))
            .andMatching(traceContext().sampled().childOf("GET")));
  }

  @Test
  void should_fail_when_the_client_sends_no_traceparent(
      OpenTelemetry openTelemetry, Tracer tracer) {
    // GIVEN
    checkout(openTelemetry, tracer, (request, injected) -> {});
    // WHEN
    Throwable failure =
        catchThrowable(
            () ->
                assertThatRequestsTo(inventory, "/inventory")
                    .eachCarriedTheContextOfItsClientSpan());
    // THEN
    assertThat(failure)
        .hasMessage(
            NO_TEST_SENTENCE
                + "  received traceparent: (none)\n"
                + "  problem: traceparent: header is missing, so a receiver starts a new trace");
    assertThat(patternFailure())
        .hasMessage(
            "Expecting every request to /inventory to match trace context"
                + " {sampled=true, childOfSpanNamed=GET}, but 1 of 1 request of no test did not.\n"
                + "Request of no test: GET /inventory\n"
                + "  expected: a valid traceparent\n"
                + "  received: no traceparent header\n"
                + "  problem: traceparent: header is missing, so a receiver starts a new trace");
    assertThat(stubTracing.unownedRequests())
        .singleElement()
        .extracting(ReceivedRequest::describe)
        .isEqualTo(
            "GET /inventory (as inventory-service) carried no trace-context header, so no test owns it");
  }

  @Test
  void should_fail_when_the_client_sends_the_parent_id_of_another_span(
      OpenTelemetry openTelemetry, Tracer tracer) {
    // GIVEN a client that injects the context of the span around it, not its own
    checkout(
        openTelemetry,
        tracer,
        (request, injected) ->
            request.header("traceparent", injected.get("traceparent").replace(CLIENT, CHECKOUT)));
    // WHEN
    Throwable failure =
        catchThrowable(
            () ->
                assertThatRequestsTo(inventory, "/inventory")
                    .eachCarriedTheContextOfItsClientSpan());
    // THEN
    assertThat(failure)
        .hasMessage(
            SENTENCE
                + "  received traceparent: 00-"
                + TRACE
                + "-"
                + CHECKOUT
                + "-01\n"
                + "  problem: traceparent: parent-id "
                + CHECKOUT
                + " is span [checkout] INTERNAL "
                + CHECKOUT
                + ", not a CLIENT span");
    assertThat(patternFailure())
        .hasMessage(
            PATTERN_SENTENCE
                + "  expected: child of span [GET]: parent-id "
                + CLIENT
                + "\n"
                + "  received: parent-id "
                + CHECKOUT
                + "\n"
                + "  problem: traceparent: parent-id "
                + CHECKOUT
                + " is span [checkout] INTERNAL "
                + CHECKOUT
                + ", not span [GET]");
  }

  @Test
  void should_fail_when_the_client_clears_the_sampled_flag(
      OpenTelemetry openTelemetry, Tracer tracer) {
    // GIVEN
    checkout(
        openTelemetry,
        tracer,
        (request, injected) ->
            request.header("traceparent", injected.get("traceparent").replaceFirst("-01$", "-00")));
    // WHEN
    Throwable failure =
        catchThrowable(
            () ->
                assertThatRequestsTo(inventory, "/inventory")
                    .eachCarriedTheContextOfItsClientSpan());
    // THEN
    assertThat(failure)
        .hasMessage(
            SENTENCE
                + "  received traceparent: 00-"
                + TRACE
                + "-"
                + CLIENT
                + "-00\n"
                + "  problem: traceparent: the sampled flag is clear, but span [GET] CLIENT "
                + CLIENT
                + " is sampled");
    assertThat(patternFailure())
        .hasMessage(
            PATTERN_SENTENCE
                + "  expected: sampled flag set\n"
                + "  received: traceparent: 00-"
                + TRACE
                + "-"
                + CLIENT
                + "-00\n"
                + "  problem: traceparent: trace-flags \"00\" leave the sampled bit (0x01) clear,"
                + " but the request should be sampled");
  }

  @Test
  void should_fail_when_the_client_sends_uppercase_hex(OpenTelemetry openTelemetry, Tracer tracer) {
    // GIVEN
    checkout(
        openTelemetry,
        tracer,
        (request, injected) ->
            request.header("traceparent", injected.get("traceparent").toUpperCase(Locale.ROOT)));
    // WHEN
    Throwable failure =
        catchThrowable(
            () ->
                assertThatRequestsTo(inventory, "/inventory")
                    .eachCarriedTheContextOfItsClientSpan());
    // THEN
    String problems =
        "traceparent: trace-id \""
            + TRACE.toUpperCase(Locale.ROOT)
            + "\" contains \"B\", but the W3C Trace Context spec"
            + " allows only lowercase hex characters (0-9, a-f); traceparent: parent-id \""
            + CLIENT.toUpperCase(Locale.ROOT)
            + "\" contains \"F\", but the W3C Trace Context spec allows only lowercase hex characters (0-9, a-f)";
    assertThat(failure)
        .hasMessage(
            NO_TEST_SENTENCE
                + "  received traceparent: 00-"
                + TRACE.toUpperCase(Locale.ROOT)
                + "-"
                + CLIENT.toUpperCase(Locale.ROOT)
                + "-01\n"
                + "  problem: "
                + problems);
    assertThat(patternFailure()).hasMessageContaining(problems);
  }

  @Test
  void should_fail_when_the_client_sends_the_header_twice(
      OpenTelemetry openTelemetry, Tracer tracer) {
    // GIVEN
    checkout(
        openTelemetry,
        tracer,
        (request, injected) -> {
          request.header("traceparent", injected.get("traceparent"));
          request.header("traceparent", injected.get("traceparent"));
        });
    // WHEN
    Throwable failure =
        catchThrowable(
            () ->
                assertThatRequestsTo(inventory, "/inventory")
                    .eachCarriedTheContextOfItsClientSpan());
    // THEN
    String problem =
        "traceparent: header occurs 2 times, but a request carries a single traceparent;"
            + " a receiver must not pick one and starts a new trace";
    String sent = "00-" + TRACE + "-" + CLIENT + "-01";
    assertThat(failure)
        .hasMessage(
            SENTENCE
                + "  received traceparent: "
                + sent
                + " | "
                + sent
                + "\n  problem: "
                + problem);
    assertThat(patternFailure()).hasMessageContaining(problem);
  }

  /**
   * The pattern fails both in WireMock's verify (whose message only names the custom matcher) and
   * in {@code eachMatches}, whose message says why.
   */
  private Throwable patternFailure() {
    TraceContextPattern pattern = traceContext().sampled().childOf("GET");
    assertThat(
            catchThrowable(
                () ->
                    inventory.verify(
                        getRequestedFor(urlPathEqualTo("/inventory")).andMatching(pattern))))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("[custom matcher: spanproof-trace-context]");
    return catchThrowable(() -> assertThatRequestsTo(inventory, "/inventory").eachMatches(pattern));
  }

  private void checkout(
      OpenTelemetry openTelemetry,
      Tracer tracer,
      BiConsumer<HttpRequest.Builder, Map<String, String>> writeHeaders) {
    Span checkout = tracer.spanBuilder("checkout").startSpan();
    try (Scope ignored = checkout.makeCurrent()) {
      new JdkClient(openTelemetry).get(inventory.url("/inventory"), writeHeaders);
    } finally {
      checkout.end();
    }
  }
}
