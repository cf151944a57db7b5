package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;

/**
 * Assertions on one span; obtain it by navigating from a trace, e.g. {@code
 * assertThatTrace().span("processPayment")}. All assertions are inherited from {@link
 * AbstractSpanAssert}.
 */
public class SpanAssert extends AbstractSpanAssert<SpanAssert> {

  /**
   * Creates an assert on {@code actual}, a span of a {@link dev.spanproof.core.trace.Trace}.
   *
   * @param actual the span, may be null (every assertion then fails)
   */
  public SpanAssert(SpanNode actual) {
    super(actual, SpanAssert.class);
  }
}
