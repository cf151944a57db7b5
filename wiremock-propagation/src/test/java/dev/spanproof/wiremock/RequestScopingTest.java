package dev.spanproof.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.spanproof.wiremock.PropagationAssertions.assertThatRequestsTo;
import static dev.spanproof.wiremock.SequentialIds.spanId;
import static dev.spanproof.wiremock.SequentialIds.traceId;
import static dev.spanproof.wiremock.TraceContextPattern.traceContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.TracingHarness;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which requests {@code assertThatRequestsTo} holds inside a test: those whose trace the test owns;
 * requests of another open test are left out and requests of no test are listed apart. Ids are
 * sequential (this test's CLIENT span {@code GET} is span 1 of trace 1), so messages are pinned.
 */
class RequestScopingTest {

  @RegisterExtension
  final TracingExtension tracing =
      TracingExtension.builder()
          .harness(harness -> harness.idGenerator(new SequentialIds()))
          .build();

  private final WireMockServer inventory =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

  @BeforeEach
  void startWireMock() {
    inventory.start();
    inventory.stubFor(get(urlPathEqualTo("/inventory")).willReturn(ok()));
  }

  @AfterEach
  void stopWireMock() {
    inventory.stop();
  }

  @Test
  void should_leave_out_the_requests_of_another_open_test(OpenTelemetry openTelemetry) {
    // GIVEN another test, open at the same time, whose client calls the same server
    try (TracingHarness otherHarness = TracingHarness.builder().build();
        CaptureSession otherTest = otherHarness.openSession("test [Other.test()]")) {
      try (Scope ignored = otherTest.storeInContext(Context.current()).makeCurrent()) {
        new JdkClient(otherHarness.openTelemetry()).get(inventory.url("/inventory"));
      }
      // WHEN this test's client calls it too
      new JdkClient(openTelemetry).get(inventory.url("/inventory"));
      // THEN each test holds its own request
      assertThatRequestsTo(inventory, "/inventory")
          .hasRequestCount(1)
          .eachCarriedTheContextOfItsClientSpan()
          .eachMatches(traceContext().sampled().childOf("GET"));
      try (Scope ignored = otherTest.storeInContext(Context.current()).makeCurrent()) {
        assertThatRequestsTo(inventory, "/inventory")
            .hasRequestCount(1)
            .eachCarriedTheContextOfItsClientSpan();
      }
    }
  }

  @Test
  void should_list_requests_of_no_test_apart_without_counting_them(
      OpenTelemetry openTelemetry, CaptureSession session) {
    // GIVEN one request of this test and one without trace context
    JdkClient client = new JdkClient(openTelemetry);
    client.get(inventory.url("/inventory"));
    client.get(inventory.url("/inventory?untraced"), (request, injected) -> {});
    // WHEN
    Throwable failure =
        catchThrowable(() -> assertThatRequestsTo(inventory, "/inventory").hasRequestCount(2));
    // THEN
    assertThat(failure)
        .hasMessage(
            "Expecting 2 requests to /inventory from "
                + session.name()
                + ", but it received 1:\n"
                + "  GET /inventory\n"
                + "1 request to /inventory belongs to no test and is not counted:\n"
                + "  GET /inventory?untraced carried no trace-context header, so no test owns it")
        .message()
        .doesNotContain("[test [");
    assertThatRequestsTo(inventory, "/inventory").hasRequestCount(1);
  }

  @Test
  void should_fail_each_carried_the_context_for_a_request_of_no_test(
      OpenTelemetry openTelemetry, CaptureSession session) {
    // GIVEN a correct request, then one whose client injected nothing
    JdkClient client = new JdkClient(openTelemetry);
    client.get(inventory.url("/inventory"));
    client.get(inventory.url("/inventory"), (request, injected) -> {});
    // WHEN
    Throwable failure =
        catchThrowable(
            () ->
                assertThatRequestsTo(inventory, "/inventory")
                    .eachCarriedTheContextOfItsClientSpan());
    // THEN the second CLIENT span (span 2 of trace 2) is what it should have sent
    assertThat(failure)
        .hasMessage(
            "Expecting every request to /inventory to carry the context of the CLIENT span that"
                + " sent it, but 1 request belongs to no test.\n"
                + "Request of no test: GET /inventory\n"
                + "  expected traceparent: 00-"
                + traceId(2)
                + "-"
                + spanId(2)
                + "-01 (span [GET] CLIENT "
                + spanId(2)
                + ")\n"
                + "  received traceparent: (none)\n"
                + "  problem: traceparent: header is missing, so a receiver starts a new trace");
  }

  @Test
  void should_name_the_current_test_once_when_the_parent_is_no_span_of_it(
      Tracer tracer, CaptureSession session) {
    // GIVEN a request whose traceparent names a span id the test never created, in its trace
    Span checkout = tracer.spanBuilder("checkout").startSpan();
    String traceparent = "00-" + traceId(1) + "-" + spanId(9) + "-01";
    new JdkClient(OpenTelemetry.noop())
        .get(
            inventory.url("/inventory"),
            (request, injected) -> request.header("traceparent", traceparent));
    checkout.end();
    // WHEN
    Throwable failure =
        catchThrowable(
            () ->
                assertThatRequestsTo(inventory, "/inventory")
                    .eachCarriedTheContextOfItsClientSpan());
    Throwable patternFailure =
        catchThrowable(
            () ->
                assertThatRequestsTo(inventory, "/inventory")
                    .eachMatches(traceContext().childOf("GET")));
    // THEN
    assertThat(failure)
        .hasMessageEndingWith(
            "  expected traceparent: (unknown: "
                + session.name()
                + " has no other CLIENT span)\n"
                + "  received traceparent: "
                + traceparent
                + "\n"
                + "  problem: traceparent: parent-id "
                + spanId(9)
                + " is no span of "
                + session.name());
    assertThat(patternFailure)
        .hasMessageEndingWith(
            "  problem: traceparent: "
                + session.name()
                + " has no span [GET]; its spans are [checkout]");
    assertThat(List.of(failure.getMessage(), patternFailure.getMessage()))
        .allSatisfy(message -> assertThat(message).doesNotContain("[test ["));
  }

  @Test
  void should_throw_at_once_for_a_null_pattern() {
    // WHEN / THEN: a programming error, not an assertion failure to collect
    assertThatNullPointerException()
        .isThrownBy(() -> new ReceivedRequestsAssert("/inventory", null).eachMatches(null))
        .withMessage("pattern must not be null");
  }

  @Test
  void should_throw_at_once_for_a_null_path() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ReceivedRequestsAssert(null, List.of()))
        .withMessage("path must not be null");
  }
}
