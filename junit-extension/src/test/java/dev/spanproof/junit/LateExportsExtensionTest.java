package dev.spanproof.junit;

import static dev.spanproof.junit.EngineRuns.failureMessages;
import static dev.spanproof.junit.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.TracingHarness;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Spans another process exports arrive after the call that caused them: the after-test checks wait
 * for a quiet receiver (the grace period), and a span later than that names the test it missed.
 */
class LateExportsExtensionTest {

  /** How long after the test's own {@code @AfterEach} the other "process" exports. */
  private static final Duration EXPORT_DELAY = Duration.ofMillis(300);

  static final AtomicReference<CaptureSession> testSession = new AtomicReference<>();
  static final AtomicReference<SpanContext> clientSpan = new AtomicReference<>();
  static final AtomicReference<URI> endpoint = new AtomicReference<>();

  /** A test that calls another service, which exports its SERVER span after the test returned. */
  abstract static class CallsAServiceThatExportsLate {
    @Test
    @Order(1)
    void callsStock(URI otlpEndpoint, Tracer tracer, CaptureSession session) {
      Span client = tracer.spanBuilder("GET /stock").setSpanKind(SpanKind.CLIENT).startSpan();
      client.end();
      testSession.set(session);
      clientSpan.set(client.getSpanContext());
      endpoint.set(otlpEndpoint);
    }

    @AfterEach
    void serviceExportsLater() {
      SpanContext parent = clientSpan.getAndSet(null);
      if (parent != null) {
        URI otlpEndpoint = endpoint.get();
        Thread exporter = new Thread(() -> exportServerSpan(otlpEndpoint, parent), "stock-export");
        exporter.setDaemon(true);
        exporter.start();
      }
    }
  }

  static class WithGracePeriod extends CallsAServiceThatExportsLate {
    // Long against EXPORT_DELAY, so that a loaded machine still exports within it.
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder()
            .otlpReceiver()
            .gracePeriod(Duration.ofSeconds(3))
            .unownedSpans(SpanPolicy.FAIL)
            .build();
  }

  @Test
  void should_wait_for_spans_exported_after_the_test_returned() {
    EngineExecutionResults results = run(WithGracePeriod.class);

    assertThat(failureMessages(results.allEvents())).isEmpty();
    assertThat(testSession.get().finishedSpans())
        .extracting(SpanData::getName, SpanData::getKind)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("GET /stock", SpanKind.CLIENT),
            org.assertj.core.groups.Tuple.tuple("GET /stock", SpanKind.SERVER));
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class WithoutGracePeriod extends CallsAServiceThatExportsLate {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder()
            .otlpReceiver()
            .gracePeriod(Duration.ZERO)
            .unownedSpans(SpanPolicy.FAIL)
            .build();

    // Keeps the receiver running until the late span has come, as a longer class would.
    @Test
    @Order(2)
    void runsWhileTheSpanArrives(TracingHarness harness) {
      Awaitility.await("the late span")
          .atMost(Duration.ofSeconds(30))
          .until(() -> !harness.unownedSpanReports().isEmpty());
    }
  }

  @Test
  void should_name_the_test_a_late_span_missed_and_what_to_do() {
    EngineExecutionResults results = run(WithoutGracePeriod.class);

    assertThat(failureMessages(results.allEvents()))
        .singleElement()
        .asString()
        .matches(
            "(?s)1 span belongs to no test of .*WithoutGracePeriod .*:\n"
                + "  span \\[GET /stock\\] \\(trace \\p{XDigit}{32}, span 00f067aa0ba902b7\\)"
                + " received over OTLP from service \\[stock\\] \\d+ ms after the session that"
                + " owned its trace, test \\[WithoutGracePeriod\\.callsStock\\(URI, Tracer,"
                + " CaptureSession\\)\\], was closed on thread"
                + " \\[spanproof-otlp-receiver-[\\d-]+\\];"
                + " wait for it in the test \\(awaitTrace\\(\\)\\.untilSpan\\(name\\)\\), stop the"
                + " other process inside the test so that it flushes, or give the receiver a"
                + " longer gracePeriod\\(Duration\\)");
  }

  /** What the other service's exporter sends for its SERVER span, as OTLP/JSON. */
  private static void exportServerSpan(URI otlpEndpoint, SpanContext parent) {
    String json =
        ("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
                + "\"value\":{\"stringValue\":\"stock\"}}]},\"scopeSpans\":[{\"spans\":[{"
                + "\"traceId\":\"%s\",\"spanId\":\"00f067aa0ba902b7\",\"parentSpanId\":\"%s\","
                + "\"name\":\"GET /stock\",\"kind\":2}]}]}]}")
            .formatted(parent.getTraceId(), parent.getSpanId());
    try {
      Thread.sleep(EXPORT_DELAY.toMillis());
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(otlpEndpoint.resolve("/v1/traces"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
