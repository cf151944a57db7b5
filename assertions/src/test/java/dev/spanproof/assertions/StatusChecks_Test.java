package dev.spanproof.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kind and status checker on its own. */
class StatusChecks_Test {

  private final TestTraces traces = new TestTraces();
  private final SpanNode payment =
      Trace.of(traces.orderTrace()).spansNamed("processPayment").get(0);

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_accept_the_actual_kind_and_status() {
    assertThat(StatusChecks.hasKind(payment, SpanKind.CLIENT)).isEmpty();
    assertThat(StatusChecks.hasStatus(payment, StatusCode.ERROR)).isEmpty();
    assertThat(StatusChecks.hasStatus(payment, StatusCode.ERROR, "card declined")).isEmpty();
  }

  @Test
  void should_report_a_wrong_status_with_its_description() {
    Failure failure = StatusChecks.hasStatus(payment, StatusCode.ERROR, "timeout").orElseThrow();
    assertThat(failure.actual()).isEqualTo("ERROR \"card declined\"");
    assertThat(failure.expected()).isEqualTo("ERROR \"timeout\"");
    assertThat(failure.marks())
        .containsExactly(Map.entry(payment, "expected status ERROR \"timeout\""));
  }

  @Test
  void should_report_a_wrong_kind() {
    Failure failure = StatusChecks.hasKind(payment, SpanKind.SERVER).orElseThrow();
    assertThat(failure.actual()).isEqualTo(SpanKind.CLIENT);
    assertThat(failure.message())
        .isEqualTo(
            """
            Expecting span [processPayment] to have the kind:
              SERVER
            but it has:
              CLIENT""");
  }
}
