package dev.spanproof.assertions;

import static dev.spanproof.assertions.Arguments.requireNonNull;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one event of a span, reached with {@link AbstractSpanAssert#event(String)}: its
 * attributes and timestamp. Failures name the event and its span and draw the trace; {@link
 * #returnToSpan()} leads back.
 *
 * @param <SPAN> the span assert type this event was reached from
 */
public class EventAssert<SPAN extends AbstractSpanAssert<SPAN, ?>>
    extends AbstractAssert<EventAssert<SPAN>, EventData> {

  private SPAN owner;
  private SpanNode span;
  private SoftGate gate = SoftGate.HARD;

  /**
   * Creates an assert on {@code actual}; use {@link AbstractSpanAssert#event(String)}, which also
   * links it to its span.
   *
   * @param actual the event, may be null (every assertion then fails)
   */
  public EventAssert(EventData actual) {
    super(actual, EventAssert.class);
  }

  void attach(SPAN from, SpanNode ofSpan, SoftGate softGate) {
    this.owner = from;
    this.span = ofSpan;
    this.gate = softGate;
  }

  /**
   * Verifies the event has the attribute {@code key}, of whatever type, equal to {@code value};
   * numbers compare by value across widths.
   *
   * @param key the attribute key
   * @param value the expected value
   * @return this assertion object
   */
  public EventAssert<SPAN> hasAttribute(String key, Object value) {
    requireNonNull(key, "hasAttribute(String key, Object value)", "key");
    requireNonNull(value, "hasAttribute(String key, Object value)", "value");
    return check(event -> AttributeChecks.hasAttribute(span, Part.of(span, event), key, value));
  }

  /**
   * Verifies the event has the typed attribute {@code key} equal to {@code value}.
   *
   * @param key the attribute key
   * @param value the expected value
   * @param <T> the attribute's type
   * @return this assertion object
   */
  public <T> EventAssert<SPAN> hasAttribute(AttributeKey<T> key, T value) {
    requireNonNull(key, "hasAttribute(AttributeKey<T> key, T value)", "key");
    requireNonNull(value, "hasAttribute(AttributeKey<T> key, T value)", "value");
    return check(event -> AttributeChecks.hasAttribute(span, Part.of(span, event), key, value));
  }

  /**
   * Verifies the event has at least these attributes with these values.
   *
   * @param expected a subset of the event's attributes
   * @return this assertion object
   */
  public EventAssert<SPAN> containsAttributes(Attributes expected) {
    requireNonNull(expected, "containsAttributes(Attributes expected)", "expected");
    return check(event -> AttributeChecks.containsAttributes(span, Part.of(span, event), expected));
  }

  /**
   * Verifies when the event occurred (as sdk-testing's {@code EventDataAssert.hasTimestamp}).
   *
   * @param epochNanos nanoseconds since the epoch
   * @return this assertion object
   */
  public EventAssert<SPAN> hasTimestamp(long epochNanos) {
    return check(event -> EventChecks.hasTimestamp(span, event, epochNanos));
  }

  /**
   * Verifies when the event occurred.
   *
   * @param timestamp the expected time
   * @return this assertion object
   */
  public EventAssert<SPAN> hasTimestamp(Instant timestamp) {
    requireNonNull(timestamp, "hasTimestamp(Instant timestamp)", "timestamp");
    return hasTimestamp(TimeUnit.SECONDS.toNanos(timestamp.getEpochSecond()) + timestamp.getNano());
  }

  /**
   * Runs {@code requirements} (AssertJ assertions) on the event's attributes, as sdk-testing's
   * {@code EventDataAssert.hasAttributesSatisfying} does; what they report becomes the failure.
   *
   * @param requirements e.g. {@code attributes -> assertThat(attributes.size()).isEqualTo(2)}
   * @return this assertion object
   */
  public EventAssert<SPAN> hasAttributesSatisfying(Consumer<? super Attributes> requirements) {
    requireNonNull(
        requirements,
        "hasAttributesSatisfying(Consumer<? super Attributes> requirements)",
        "requirements");
    return check(
        event -> PartChecks.hasAttributesSatisfying(span, Part.of(span, event), requirements));
  }

  /**
   * Verifies when the event occurred, given in {@code unit} since the epoch (as sdk-testing's
   * {@code EventDataAssert.hasTimestamp(long, TimeUnit)}).
   *
   * @param timestamp the time since the epoch
   * @param unit the unit of {@code timestamp}
   * @return this assertion object
   */
  public EventAssert<SPAN> hasTimestamp(long timestamp, TimeUnit unit) {
    requireNonNull(unit, "hasTimestamp(long timestamp, TimeUnit unit)", "unit");
    return hasTimestamp(unit.toNanos(timestamp));
  }

  /**
   * Verifies the event occurred between its span's start and end (both included): it was not added
   * with a timestamp of its own that lies elsewhere.
   *
   * @return this assertion object
   */
  public EventAssert<SPAN> occursWithinSpan() {
    return check(event -> EventTimingChecks.occursWithinSpan(span, event));
  }

  /**
   * Verifies the event occurred at or after the span's first event named {@code eventName} (at,
   * since both may get the same timestamp from a coarse clock).
   *
   * @param eventName the name of the event that should come first, on the same span
   * @return this assertion object
   */
  public EventAssert<SPAN> occursAfter(String eventName) {
    requireNonNull(eventName, "occursAfter(String eventName)", "eventName");
    return check(event -> EventTimingChecks.occursAfter(span, event, eventName));
  }

  /**
   * Goes back to the span this event belongs to.
   *
   * @return the span's assert
   */
  @CheckReturnValue
  public SPAN returnToSpan() {
    return owner;
  }

  private EventAssert<SPAN> check(Function<EventData, Optional<Failure>> check) {
    if (gate.skipsChecks()) {
      return myself;
    }
    isNotNull();
    if (owner == null) {
      // Created directly rather than by navigation: there is no span to name or draw.
      throw new IllegalStateException(
          "this EventAssert does not know its span: obtain it from a span assert's event(..)");
    }
    Optional<Failure> failure = check.apply(actual);
    if (failure.isPresent()) {
      throw owner.failureFor(failure.get());
    }
    return myself;
  }
}
