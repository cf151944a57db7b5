package dev.spanproof.core;

/**
 * Which spans a harness records the start stack of, so that a report can name the line that started
 * a span left unended or without a session. A start stack is a {@code Throwable} taken as the span
 * starts; it costs a few microseconds in a test's deep stack, more than capturing the span itself,
 * so recording every span's is not the default.
 */
public enum StartStackRecording {

  /** No stacks: reports name spans and threads only. Costs nothing. */
  OFF,

  /**
   * The first span of each name in the harness records its stack, whichever session it is in; a
   * later span of the same name, in any session, points to that first one's, saying in which
   * session it was taken. In the JUnit extension a harness serves one test class, so a class pays
   * one stack per span name, however many tests start spans of that name: the cheapest recording
   * that still names the line that most likely started each span. A span with no session records
   * its own.
   */
  FIRST_OF_EACH_NAME_PER_HARNESS,

  /**
   * The first span of each name in each capture session (each test) records its stack; a later span
   * of the same name points to that first one's, which is where it most likely started too. A span
   * with no session records its own. A test then pays one stack per span name, not per span.
   */
  FIRST_OF_EACH_NAME,

  /** Every span records its own stack: exact, for a test that starts one name in several places. */
  EVERY_SPAN
}
