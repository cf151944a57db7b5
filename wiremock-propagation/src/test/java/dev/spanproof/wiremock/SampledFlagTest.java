package dev.spanproof.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.spanproof.wiremock.PropagationAssertions.assertThatRequestsTo;
import static dev.spanproof.wiremock.SequentialIds.spanId;
import static dev.spanproof.wiremock.SequentialIds.traceId;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sampled flag a client sends is the head-sampling decision of its CLIENT span, for each
 * decision: sampled, recorded only, dropped. Each test runs {@code checkout} (span 1, trace 1)
 * around a CLIENT span {@code GET} (span 2) with sequential ids, so messages are pinned in full.
 */
class SampledFlagTest {

  private static final String TRACE = traceId(1);
  private static final String CLIENT = spanId(2);
  private static final String SENTENCE =
      "Expecting every request to /inventory to carry the sampled flag of the CLIENT span that"
          + " sent it, but 1 of 1 request did not.\n"
          + "Request 1 of 1: GET /inventory\n";

  /** A client that writes the context it should, with the sampled flag forced to {@code flag}. */
  private static BiConsumer<HttpRequest.Builder, Map<String, String>> forcingFlag(String flag) {
    return (request, injected) ->
        request.header("traceparent", injected.get("traceparent").replaceFirst("..$", flag));
  }

  /** A client that writes what it should. */
  private static void correct(HttpRequest.Builder request, Map<String, String> injected) {
    injected.forEach(request::header);
  }

  abstract static class WithInventory {
    final TracingStubListener stubTracing = TracingStubListener.create();
    final WireMockServer inventory =
        new WireMockServer(
            options().bindAddress("127.0.0.1").dynamicPort().extensions(stubTracing));

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

    void checkout(
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

    void assertFlags() {
      assertThatRequestsTo(inventory, "/inventory").eachCarriedTheSampledFlagOfItsClientSpan();
    }
  }

  @Nested
  class Sampled extends WithInventory {
    @RegisterExtension
    final TracingExtension tracing =
        TracingExtension.builder()
            .sampler(Sampler.parentBased(Sampler.alwaysOn()))
            .harness(harness -> harness.idGenerator(new SequentialIds()))
            .build();

    @Test
    void should_pass_when_the_flag_is_set(OpenTelemetry openTelemetry, Tracer tracer) {
      checkout(openTelemetry, tracer, SampledFlagTest::correct);
      assertFlags();
    }

    @Test
    void should_fail_when_the_flag_is_cleared(OpenTelemetry openTelemetry, Tracer tracer) {
      checkout(openTelemetry, tracer, forcingFlag("00"));
      assertThatThrownBy(this::assertFlags)
          .hasMessage(
              SENTENCE
                  + "  expected sampled flag: set (span [GET] CLIENT "
                  + CLIENT
                  + ": RECORD_AND_SAMPLE by ParentBased{root:AlwaysOnSampler,"
                  + "remoteParentSampled:AlwaysOnSampler,remoteParentNotSampled:AlwaysOffSampler,"
                  + "localParentSampled:AlwaysOnSampler,localParentNotSampled:AlwaysOffSampler})\n"
                  + "  received traceparent: 00-"
                  + TRACE
                  + "-"
                  + CLIENT
                  + "-00\n"
                  + "  problem: traceparent: the sampled flag is clear, but the sampler decided"
                  + " RECORD_AND_SAMPLE for span [GET] CLIENT "
                  + CLIENT);
    }

    @Test
    void should_fail_when_the_test_sent_no_request() {
      assertThatThrownBy(this::assertFlags)
          .hasMessage(
              "Expecting every request to /inventory to carry the sampled flag of the CLIENT span"
                  + " that sent it, but /inventory received no request from test"
                  + " [Sampled.should_fail_when_the_test_sent_no_request()].");
    }
  }

  @Nested
  class RecordedOnly extends WithInventory {
    @RegisterExtension
    final TracingExtension tracing =
        TracingExtension.builder()
            .sampler(new RecordOnlySampler())
            .harness(harness -> harness.idGenerator(new SequentialIds()))
            .build();

    @Test
    void should_pass_when_the_flag_is_clear(OpenTelemetry openTelemetry, Tracer tracer) {
      checkout(openTelemetry, tracer, SampledFlagTest::correct);
      assertFlags();
    }

    @Test
    void should_fail_when_the_flag_is_set(OpenTelemetry openTelemetry, Tracer tracer) {
      checkout(openTelemetry, tracer, forcingFlag("01"));
      assertThatThrownBy(this::assertFlags)
          .hasMessage(
              SENTENCE
                  + "  expected sampled flag: clear (span [GET] CLIENT "
                  + CLIENT
                  + ": RECORD_ONLY by RecordOnly)\n"
                  + "  received traceparent: 00-"
                  + TRACE
                  + "-"
                  + CLIENT
                  + "-01\n"
                  + "  problem: traceparent: the sampled flag is set, but the sampler decided"
                  + " RECORD_ONLY for span [GET] CLIENT "
                  + CLIENT);
    }
  }

  @Nested
  class Dropped extends WithInventory {
    @RegisterExtension
    final TracingExtension tracing =
        TracingExtension.builder()
            .sampler(Sampler.alwaysOff())
            .harness(harness -> harness.idGenerator(new SequentialIds()))
            .build();

    @Test
    void should_pass_when_the_flag_is_clear(OpenTelemetry openTelemetry, Tracer tracer) {
      checkout(openTelemetry, tracer, SampledFlagTest::correct);
      assertFlags();
    }

    @Test
    void should_fail_when_the_flag_is_set(OpenTelemetry openTelemetry, Tracer tracer) {
      checkout(openTelemetry, tracer, forcingFlag("01"));
      assertThatThrownBy(this::assertFlags)
          .hasMessage(
              SENTENCE
                  + "  expected sampled flag: clear (span [GET] CLIENT was dropped: DROP by"
                  + " AlwaysOffSampler)\n"
                  + "  received traceparent: 00-"
                  + TRACE
                  + "-"
                  + CLIENT
                  + "-01\n"
                  + "  problem: traceparent: the sampled flag is set, but the sampler dropped"
                  + " span [GET] CLIENT of this trace, and a dropped span propagates as not"
                  + " sampled");
    }
  }

  /** Records every span without sampling it. */
  static final class RecordOnlySampler implements Sampler {
    @Override
    public SamplingResult shouldSample(
        Context parentContext,
        String traceId,
        String name,
        SpanKind spanKind,
        Attributes attributes,
        List<LinkData> parentLinks) {
      return SamplingResult.recordOnly();
    }

    @Override
    public String getDescription() {
      return "RecordOnly";
    }
  }
}
