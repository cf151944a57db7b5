package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** hasEvent, hasEventsInOrder, hasNoEvents, hasException and its variants. */
class SpanAssert_events_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  private List<SpanData> shipment() {
    return traces.record(
        span("ship", 0, 10)
            .event("label.printed", a -> a.put("carrier", "ups"))
            .event("picked", a -> {})
            .event("handed.over", a -> a.put("carrier", "ups")));
  }

  @Test
  void should_pass_on_names_attributes_and_order() {
    assertThatTrace(shipment())
        .span("ship")
        .hasEvent("picked")
        .hasEvent("label.printed", Attributes.of(AttributeKey.stringKey("carrier"), "ups"))
        .hasEventsInOrder("label.printed", "handed.over")
        .hasNoException();
  }

  @Test
  void should_fail_listing_the_events_with_their_attributes() {
    // GIVEN
    List<SpanData> spans = shipment();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("ship").hasEvent("delivered"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [ship] to have the event:
              delivered
            but its events are:
              label.printed {carrier=ups}
              picked
              handed.over {carrier=ups}

            trace 00000000000000000000000000000001 (1 span, 10.0 ms)
            └─ ship [INTERNAL, UNSET, 10.0 ms] events: label.printed, picked, handed.over  <-- expected event "delivered\"""");
  }

  @Test
  void should_fail_on_event_attributes_and_order() {
    // GIVEN
    List<SpanData> spans = shipment();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("ship")
                    .hasEvent("picked", Attributes.of(AttributeKey.stringKey("by"), "robot")))
        .hasMessageStartingWith(
            """
            Expecting span [ship] to have the event:
              picked {by=robot}
            but its events are:
            """);
    assertThatThrownBy(
            () -> assertThatTrace(spans).span("ship").hasEventsInOrder("handed.over", "picked"))
        .hasMessageStartingWith(
            """
            Expecting span [ship] to have these events in this order:
              [handed.over, picked]
            but its events are:
            """);
    assertThatThrownBy(() -> assertThatTrace(spans).span("ship").hasNoEvents())
        .hasMessageStartingWith(
            "Expecting span [ship] to have events:\n  none\nbut its events are:");
  }

  @Test
  void should_pass_on_exception_type_supertype_message_and_stack() {
    // GIVEN
    List<SpanData> spans =
        traces.record(
            span("pay", 0, 1).with(s -> s.recordException(new IllegalStateException("declined"))));
    // WHEN/THEN
    assertThatTrace(spans)
        .span("pay")
        .hasException(IllegalStateException.class)
        .hasException(RuntimeException.class)
        .hasException(IllegalStateException.class, "declined")
        .hasExceptionWithStackTrace();
  }

  @Test
  void should_fail_showing_the_recorded_exception() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("processPayment")
                    .hasException(IllegalArgumentException.class))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to have recorded the exception:
              java.lang.IllegalArgumentException
            but it recorded:
              exception {exception.message=card declined, exception.stacktrace=(present), exception.type=java.lang.IllegalStateException}

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- expected exception IllegalArgumentException""");
  }

  @Test
  void should_fail_when_no_exception_was_recorded() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("validateInventory")
                    .hasException(IllegalStateException.class, "x"))
        .hasMessageStartingWith(
            """
            Expecting span [validateInventory] to have recorded the exception:
              java.lang.IllegalStateException: x
            but it recorded none; its events are:
              (none)
            """);
    assertThatThrownBy(() -> assertThatTrace(spans).span("processPayment").hasNoException())
        .hasMessageStartingWith(
            """
            Expecting span [processPayment] to have recorded:
              no exception
            but it recorded:
              exception {exception.message=card declined""");
  }
}
