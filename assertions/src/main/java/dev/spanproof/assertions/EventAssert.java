package dev.spanproof.assertions;

import static dev.spanproof.assertions.Arguments.requireNonNull;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one event of a span, reached with {@link AbstractSpanAssert#event(String)}: its
 * attributes and when it occurred. Failures name the event and its span and draw the trace with the
 * span marked; {@link #returnToSpan()} goes back to the span.
 *
 * <pre>{@code
 * assertThatTrace().span("checkout")
 *     .event("payment.initiated").hasAttribute("payment.amount", 120).occursWithinSpan()
 *     .returnToSpan()
 *     .event("payment.captured").occursAfter("payment.initiated");
 * }</pre>
 *
 * <p>Every argument is required: a null one throws a {@link NullPointerException} naming it.
 *
 * @param <SPAN> the span assert type that {@link #returnToSpan()} returns
 */
public class EventAssert<SPAN extends AbstractSpanAssert<SPAN, ?>>
    extends AbstractAssert<EventAssert<SPAN>, EventData> {

  private SoftGate gate = SoftGate.HARD;
  private SPAN spanAssert;
  private Part part;

  /**
   * Creates an assert on {@code actual}; for AssertJ's soft-assertion proxies. Obtain a usable one
   * with {@link AbstractSpanAssert#event(String)}: it knows the span the event belongs to.
   *
   * @param actual the event, may be null after a failed soft navigation
   */
  public EventAssert(EventData actual) {
    super(actual, EventAssert.class);
  }

  /** Links this assert to the span assert it was navigated from, and to how it reports. */
  void attach(SPAN from, Part event, SoftGate softGate) {
    this.spanAssert = from;
    this.part = event;
    this.gate = softGate;
  }

  /**
   * Verifies the event has the attribute {@code key}, of whatever type, equal to {@code value}.
   * Numbers compare by value across widths, arrays and lists by their elements.
   *
   * @param key the attribute key, e.g. {@code "payment.amount"}
   * @param value the expected value
   * @return this assertion object
   */
  public EventAssert<SPAN> hasAttribute(String key, Object value) {
    requireNonNull(key, "hasAttribute(String key, Object value)", "key");
    requireNonNull(value, "hasAttribute(String key, Object value)", "value");
    return check(event -> PartChecks.hasAttribute(part, key, value));
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
    return check(event -> PartChecks.hasAttribute(part, key, value));
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
    return check(event -> PartChecks.hasAttributesSatisfying(part, requirements));
  }

  /**
   * Verifies the event's timestamp, as sdk-testing's {@code EventDataAssert.hasTimestamp} does.
   *
   * @param epochNanos nanoseconds since the epoch
   * @return this assertion object
   */
  public EventAssert<SPAN> hasTimestamp(long epochNanos) {
    return check(event -> EventTimingChecks.hasTimestamp(part, event, epochNanos));
  }

  /**
   * Verifies the event's timestamp, given in {@code unit} since the epoch.
   *
   * @param timestamp the time since the epoch
   * @param unit the unit of {@code timestamp}
   * @return this assertion object
   */
  public EventAssert<SPAN> hasTimestamp(long timestamp, TimeUnit unit) {
    requireNonNull(unit, "hasTimestamp(long timestamp, TimeUnit unit)", "unit");
    long epochNanos = unit.toNanos(timestamp);
    return check(event -> EventTimingChecks.hasTimestamp(part, event, epochNanos));
  }

  /**
   * Verifies the event occurred between its span's start and end (both included): it was not added
   * with a timestamp of its own that lies elsewhere.
   *
   * @return this assertion object
   */
  public EventAssert<SPAN> occursWithinSpan() {
    return check(event -> EventTimingChecks.occursWithinSpan(part, event));
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
    return check(event -> EventTimingChecks.occursAfter(part, event, eventName));
  }

  /**
   * Goes back to the span this event belongs to, to check more of it.
   *
   * @return the span's assert
   */
  @CheckReturnValue
  public SPAN returnToSpan() {
    return spanAssert;
  }

  private EventAssert<SPAN> check(Function<EventData, Optional<Failure>> check) {
    if (gate.skipsChecks()) {
      return myself;
    }
    isNotNull();
    if (part == null) {
      throw new IllegalStateException(
          "this EventAssert was not reached through AbstractSpanAssert.event(..), so it does not"
              + " know the event's span");
    }
    Optional<Failure> failure = check.apply(actual);
    if (failure.isPresent()) {
      Failure found = failure.get();
      throw failureWithActualExpected(
          found.actual(), found.expected(), "%s", spanAssert.describe(found));
    }
    return myself;
  }
}
