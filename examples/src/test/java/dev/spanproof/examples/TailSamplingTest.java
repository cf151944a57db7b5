package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.SeededIdGenerator;
import dev.spanproof.core.sampling.TailSampling;
import dev.spanproof.core.sampling.TailSamplingDecision;
import dev.spanproof.core.sampling.TailSamplingPolicy;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Collector's tail sampling, with the configuration the service deploys: a declined card must
 * reach the tracing backend, a health check must not. Ids are seeded, so the probabilistic policy
 * decides the same way on every run.
 */
class TailSamplingTest {

  @RegisterExtension
  final TracingExtension tracing =
      TracingExtension.builder()
          .harness(harness -> harness.idGenerator(SeededIdGenerator.withSeed(42)))
          .build();

  private static final TailSampling PRODUCTION =
      TailSampling.fromCollectorYaml(resource("/collector/otelcol.yaml"));

  @Test
  void a_declined_card_is_kept_by_the_collector(OpenTelemetry otel) {
    OrderService service = new OrderService(otel);

    assertThatThrownBy(() -> service.processOrder(new Order("o-43", "sku-1", 1, "0000-0000")))
        .isInstanceOf(PaymentDeclinedException.class);

    assertThatTrace().isKeptBy(PRODUCTION);
  }

  @Test
  void the_deployed_file_read_from_disk_keeps_a_declined_card(OpenTelemetry otel)
      throws IOException {
    TailSampling sampling =
        TailSampling.fromCollectorYaml(
            Files.readString(Path.of("src/test/resources/collector/otelcol.yaml")));
    OrderService service = new OrderService(otel);

    assertThatThrownBy(() -> service.processOrder(new Order("o-43", "sku-1", 1, "0000-0000")))
        .isInstanceOf(PaymentDeclinedException.class);

    assertThatTrace().isKeptBy(sampling); // e.g. the failed checkout must reach the backend
  }

  @Test
  void a_health_check_is_dropped_by_the_collector(Tracer tracer) {
    TailSampling sampling = productionPolicies();
    tracer.spanBuilder("GET /health").setSpanKind(SpanKind.SERVER).startSpan().end();

    assertThatTrace().isDroppedBy(sampling); // e.g. health checks must not
  }

  @Test
  void the_decision_says_why_policy_by_policy(OpenTelemetry otel, CaptureSession session) {
    TailSampling sampling = productionPolicies();
    OrderService service = new OrderService(otel);
    assertThatThrownBy(() -> service.processOrder(new Order("o-44", "sku-1", 1, "0000-0000")))
        .isInstanceOf(PaymentDeclinedException.class);

    TailSamplingDecision decision = sampling.decide(session.finishedSpans()); // spans of one trace
    boolean kept = decision.isSampled(); // would the Collector export it?
    String why = decision.explanation(); // the decision path

    assertThat(kept).isTrue();
    assertThat(why)
        .contains(
            "[errors] status_code: ", "[slow] latency: ", "[rest] probabilistic: ", "final: ");
  }

  /** The policies of src/test/resources/collector/otelcol.yaml, built in Java. */
  private static TailSampling productionPolicies() {
    TailSampling sampling =
        TailSampling.builder()
            .policy(TailSamplingPolicy.statusCode("errors", StatusCode.ERROR))
            .policy(TailSamplingPolicy.latency("slow", 1000))
            .policy(TailSamplingPolicy.probabilistic("rest", 5))
            .build();
    return sampling;
  }

  private static String resource(String path) {
    try (InputStream in = TailSamplingTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
