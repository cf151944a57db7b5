package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.sampling.TailSampling;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Collector's tail sampling, with the configuration the service deploys: a declined card must
 * reach the tracing backend.
 */
@ExtendWith(TracingExtension.class)
class TailSamplingTest {

  private static final TailSampling PRODUCTION =
      TailSampling.fromCollectorYaml(resource("/collector/otelcol.yaml"));

  @Test
  void a_declined_card_is_kept_by_the_collector(OpenTelemetry otel) {
    OrderService service = new OrderService(otel);

    assertThatThrownBy(() -> service.processOrder(new Order("o-43", "sku-1", 1, "0000-0000")))
        .isInstanceOf(PaymentDeclinedException.class);

    assertThatTrace().isKeptBy(PRODUCTION);
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
