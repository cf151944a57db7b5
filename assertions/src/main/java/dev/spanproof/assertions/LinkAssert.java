package dev.spanproof.assertions;

import static dev.spanproof.assertions.Arguments.requireNonNull;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.LinkData;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one link of a span, reached with {@link AbstractSpanAssert#link(int)} or {@link
 * AbstractSpanAssert#linkTo(String)}: where it points and its attributes. Failures name the link
 * and its span and draw the trace; {@link #returnToSpan()} leads back.
 *
 * @param <SPAN> the span assert type this link was reached from
 */
public class LinkAssert<SPAN extends AbstractSpanAssert<SPAN, ?>>
    extends AbstractAssert<LinkAssert<SPAN>, LinkData> {

  private SPAN owner;
  private SpanNode span;
  private String described = "link";
  private SoftGate gate = SoftGate.HARD;

  /**
   * Creates an assert on {@code actual}; use {@link AbstractSpanAssert#link(int)} or {@link
   * AbstractSpanAssert#linkTo(String)}, which also link it to its span.
   *
   * @param actual the link, may be null (every assertion then fails)
   */
  public LinkAssert(LinkData actual) {
    super(actual, LinkAssert.class);
  }

  void attach(SPAN from, SpanNode ofSpan, String description, SoftGate softGate) {
    this.owner = from;
    this.span = ofSpan;
    this.described = description;
    this.gate = softGate;
  }

  /**
   * Verifies the trace the link points into.
   *
   * @param traceId 32 lowercase hex characters
   * @return this assertion object
   */
  public LinkAssert<SPAN> hasTraceId(String traceId) {
    requireNonNull(traceId, "hasTraceId(String traceId)", "traceId");
    return check(link -> LinkChecks.hasTraceId(span, link, described, traceId));
  }

  /**
   * Verifies the span the link points to.
   *
   * @param spanId 16 lowercase hex characters
   * @return this assertion object
   */
  public LinkAssert<SPAN> hasSpanId(String spanId) {
    requireNonNull(spanId, "hasSpanId(String spanId)", "spanId");
    return check(link -> LinkChecks.hasSpanId(span, link, described, spanId));
  }

  /**
   * Verifies the link has the attribute {@code key}, of whatever type, equal to {@code value};
   * numbers compare by value across widths.
   *
   * @param key the attribute key
   * @param value the expected value
   * @return this assertion object
   */
  public LinkAssert<SPAN> hasAttribute(String key, Object value) {
    requireNonNull(key, "hasAttribute(String key, Object value)", "key");
    requireNonNull(value, "hasAttribute(String key, Object value)", "value");
    return check(
        link -> AttributeChecks.hasAttribute(span, Part.of(span, link, described), key, value));
  }

  /**
   * Verifies the link has the typed attribute {@code key} equal to {@code value}.
   *
   * @param key the attribute key
   * @param value the expected value
   * @param <T> the attribute's type
   * @return this assertion object
   */
  public <T> LinkAssert<SPAN> hasAttribute(AttributeKey<T> key, T value) {
    requireNonNull(key, "hasAttribute(AttributeKey<T> key, T value)", "key");
    requireNonNull(value, "hasAttribute(AttributeKey<T> key, T value)", "value");
    return check(
        link -> AttributeChecks.hasAttribute(span, Part.of(span, link, described), key, value));
  }

  /**
   * Verifies the link has at least these attributes with these values.
   *
   * @param expected a subset of the link's attributes
   * @return this assertion object
   */
  public LinkAssert<SPAN> containsAttributes(Attributes expected) {
    requireNonNull(expected, "containsAttributes(Attributes expected)", "expected");
    return check(
        link -> AttributeChecks.containsAttributes(span, Part.of(span, link, described), expected));
  }

  /**
   * Verifies the link points to a span named {@code name}: one of this trace, or of the current
   * test's traces (a span captured elsewhere has no name here).
   *
   * @param name the linked span's name, e.g. {@code "orders publish"}
   * @return this assertion object
   */
  public LinkAssert<SPAN> pointsToSpanNamed(String name) {
    requireNonNull(name, "pointsToSpanNamed(String name)", "name");
    return check(
        link ->
            LinkTargetChecks.pointsToSpanNamed(
                span, Part.of(span, link, described), link, owner.knownSpans(), name));
  }

  /**
   * Runs {@code requirements} (AssertJ assertions) on the link's attributes; what they report
   * becomes the failure.
   *
   * @param requirements e.g. {@code attributes -> assertThat(attributes.size()).isEqualTo(2)}
   * @return this assertion object
   */
  public LinkAssert<SPAN> hasAttributesSatisfying(Consumer<? super Attributes> requirements) {
    requireNonNull(
        requirements,
        "hasAttributesSatisfying(Consumer<? super Attributes> requirements)",
        "requirements");
    return check(
        link ->
            PartChecks.hasAttributesSatisfying(span, Part.of(span, link, described), requirements));
  }

  /**
   * Goes back to the span this link belongs to.
   *
   * @return the span's assert
   */
  @CheckReturnValue
  public SPAN returnToSpan() {
    return owner;
  }

  private LinkAssert<SPAN> check(Function<LinkData, Optional<Failure>> check) {
    if (gate.skipsChecks()) {
      return myself;
    }
    isNotNull();
    if (owner == null) {
      // Created directly rather than by navigation: there is no span to name or draw.
      throw new IllegalStateException(
          "this LinkAssert does not know its span: obtain it from a span assert's link(..) or linkTo(..)");
    }
    Optional<Failure> failure = check.apply(actual);
    if (failure.isPresent()) {
      throw owner.failureFor(failure.get());
    }
    return myself;
  }
}
