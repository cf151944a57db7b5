package dev.spanproof.assertions;

import static dev.spanproof.assertions.Arguments.requireNonNull;

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
 * AbstractSpanAssert#linkTo(String)}: the span it points to and its attributes. The linked span is
 * known by name when it is in the asserted trace or among the current test's spans. Failures name
 * the link and its span and draw the trace with the span marked; {@link #returnToSpan()} goes back
 * to the span.
 *
 * <pre>{@code
 * assertThatTrace().span("process batch")
 *     .link(0).pointsToSpanNamed("orders publish").hasAttribute("messaging.batch.index", 0)
 *     .returnToSpan()
 *     .hasLinkCount(2);
 * }</pre>
 *
 * <p>Every argument is required: a null one throws a {@link NullPointerException} naming it.
 *
 * @param <SPAN> the span assert type that {@link #returnToSpan()} returns
 */
public class LinkAssert<SPAN extends AbstractSpanAssert<SPAN, ?>>
    extends AbstractAssert<LinkAssert<SPAN>, LinkData> {

  private SoftGate gate = SoftGate.HARD;
  private SPAN spanAssert;
  private Part part;
  private LinkTargets targets;

  /**
   * Creates an assert on {@code actual}; for AssertJ's soft-assertion proxies. Obtain a usable one
   * with {@link AbstractSpanAssert#link(int)}: it knows the span the link belongs to.
   *
   * @param actual the link, may be null after a failed soft navigation
   */
  public LinkAssert(LinkData actual) {
    super(actual, LinkAssert.class);
  }

  /** Links this assert to the span assert it was navigated from, and to how it reports. */
  void attach(SPAN from, Part link, LinkTargets linkTargets, SoftGate softGate) {
    this.spanAssert = from;
    this.part = link;
    this.targets = linkTargets;
    this.gate = softGate;
  }

  /**
   * Verifies the link points into the trace {@code traceId}.
   *
   * @param traceId 32 lowercase hex characters
   * @return this assertion object
   */
  public LinkAssert<SPAN> hasTraceId(String traceId) {
    requireNonNull(traceId, "hasTraceId(String traceId)", "traceId");
    return check(link -> LinkTargetChecks.hasTraceId(part, link, traceId));
  }

  /**
   * Verifies the link points to the span {@code spanId}.
   *
   * @param spanId 16 lowercase hex characters
   * @return this assertion object
   */
  public LinkAssert<SPAN> hasSpanId(String spanId) {
    requireNonNull(spanId, "hasSpanId(String spanId)", "spanId");
    return check(link -> LinkTargetChecks.hasSpanId(part, link, spanId));
  }

  /**
   * Verifies the link points to a span named {@code name}, found in the asserted trace or among the
   * current test's spans.
   *
   * @param name the linked span's name
   * @return this assertion object
   */
  public LinkAssert<SPAN> pointsToSpanNamed(String name) {
    requireNonNull(name, "pointsToSpanNamed(String name)", "name");
    return check(link -> LinkTargetChecks.pointsToSpanNamed(part, link, targets, name));
  }

  /**
   * Verifies the link has the attribute {@code key}, of whatever type, equal to {@code value}.
   * Numbers compare by value across widths, arrays and lists by their elements.
   *
   * @param key the attribute key
   * @param value the expected value
   * @return this assertion object
   */
  public LinkAssert<SPAN> hasAttribute(String key, Object value) {
    requireNonNull(key, "hasAttribute(String key, Object value)", "key");
    requireNonNull(value, "hasAttribute(String key, Object value)", "value");
    return check(link -> PartChecks.hasAttribute(part, key, value));
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
    return check(link -> PartChecks.hasAttribute(part, key, value));
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
    return check(link -> PartChecks.hasAttributesSatisfying(part, requirements));
  }

  /**
   * Goes back to the span this link belongs to, to check more of it.
   *
   * @return the span's assert
   */
  @CheckReturnValue
  public SPAN returnToSpan() {
    return spanAssert;
  }

  private LinkAssert<SPAN> check(Function<LinkData, Optional<Failure>> check) {
    if (gate.skipsChecks()) {
      return myself;
    }
    isNotNull();
    if (part == null) {
      throw new IllegalStateException(
          "this LinkAssert was not reached through AbstractSpanAssert.link(..), so it does not"
              + " know the link's span");
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
