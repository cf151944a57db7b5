package dev.spanproof.spring;

import static dev.spanproof.assertions.TraceAssertions.assertThatTraces;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spanproof.core.CaptureSession;
import dev.spanproof.spring.app.OrderApplication;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The application's own sampler decides, and the test sees what it dropped. */
@SpringBootTest(
    classes = OrderApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "management.tracing.sampling.probability=0")
@AutoConfigureSpanproof
@AutoConfigureTestRestTemplate
class SamplerTest {

  @Autowired TestRestTemplate http;
  @Autowired WireMockServer inventory;

  @Test
  void should_keep_the_application_sampler_and_record_its_drops(CaptureSession session) {
    Inventory.stock(inventory, "notebook", 12);
    // WHEN
    http.getForObject("/orders/42", String.class);
    // THEN the test client's span, the root, was dropped by Boot's sampler with probability 0.
    // Micrometer names a span only after it started, so the sampler never sees its name.
    assertThatTraces().hasTraceCount(0);
    assertThat(session.samplingDecisions())
        .singleElement()
        .satisfies(record -> assertThat(record.spanKind()).isEqualTo(SpanKind.CLIENT))
        .satisfies(record -> assertThat(record.hasParent()).isFalse())
        .satisfies(record -> assertThat(record.decision()).isEqualTo(SamplingDecision.DROP))
        .satisfies(
            record ->
                assertThat(record.samplerDescription())
                    .isEqualTo(
                        "ParentBased{root:TraceIdRatioBased{0.000000},"
                            + "remoteParentSampled:AlwaysOnSampler,"
                            + "remoteParentNotSampled:AlwaysOffSampler,"
                            + "localParentSampled:AlwaysOnSampler,"
                            + "localParentNotSampled:AlwaysOffSampler}"));
  }
}
