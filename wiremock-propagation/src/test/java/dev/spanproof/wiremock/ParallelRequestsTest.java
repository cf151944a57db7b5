package dev.spanproof.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.spanproof.wiremock.PropagationAssertions.assertThatRequestsTo;
import static dev.spanproof.wiremock.TraceContextPattern.traceContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Three tests share one WireMock server and run at the same time under JUnit's parallel execution;
 * each sends one request, waits until all three requests have arrived, then asserts. Each must see
 * exactly its own request: before requests were scoped to the test, each saw three.
 */
class ParallelRequestsTest {

  private static final int TESTS = 3;

  /** The server the fixture's tests share, started around the engine run. */
  private static WireMockServer inventory;

  /** Holds every fixture test until all three have sent their request. */
  private static CyclicBarrier allSent;

  @Test
  void should_give_each_of_three_concurrent_tests_only_its_own_request() {
    // GIVEN
    inventory = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    inventory.start();
    inventory.stubFor(get(urlPathEqualTo("/inventory")).willReturn(ok()));
    allSent = new CyclicBarrier(TESTS);
    EngineExecutionResults results;
    try {
      // WHEN
      results =
          EngineTestKit.engine("junit-jupiter")
              .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
              .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
              .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
              .configurationParameter(
                  "junit.jupiter.execution.parallel.config.fixed.parallelism",
                  String.valueOf(TESTS))
              .selectors(DiscoverySelectors.selectClass(InventoryClients.class))
              .execute();
    } finally {
      inventory.stop();
    }
    // THEN
    assertThat(inventory.getAllServeEvents()).hasSize(TESTS);
    assertThat(
            results.testEvents().failed().stream()
                .map(
                    event ->
                        event
                            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                            .map(Throwable::getMessage)
                            .orElse("failed"))
                .collect(Collectors.toList()))
        .isEmpty();
    results.testEvents().assertStatistics(stats -> stats.started(TESTS).succeeded(TESTS));
  }

  /** The fixture: three tests, each a traced client of the shared server. */
  @ExtendWith(TracingExtension.class)
  static class InventoryClients {

    @Test
    void first(OpenTelemetry openTelemetry) throws Exception {
      callAndAssert(openTelemetry);
    }

    @Test
    void second(OpenTelemetry openTelemetry) throws Exception {
      callAndAssert(openTelemetry);
    }

    @Test
    void third(OpenTelemetry openTelemetry) throws Exception {
      callAndAssert(openTelemetry);
    }

    private static void callAndAssert(OpenTelemetry openTelemetry)
        throws InterruptedException, BrokenBarrierException, TimeoutException {
      new JdkClient(openTelemetry).get(inventory.url("/inventory"));
      // A guard against a run that is not parallel, not a timing assumption: all three must be
      // running at once to get past this.
      allSent.await(30, TimeUnit.SECONDS);
      assertThatRequestsTo(inventory, "/inventory")
          .hasRequestCount(1)
          .eachCarriedTheContextOfItsClientSpan()
          .eachMatches(traceContext().sampled().childOf("GET"));
    }
  }
}
