package dev.spanproof.core.sampling;

import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * {@code latency}: the trace's duration, from its earliest span start to its latest span end, in
 * whole milliseconds (truncated, as Go's {@code Duration.Milliseconds()}), above {@code
 * threshold_ms} (exclusive since contrib PR #49595) and, when {@code upper_threshold_ms} is set, at
 * most that. As the Collector's {@code latency.go}, the window is checked after each span in
 * arrival order and the first span that brings it into range decides: with an upper bound, a trace
 * whose early spans fit can be sampled although the whole trace is longer.
 */
final class LatencyEvaluator extends PolicyEvaluator {

  private final long thresholdMs;
  private final long upperThresholdMs;

  LatencyEvaluator(String name, long thresholdMs, long upperThresholdMs) {
    super(name, "latency");
    this.thresholdMs = thresholdMs;
    this.upperThresholdMs = upperThresholdMs;
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    long earliestStart = 0;
    long latestEnd = 0;
    boolean first = true;
    for (SpanData span : trace.spans()) {
      if (first || span.getStartEpochNanos() < earliestStart) {
        earliestStart = span.getStartEpochNanos();
      }
      if (first || span.getEndEpochNanos() > latestEnd) {
        latestEnd = span.getEndEpochNanos();
      }
      first = false;
      long millis = (latestEnd - earliestStart) / 1_000_000;
      if (inRange(millis)) {
        long wholeTrace = wholeTraceMillis(trace);
        String took = "trace took " + Texts.grouped(millis) + " ms " + range(true);
        return sampled(
            wholeTrace == millis
                ? took
                : "up to "
                    + Texts.span(span)
                    + " the "
                    + took
                    + ", and the Collector stops there (the whole trace took "
                    + Texts.grouped(wholeTrace)
                    + " ms)");
      }
    }
    return notSampled(
        "trace took " + Texts.grouped(wholeTraceMillis(trace)) + " ms, " + range(false));
  }

  private boolean inRange(long millis) {
    if (upperThresholdMs == 0) {
      return millis > thresholdMs;
    }
    return thresholdMs < millis && millis <= upperThresholdMs;
  }

  private String range(boolean within) {
    if (upperThresholdMs == 0) {
      return (within ? "> " : "not > ") + "threshold_ms " + thresholdMs;
    }
    return (within ? "within " : "not within ")
        + "(threshold_ms "
        + thresholdMs
        + ", upper_threshold_ms "
        + upperThresholdMs
        + "]";
  }

  private static long wholeTraceMillis(TraceUnderDecision trace) {
    long start = trace.spans().stream().mapToLong(SpanData::getStartEpochNanos).min().orElse(0);
    long end = trace.spans().stream().mapToLong(SpanData::getEndEpochNanos).max().orElse(0);
    return (end - start) / 1_000_000;
  }
}
