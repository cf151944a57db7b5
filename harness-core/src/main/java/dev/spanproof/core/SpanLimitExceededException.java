package dev.spanproof.core;

/**
 * Thrown when spans are read from a capture that started more spans than its limit allows. The
 * spans beyond the limit were not kept, so any assertion over the rest would be wrong; this error
 * says so instead of an {@code OutOfMemoryError} or a silently short list.
 */
public final class SpanLimitExceededException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private static final String ADVICE =
      "Raise the limit (maxSpans) if the test really needs that many, or look for a loop that"
          + " starts spans without end.";

  private final int limit;
  private final int droppedSpans;

  SpanLimitExceededException(String owner, int limit, int droppedSpans) {
    this(
        limit,
        droppedSpans,
        owner
            + " started more spans than its limit of "
            + limit
            + ": "
            + droppedSpans
            + (droppedSpans == 1 ? " span" : " spans")
            + " beyond the limit were not kept. "
            + ADVICE);
  }

  private SpanLimitExceededException(int limit, int droppedSpans, String message) {
    super(message);
    this.limit = limit;
    this.droppedSpans = droppedSpans;
  }

  /** The same limit, reached by sampling decisions: dropped spans count too. */
  static SpanLimitExceededException forSamplingDecisions(String owner, int limit, int notKept) {
    return new SpanLimitExceededException(
        limit,
        notKept,
        owner
            + " made more sampling decisions than its limit of "
            + limit
            + " (one per span started, dropped ones included): "
            + notKept
            + (notKept == 1 ? " decision" : " decisions")
            + " beyond the limit were not kept. "
            + ADVICE);
  }

  /** The span limit that was exceeded. */
  public int limit() {
    return limit;
  }

  /**
   * How many spans started after the limit was reached and were not kept (for sampling decisions:
   * how many decisions).
   */
  public int droppedSpans() {
    return droppedSpans;
  }
}
