package dev.spanproof.examples.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.UnownedSpan;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

/**
 * The container recipe of {@code docs/otlp-receiver.md}, compiled so it cannot rot: a container
 * exports to the receiver through Testcontainers' host port forwarding. The container is the
 * Collector project's {@code telemetrygen}, which sends one generated trace over OTLP/HTTP and
 * exits. Skipped where Docker is not available, as on spanproof's build machines.
 */
@org.testcontainers.junit.jupiter.Testcontainers(disabledWithoutDocker = true)
class ContainerExportsToReceiverTest {

  /** Pinned: a release of the Collector contrib project's trace generator. */
  private static final String TELEMETRYGEN =
      "ghcr.io/open-telemetry/opentelemetry-collector-contrib/telemetrygen:v0.129.0";

  @Test
  void a_containers_spans_reach_the_receiver_with_their_service() {
    try (TracingHarness harness = TracingHarness.builder().otlpReceiver().build()) {
      int port = harness.otlpEndpoint().getPort();
      // Must come before the container starts: the forwarding is set up at its start.
      Testcontainers.exposeHostPorts(port);
      try (GenericContainer<?> generator =
          new GenericContainer<>(TELEMETRYGEN)
              .withCommand(
                  "traces",
                  "--otlp-http",
                  "--otlp-insecure",
                  "--otlp-endpoint",
                  "host.testcontainers.internal:" + port,
                  "--traces",
                  "1")
              .withStartupCheckStrategy(
                  new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
        generator.start();
      }
      // Its trace belongs to no test here, so its spans are reported with the service that sent
      // them; a container called with the test's traceparent would join the test's trace instead.
      await().atMost(Duration.ofSeconds(30)).until(() -> !harness.unownedSpanReports().isEmpty());
      assertThat(harness.unownedSpanReports())
          .extracting(UnownedSpan::sendingService)
          .allSatisfy(service -> assertThat(service).hasValue("telemetrygen"));
    }
  }
}
