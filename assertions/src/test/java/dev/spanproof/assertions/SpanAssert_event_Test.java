package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpanAssert_event_Test {

  private static final AttributeKey<Long> AMOUNT = AttributeKey.longKey("payment.amount");

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  private List<SpanData> payment() {
    return traces.record(
        span("processPayment", 0, 10)
            .kind(SpanKind.CLIENT)
            .with(
                s ->
                    s.addEvent(
                        "payment.initiated",
                        Attributes.of(AMOUNT, 42L),
                        TestTraces.BASE_NANOS + TimeUnit.MILLISECONDS.toNanos(3),
                        TimeUnit.NANOSECONDS))
            .event("retry", a -> {})
            .event("retry", a -> {}));
  }

  @Test
  void should_pass_on_the_event_attributes_and_timestamp_then_return_to_the_span() {
    assertThatTrace(payment())
        .span("processPayment")
        .event("payment.initiated")
        .hasAttribute("payment.amount", 42)
        .hasAttribute(AMOUNT, 42L)
        .containsAttributes(Attributes.of(AMOUNT, 42L))
        .hasTimestamp(Instant.parse("2026-01-01T00:00:00.003Z"))
        .returnToSpan()
        .hasKind(SpanKind.CLIENT);
  }

  @Test
  void should_fail_on_an_event_attribute_naming_event_and_span() {
    List<SpanData> spans = payment();
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("processPayment")
                    .event("payment.initiated")
                    .hasAttribute("payment.amount", 41))
        .hasMessage(
            """
            Expecting event "payment.initiated" of span [processPayment] to have the attribute:
              payment.amount=41
            but it has payment.amount=42; its attributes are:
              payment.amount=42

            trace 00000000000000000000000000000001 (1 span, 10.0 ms)
            └─ processPayment [CLIENT, UNSET, 10.0 ms] events: payment.initiated, retry, retry  <-- event "payment.initiated": expected payment.amount=41""");
  }

  @Test
  void should_fail_on_the_timestamp() {
    List<SpanData> spans = payment();
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("processPayment")
                    .event("payment.initiated")
                    .hasTimestamp(Instant.parse("2026-01-01T00:00:00.004Z")))
        .hasMessageStartingWith(
            """
            Expecting event "payment.initiated" of span [processPayment] to have occurred at:
              2026-01-01T00:00:00.004Z
            but it occurred at:
              2026-01-01T00:00:00.003Z
            """);
  }

  @Test
  void should_fail_to_navigate_to_a_missing_or_repeated_event() {
    List<SpanData> spans = payment();
    assertThatThrownBy(() -> assertThatTrace(spans).span("processPayment").event("refund"))
        .hasMessageStartingWith(
            """
            Expecting span [processPayment] to have an event named:
              "refund"
            but its events are:
              payment.initiated {payment.amount=42} at +3.00 ms
              retry at +0 ns
              retry at +0 ns
            """)
        .hasMessageEndingWith("<-- expected an event named \"refund\"");
    assertThatThrownBy(() -> assertThatTrace(spans).span("processPayment").event("retry"))
        .hasMessageStartingWith(
            """
            Expecting span [processPayment] to have exactly one event named:
              "retry"
            but it has 2, at +0 ns, +0 ns; pick one by its index, from event("retry", 0) to event("retry", 1)
            """)
        .hasMessageEndingWith("<-- 2 events named \"retry\"");
  }

  @Test
  void should_collect_a_failed_event_navigation_once_and_go_on_from_its_span() {
    List<SpanData> spans = payment();
    SoftTraceAssertions softly = new SoftTraceAssertions();
    softly
        .assertThatTrace(spans)
        .span("processPayment")
        .event("refund")
        .hasAttribute("payment.amount", 1)
        .returnToSpan()
        .hasKind(SpanKind.SERVER);
    softly
        .assertThatTrace(spans)
        .span("processPayment")
        .event("payment.initiated")
        .hasTimestamp(0L);
    assertThat(softly.errorsCollected())
        .extracting(error -> error.getMessage().strip().lines().findFirst().orElseThrow())
        .containsExactly(
            "Expecting span [processPayment] to have an event named:",
            "Expecting span [processPayment] to have the kind:",
            "Expecting event \"payment.initiated\" of span [processPayment] to have occurred at:");
  }
}
