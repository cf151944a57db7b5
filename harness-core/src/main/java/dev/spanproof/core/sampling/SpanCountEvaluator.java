package dev.spanproof.core.sampling;

/**
 * {@code span_count}, as the Collector's {@code span_count_sampler.go}: {@code min_spans <= count}
 * and, unless {@code max_spans} is 0, {@code count <= max_spans}.
 */
final class SpanCountEvaluator extends PolicyEvaluator {

  private final int minSpans;
  private final int maxSpans;

  SpanCountEvaluator(String name, int minSpans, int maxSpans) {
    super(name, "span_count");
    this.minSpans = minSpans;
    this.maxSpans = maxSpans;
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    int count = trace.spanCount();
    boolean sampled = count >= minSpans && (maxSpans == 0 || count <= maxSpans);
    String reason =
        "trace has "
            + count
            + (count == 1 ? " span" : " spans")
            + (sampled ? ", within " : ", not within ")
            + "[min_spans "
            + minSpans
            + ", "
            + (maxSpans == 0 ? "unbounded" : "max_spans " + maxSpans)
            + "]";
    return sampled ? sampled(reason) : notSampled(reason);
  }
}
