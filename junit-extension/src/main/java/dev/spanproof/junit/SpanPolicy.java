package dev.spanproof.junit;

/** What {@link TracingExtension} does when a test leaves spans it should not. */
public enum SpanPolicy {
  /** Fail the test (or, for spans outside any test, the test class). */
  FAIL,
  /** Publish a report entry and print to standard error; the test passes. */
  WARN,
  /** Say nothing. */
  IGNORE
}
