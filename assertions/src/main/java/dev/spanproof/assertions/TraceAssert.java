package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;

/**
 * Assertions on one trace; obtain it with {@link TraceAssertions#assertThatTrace()} or {@link
 * TraceAssertions#assertThatTrace(java.util.Collection)}. All assertions are inherited from {@link
 * AbstractTraceAssert}.
 */
public class TraceAssert extends AbstractTraceAssert<TraceAssert, SpanAssert> {

  /**
   * Creates an assert on {@code actual}.
   *
   * @param actual the trace, may be null (every assertion then fails)
   */
  public TraceAssert(Trace actual) {
    super(actual, TraceAssert.class);
  }

  /**
   * {@inheritDoc}
   *
   * @return a {@link SpanAssert} on {@code span}
   */
  @Override
  protected SpanAssert newSpanAssert(SpanNode span) {
    return new SpanAssert(span);
  }
}
