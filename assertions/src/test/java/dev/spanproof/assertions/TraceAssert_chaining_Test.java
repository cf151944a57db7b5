package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.sampling.TailSampling;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Passing trace checks return the very assert they were called on, so that checks chain. */
class TraceAssert_chaining_Test {

  private static final String KEEP_ERRORS =
      """
      processors:
        tail_sampling:
          policies:
            - name: errors
              type: status_code
              status_code: {status_codes: [ERROR]}
      """;

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_return_the_same_assert_from_passing_structure_and_timing_checks() {
    // GIVEN
    TraceAssert trace = assertThatTrace(traces.orderTrace());
    // WHEN/THEN
    assertThat(
            trace.hasStructureInOrder(
                span("processOrder", span("validateInventory"), span("processPayment"))))
        .isSameAs(trace);
    assertThat(trace.hasDurationAtMost(Duration.ofMillis(10))).isSameAs(trace);
  }

  @Test
  void should_return_the_same_assert_from_passing_tail_sampling_checks() {
    // GIVEN
    TailSampling sampling = TailSampling.fromCollectorYaml(KEEP_ERRORS);
    TraceAssert failedOrder = assertThatTrace(traces.orderTrace());
    TraceAssert health = assertThatTrace(traces.record(TestTraces.span("GET /health", 0, 1)));
    // WHEN/THEN
    assertThat(failedOrder.isKeptBy(sampling)).isSameAs(failedOrder);
    assertThat(health.isDroppedBy(sampling)).isSameAs(health);
  }
}
