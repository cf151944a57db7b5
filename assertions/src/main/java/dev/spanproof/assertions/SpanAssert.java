package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;

/**
 * Assertions on one span; obtain it by navigating from a trace, e.g. {@code
 * assertThatTrace().span("processPayment")}. All assertions are inherited from {@link
 * AbstractSpanAssert}.
 */
public class SpanAssert extends AbstractSpanAssert<SpanAssert, TraceAssert> {

  /**
   * Creates an assert on {@code actual}, a span of a {@link Trace}.
   *
   * @param actual the span, may be null (every assertion then fails)
   */
  public SpanAssert(SpanNode actual) {
    super(actual, SpanAssert.class);
  }

  /**
   * {@inheritDoc}
   *
   * @return a {@link TraceAssert} on {@code trace}
   */
  @Override
  protected TraceAssert newTraceAssert(Trace trace) {
    return new TraceAssert(trace);
  }
}
