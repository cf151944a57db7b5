package dev.spanproof.junit;

/** What {@link TracingExtension} does when a test leaves spans it should not. */
public enum SpanPolicy {
  /**
   * Fail the test. Spans that belong to no test fail the test that most likely lost their context
   * (the last test seen on the pool of the thread that started them), or else the test class.
   */
  FAIL,
  /**
   * Log the report once, at {@code WARNING}, through the {@link System.Logger} named {@code
   * dev.spanproof.junit.TracingExtension}; the test passes.
   */
  WARN,
  /** Say nothing. */
  IGNORE
}
