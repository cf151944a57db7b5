package dev.spanproof.core.sampling;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.function.ToLongFunction;

/**
 * {@code rate_limiting} and {@code bytes_limiting}: a token bucket (see {@link TokenBucket}) that a
 * trace takes its span count from (contrib PR #48226 made {@code rate_limiting} a token bucket like
 * {@code bytes_limiting}) or its size in bytes from; {@code burst_capacity} defaults to twice the
 * rate.
 */
final class RateLimitingEvaluator extends PolicyEvaluator {

  private final TokenBucket bucket;
  private final String unit;
  private final String rateField;
  private final ToLongFunction<TraceUnderDecision> cost;

  private RateLimitingEvaluator(
      String name,
      String type,
      TokenBucket bucket,
      String unit,
      String rateField,
      ToLongFunction<TraceUnderDecision> cost) {
    super(name, type);
    this.bucket = bucket;
    this.unit = unit;
    this.rateField = rateField;
    this.cost = cost;
  }

  static RateLimitingEvaluator spans(String name, long spansPerSecond, long burstCapacity) {
    return new RateLimitingEvaluator(
        name,
        "rate_limiting",
        new TokenBucket(spansPerSecond, burstCapacity),
        "spans",
        "spans_per_second",
        TraceUnderDecision::spanCount);
  }

  static RateLimitingEvaluator bytes(
      String name,
      long bytesPerSecond,
      long burstCapacity,
      ToLongFunction<Collection<SpanData>> size) {
    return new RateLimitingEvaluator(
        name,
        "bytes_limiting",
        new TokenBucket(bytesPerSecond, burstCapacity),
        "bytes",
        "bytes_per_second",
        trace -> size.applyAsLong(trace.spans()));
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    long needed = cost.applyAsLong(trace);
    long now = trace.decisionEpochNanos();
    double available = bucket.available(now);
    String limits =
        " ("
            + rateField
            + " "
            + bucket.ratePerSecond()
            + ", burst_capacity "
            + bucket.burst()
            + ")";
    if (bucket.allow(now, needed)) {
      return sampled(
          "trace of "
              + Texts.grouped(needed)
              + " "
              + unit
              + " fits the "
              + tokens(available)
              + " tokens left"
              + limits);
    }
    if (needed > bucket.burst()) {
      return notSampled(
          "trace of "
              + Texts.grouped(needed)
              + " "
              + unit
              + " exceeds the burst capacity"
              + limits);
    }
    return notSampled(
        "trace of "
            + Texts.grouped(needed)
            + " "
            + unit
            + " exceeds the "
            + tokens(available)
            + " tokens left"
            + limits);
  }

  private static String tokens(double available) {
    return Texts.number(Math.floor(available * 100) / 100);
  }
}
