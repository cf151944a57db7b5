package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class SpanAssert_hasKind_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_when_the_kind_matches() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatTrace(spans)
        .span("processPayment")
        .hasKind(SpanKind.CLIENT)
        .returnToTrace()
        .span("processOrder")
        .hasKind(SpanKind.SERVER);
  }

  @Test
  void should_fail_with_expected_and_actual_and_the_span_marked() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () -> assertThatTrace(spans).span("processPayment").hasKind(SpanKind.PRODUCER))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to have the kind:
              PRODUCER
            but it has:
              CLIENT

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- expected kind PRODUCER""");
  }

  @Test
  void should_give_ides_the_expected_and_actual_values() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () -> assertThatTrace(spans).span("processPayment").hasKind(SpanKind.PRODUCER));
    // THEN
    assertThat(error.getExpected().getValue()).isEqualTo(SpanKind.PRODUCER);
    assertThat(error.getActual().getValue()).isEqualTo(SpanKind.CLIENT);
  }

  @Test
  void should_prefix_the_description_given_with_as() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("processPayment")
                    .as("payment call")
                    .hasKind(SpanKind.PRODUCER))
        .hasMessageStartingWith("[payment call] Expecting span [processPayment] to have the kind:");
  }

  @Test
  void should_throw_naming_the_parameter_on_a_null_kind() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("processPayment").hasKind(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("hasKind(SpanKind expected): expected must not be null");
  }
}
