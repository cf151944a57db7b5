package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.awaitTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.CaptureSession;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceWait_Test {

  private final TestTraces traces = new TestTraces();
  private final ExecutorService executor =
      Context.taskWrapping(Executors.newSingleThreadExecutor());

  @AfterEach
  void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
    traces.close();
  }

  @Test
  void should_wait_until_spans_ended_on_another_thread() {
    // GIVEN a request whose email is sent asynchronously, after the request span ended
    try (CaptureSession session = traces.harness.openSession("async");
        Scope ignored = session.makeCurrent()) {
      Span request = traces.harness.tracer().spanBuilder("POST /orders").startSpan();
      try (Scope inRequest = request.makeCurrent()) {
        var unused =
            executor.submit(
                () -> {
                  sleep(100);
                  traces.harness.tracer().spanBuilder("sendEmail").startSpan().end();
                });
      }
      request.end();
      // WHEN/THEN
      awaitTrace()
          .atMost(Duration.ofSeconds(5))
          .untilSpan("sendEmail")
          .span("sendEmail")
          .hasParent("POST /orders");
      awaitTrace().untilComplete().hasSpanCount(2);
    }
  }

  @Test
  void should_wait_for_the_span_of_a_kind_when_client_and_server_share_a_name() {
    // GIVEN a CLIENT span that ended, and the SERVER span of the same name that another service
    // reports later (here: from another thread)
    try (CaptureSession session = traces.harness.openSession("remote");
        Scope ignored = session.makeCurrent()) {
      Span client =
          traces.harness.tracer().spanBuilder("GET /inventory").setSpanKind(CLIENT).startSpan();
      try (Scope inClient = client.makeCurrent()) {
        var unused =
            executor.submit(
                () ->
                    traces
                        .harness
                        .tracer()
                        .spanBuilder("GET /inventory")
                        .setSpanKind(SERVER)
                        .startSpan()
                        .end());
      }
      client.end();
      // WHEN/THEN the wait does not stop at the CLIENT span
      awaitTrace()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(1))
          .untilSpan("GET /inventory", SERVER)
          .hasStructure(span("GET /inventory", span("GET /inventory")));
    }
  }

  @Test
  void should_name_the_kinds_that_ended_when_the_span_of_a_kind_does_not() {
    try (CaptureSession session = traces.harness.openSession("test [no server]");
        Scope ignored = session.makeCurrent()) {
      traces.harness.tracer().spanBuilder("GET /inventory").setSpanKind(CLIENT).startSpan().end();

      assertThatThrownBy(
              () -> awaitTrace().atMost(Duration.ofMillis(100)).untilSpan("GET /inventory", SERVER))
          .isInstanceOf(AssertionError.class)
          .hasMessage(
              """
              Expecting test [no server] to end a SERVER span named "GET /inventory" within 100 ms, \
              but it did not.
              Ended spans named "GET /inventory" are of kind [CLIENT]
              Captured so far:
              trace 00000000000000000000000000000001 (1 span, 0 ns)
              └─ GET /inventory [CLIENT, UNSET, 0 ns]""");
    }
  }

  @Test
  void should_fail_after_the_limit_listing_spans_still_running() throws InterruptedException {
    // GIVEN a span that will not end in time
    CountDownLatch release = new CountDownLatch(1);
    try (CaptureSession session = traces.harness.openSession("test [stuck]");
        Scope ignored = session.makeCurrent()) {
      traces.harness.tracer().spanBuilder("done").startSpan().end();
      Span stuck = traces.harness.tracer().spanBuilder("stuck").startSpan();
      // WHEN/THEN
      assertThatThrownBy(() -> awaitTrace().atMost(Duration.ofMillis(200)).untilComplete())
          .isInstanceOf(AssertionError.class)
          .hasMessage(
              """
              Expecting test [stuck] to complete (every started span ended) within 200 ms, but it did not.
              Still running:
                span [stuck] (trace 00000000000000000000000000000002, span 0000000000000002) was started but never ended; \
              enable start stacks to see where it started
              Captured so far:
              trace 00000000000000000000000000000001 (1 span, 0 ns)
              └─ done [INTERNAL, UNSET, 0 ns]""");
      assertThatThrownBy(() -> awaitTrace().atMost(Duration.ofMillis(100)).untilSpan("don"))
          .hasMessageStartingWith(
              """
              Expecting test [stuck] to end a span named "don" within 100 ms, but it did not.
              Closest ended spans: [done]
              Still running:
              """);
      stuck.end();
      release.countDown();
    }
  }

  @Test
  void should_say_why_when_not_a_single_span_was_captured() {
    try (CaptureSession session = traces.harness.openSession("test [idle]");
        Scope ignored = session.makeCurrent()) {
      assertThatThrownBy(() -> awaitTrace().atMost(Duration.ofMillis(50)).untilComplete())
          .hasMessage(
              """
              Expecting test [idle] to complete (every started span ended) within 50.0 ms, but it did not.
              Not a single span was captured. The usual causes:
                - the sampler dropped the test's spans: no, AlwaysOnSampler dropped none
                - the code under test took a no-op tracer from GlobalOpenTelemetry before the harness \
              was installed: no
                - the spans went to no test: no, every span the harness captured belongs to a test
              None of these applies: check that the code under test uses the OpenTelemetry the \
              extension injects, or installs it globally (installGlobal()), and that it starts its \
              spans while the test runs.""");
    }
  }

  @Test
  void should_throw_at_once_on_null_arguments_naming_them() {
    try (CaptureSession session = traces.harness.openSession("nulls");
        Scope ignored = session.makeCurrent()) {
      assertThatThrownBy(() -> awaitTrace().atMost(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("atMost(Duration limit): limit must not be null");
      assertThatThrownBy(() -> awaitTrace().pollInterval(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("pollInterval(Duration interval): interval must not be null");
      assertThatThrownBy(() -> awaitTrace().untilSpan(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("untilSpan(String name): name must not be null");
      assertThatThrownBy(() -> awaitTrace().untilSpan(null, SERVER))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("untilSpan(String name, SpanKind kind): name must not be null");
      assertThatThrownBy(() -> awaitTrace().untilSpan("GET", null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("untilSpan(String name, SpanKind kind): kind must not be null");
    }
  }

  @Test
  void should_reject_a_non_positive_limit() {
    try (CaptureSession session = traces.harness.openSession("limits");
        Scope ignored = session.makeCurrent()) {
      assertThatThrownBy(() -> awaitTrace().atMost(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("atMost(Duration) needs a positive duration, but got PT0S");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
