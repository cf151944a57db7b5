package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.BASE_NANOS;
import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** event(..) and the EventAssert it leads to. */
class EventAssert_Test {

  private static final AttributeKey<Long> AMOUNT = AttributeKey.longKey("payment.amount");
  private static final AttributeKey<String> CURRENCY = AttributeKey.stringKey("payment.currency");

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  /** checkout from 0 to 10 ms: payment.initiated at 1 ms, retry at 2 and 3 ms, captured at 4. */
  private List<SpanData> checkout() {
    return traces.record(
        span("checkout", 0, 10)
            .with(
                s ->
                    s.addEvent(
                        "payment.initiated",
                        Attributes.of(AMOUNT, 120L, CURRENCY, "EUR"),
                        at(1),
                        TimeUnit.NANOSECONDS))
            .with(s -> s.addEvent("retry", at(2), TimeUnit.NANOSECONDS))
            .with(
                s ->
                    s.addEvent(
                        "retry",
                        Attributes.of(AttributeKey.longKey("attempt"), 2L),
                        at(3),
                        TimeUnit.NANOSECONDS))
            .with(s -> s.addEvent("payment.captured", at(4), TimeUnit.NANOSECONDS)));
  }

  private static long at(long millis) {
    return BASE_NANOS + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Test
  void should_pass_checking_an_event_and_return_to_its_span() {
    assertThatTrace(checkout())
        .span("checkout")
        .event("payment.initiated")
        .hasAttribute("payment.amount", 120)
        .hasAttribute(CURRENCY, "EUR")
        .hasAttributesSatisfying(attributes -> assertThat(attributes.size()).isEqualTo(2))
        .containsAttributes(Attributes.of(AMOUNT, 120L))
        .hasTimestamp(at(1))
        .hasTimestamp(Instant.parse("2026-01-01T00:00:00.001Z"))
        .hasTimestamp(TimeUnit.NANOSECONDS.toMicros(at(1)), TimeUnit.MICROSECONDS)
        .occursWithinSpan()
        .returnToSpan()
        .event("payment.captured")
        .occursAfter("payment.initiated")
        .returnToSpan()
        .event("retry", 1)
        .hasAttribute("attempt", 2L)
        .returnToSpan()
        .hasName("checkout");
  }

  @Test
  void should_fail_listing_the_spans_events_when_none_has_the_name() {
    // GIVEN
    List<SpanData> spans = checkout();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().event("payment.initiatd"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [checkout] to have an event named:
              "payment.initiatd"
            but its events are:
              payment.initiated {payment.amount=120, payment.currency=EUR} at +1.00 ms
              retry at +2.00 ms
              retry {attempt=2} at +3.00 ms
              payment.captured at +4.00 ms

            trace 00000000000000000000000000000001 (1 span, 10.0 ms)
            └─ checkout [INTERNAL, UNSET, 10.0 ms] events: payment.initiated, retry, retry, payment.captured  <-- expected an event named "payment.initiatd\"""");
  }

  @Test
  void should_fail_saying_how_to_pick_one_of_several_events_of_the_name() {
    // GIVEN
    List<SpanData> spans = checkout();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().event("retry"))
        .hasMessageStartingWith(
            """
            Expecting span [checkout] to have exactly one event named:
              "retry"
            but it has 2, at +2.00 ms, +3.00 ms; pick one by its index, from event("retry", 0) to event("retry", 1)

            trace 00000000000000000000000000000001 (1 span, 10.0 ms)
            └─ checkout [INTERNAL, UNSET, 10.0 ms] events: payment.initiated, retry, retry, payment.captured  <-- 2 events named "retry\"""");
    assertThatThrownBy(() -> assertThatTrace(spans).root().event("retry", 2))
        .hasMessageStartingWith(
            """
            Expecting span [checkout] to have an event named "retry" at index:
              2
            but it has 2 such events; its events are:
              payment.initiated {payment.amount=120, payment.currency=EUR} at +1.00 ms
              retry at +2.00 ms
            """);
  }

  @Test
  void should_fail_on_an_attribute_drawing_the_trace_with_the_span_marked() {
    // GIVEN
    List<SpanData> spans = checkout();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .root()
                    .event("payment.initiated")
                    .hasAttribute("payment.amount", 121))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting event "payment.initiated" of span [checkout] to have the attribute:
              payment.amount=121
            but it has payment.amount=120; its attributes are:
              payment.amount=120
              payment.currency=EUR

            trace 00000000000000000000000000000001 (1 span, 10.0 ms)
            └─ checkout [INTERNAL, UNSET, 10.0 ms] events: payment.initiated, retry, retry, payment.captured  <-- event "payment.initiated": expected payment.amount=121""");
  }

  @Test
  void should_fail_naming_the_type_when_the_values_print_alike() {
    // GIVEN
    List<SpanData> spans = checkout();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .root()
                    .event("payment.initiated")
                    .hasAttribute("payment.amount", "120"))
        .hasMessageContaining("but it has payment.amount=120 of type LONG; its attributes are:");
    assertThatThrownBy(
            () -> assertThatTrace(spans).root().event("retry", 0).hasAttribute(CURRENCY, "EUR"))
        .hasMessageStartingWith(
            """
            Expecting event "retry" of span [checkout] to have the attribute:
              payment.currency=EUR
            but it has no attribute payment.currency; its attributes are:
              (none)
            """);
  }

  @Test
  void should_fail_with_what_the_attribute_requirements_report() {
    // GIVEN
    List<SpanData> spans = checkout();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .root()
                    .event("payment.initiated")
                    .hasAttributesSatisfying(
                        attributes ->
                            assertThat(attributes.get(CURRENCY)).as("currency").isEqualTo("USD")))
        .hasMessageStartingWith(
            """
            Expecting event "payment.initiated" of span [checkout] to have attributes satisfying the requirements, but:
              [currency]\s
              expected: "USD"
               but was: "EUR"
            its attributes are:
              payment.amount=120
              payment.currency=EUR
            """);
  }

  @Test
  void should_fail_on_the_timestamp_given_in_any_unit_or_as_an_instant() {
    // GIVEN
    List<SpanData> spans = checkout();
    String expected =
        """
        Expecting event "payment.initiated" of span [checkout] to have occurred at:
          2026-01-01T00:00:00.005Z
        but it occurred at:
          2026-01-01T00:00:00.001Z

        trace 00000000000000000000000000000001 (1 span, 10.0 ms)
        └─ checkout [INTERNAL, UNSET, 10.0 ms] events: payment.initiated, retry, retry, payment.captured  <-- event "payment.initiated": expected at 2026-01-01T00:00:00.005Z""";
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .root()
                    .event("payment.initiated")
                    .hasTimestamp(at(5) / 1_000_000, TimeUnit.MILLISECONDS))
        .hasMessage(expected);
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .root()
                    .event("payment.initiated")
                    .hasTimestamp(Instant.parse("2026-01-01T00:00:00.005Z")))
        .hasMessage(expected);
  }

  @Test
  void should_fail_on_an_event_outside_its_span() {
    // GIVEN an event stamped 2 ms after its span ended
    List<SpanData> spans =
        traces.record(
            span("checkout", 0, 10).with(s -> s.addEvent("late", at(12), TimeUnit.NANOSECONDS)));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().event("late").occursWithinSpan())
        .hasMessage(
            """
            Expecting event "late" of span [checkout] to occur within its span:
              from +0 ns to +10.0 ms after the span started
            but it occurred at +12.0 ms

            trace 00000000000000000000000000000001 (1 span, 10.0 ms)
            └─ checkout [INTERNAL, UNSET, 10.0 ms] events: late  <-- event "late": at +12.0 ms, outside the span""");
  }

  @Test
  void should_fail_on_an_event_that_comes_too_early_or_follows_nothing() {
    // GIVEN
    List<SpanData> spans = checkout();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .root()
                    .event("payment.initiated")
                    .occursAfter("payment.captured"))
        .hasMessageStartingWith(
            """
            Expecting event "payment.initiated" of span [checkout] to occur after the event:
              "payment.captured" at +4.00 ms
            but it occurred at +1.00 ms, 3.00 ms before it
            """);
    assertThatThrownBy(
            () -> assertThatTrace(spans).root().event("payment.initiated").occursAfter("cart"))
        .hasMessageStartingWith(
            """
            Expecting event "payment.initiated" of span [checkout] to occur after the event:
              "cart"
            but the span has no such event; its events are:
              payment.initiated {payment.amount=120, payment.currency=EUR} at +1.00 ms
            """);
  }

  @Test
  void should_collect_event_failures_softly_skip_a_missing_event_and_go_on_from_its_span() {
    // GIVEN
    List<SpanData> spans = checkout();
    SoftTraceAssertions softly = new SoftTraceAssertions();
    // WHEN
    softly
        .assertThatTrace(spans)
        .root()
        .event("payment.initiated")
        .hasAttribute(CURRENCY, "USD")
        .occursAfter("payment.captured")
        .hasTimestamp(0L)
        .returnToSpan()
        .event("refund")
        .hasAttribute("payment.amount", 1)
        .returnToSpan()
        .hasName("checkout")
        .hasKind(SpanKind.SERVER);
    // THEN: three checks of the event, the missing event once, nothing from its skipped check,
    // then the span's own failed check
    assertThat(softly.errorsCollected())
        .extracting(error -> error.getMessage().strip().lines().findFirst().orElseThrow())
        .containsExactly(
            "Expecting event \"payment.initiated\" of span [checkout] to have the attribute:",
            "Expecting event \"payment.initiated\" of span [checkout] to occur after the event:",
            "Expecting event \"payment.initiated\" of span [checkout] to have occurred at:",
            "Expecting span [checkout] to have an event named:",
            "Expecting span [checkout] to have the kind:");
  }

  @Test
  void should_throw_on_null_and_negative_arguments() {
    // GIVEN
    List<SpanData> spans = checkout();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().event(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("event(String name): name must not be null");
    assertThatThrownBy(() -> assertThatTrace(spans).root().event("retry", -1))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("event(String name, int index): index must not be negative, but got -1");
    assertThatThrownBy(
            () -> assertThatTrace(spans).root().event("retry", 0).hasAttribute("attempt", null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("hasAttribute(String key, Object value): value must not be null");
  }

  @Test
  void should_say_where_to_get_an_event_assert_when_created_directly() {
    // GIVEN
    EventData event = checkout().get(0).getEvents().get(0);
    // WHEN/THEN
    assertThatThrownBy(() -> new EventAssert<SpanAssert>(event).hasAttribute("payment.amount", 1))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(
            "this EventAssert does not know its span: obtain it from a span assert's event(..)");
  }
}
