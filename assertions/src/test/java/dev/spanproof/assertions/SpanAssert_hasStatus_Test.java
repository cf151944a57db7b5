package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpanAssert_hasStatus_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_on_code_and_on_code_with_description() {
    assertThatTrace(traces.orderTrace())
        .span("processPayment")
        .hasStatus(StatusCode.ERROR)
        .hasStatus(StatusCode.ERROR, "card declined");
  }

  @Test
  void should_fail_showing_the_actual_status_with_its_description() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("processPayment").hasStatus(StatusCode.OK))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to have the status:
              OK
            but it has:
              ERROR "card declined"

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- expected status OK""");
  }

  @Test
  void should_fail_on_another_description() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("processPayment")
                    .hasStatus(StatusCode.ERROR, "insufficient funds"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            """
            Expecting span [processPayment] to have the status:
              ERROR "insufficient funds"
            but it has:
              ERROR "card declined"
            """);
  }
}
