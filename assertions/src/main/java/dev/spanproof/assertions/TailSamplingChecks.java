package dev.spanproof.assertions;

import dev.spanproof.core.sampling.TailSampling;
import dev.spanproof.core.sampling.TailSamplingDecision;
import dev.spanproof.core.sampling.TailSamplingPolicy;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks of what the Collector's tail sampling, simulated by {@link TailSampling}, does with a
 * trace; each failure shows the decision path, policy by policy.
 */
final class TailSamplingChecks {

  private TailSamplingChecks() {}

  static Optional<Failure> isKeptBy(Trace trace, TailSampling sampling) {
    TailSamplingDecision decision = decide(sampling, trace);
    if (decision.isSampled()) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.of(
            Layout.expecting(
                Layout.trace(trace),
                "be kept by tail sampling with the policies",
                policies(sampling),
                decision.isDropped() ? "a drop policy discards it" : "no policy samples it",
                path(decision)),
            "not sampled",
            "sampled"));
  }

  static Optional<Failure> isDroppedBy(Trace trace, TailSampling sampling) {
    TailSamplingDecision decision = decide(sampling, trace);
    if (!decision.isSampled()) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.of(
            Layout.expecting(
                Layout.trace(trace),
                "be dropped by tail sampling with the policies",
                policies(sampling),
                "it is sampled",
                path(decision)),
            "sampled",
            "not sampled"));
  }

  /**
   * Decides {@code trace} with its spans in the order they end, the order in which an SDK exports
   * them to a Collector.
   */
  static TailSamplingDecision decide(TailSampling sampling, Trace trace) {
    List<SpanData> byEnd =
        trace.spans().stream()
            .map(SpanNode::span)
            .sorted(Comparator.comparingLong(SpanData::getEndEpochNanos))
            .toList();
    return sampling.decide(byEnd);
  }

  /** "[errors] status_code, [slow] latency". */
  static String policies(TailSampling sampling) {
    return sampling.policies().stream()
        .map(TailSamplingPolicy::toString)
        .collect(Collectors.joining(", "));
  }

  /** The decision's path without its first line, which only repeats the trace id. */
  static String path(TailSamplingDecision decision) {
    return decision
        .explanation()
        .lines()
        .skip(1)
        .map(line -> line.substring(2))
        .collect(Collectors.joining("\n"));
  }

  /** How many standard deviations "about" allows: a correct sampler fails 1 run in ~16,000. */
  static final double TOLERANCE_STANDARD_DEVIATIONS = 4;

  /** How many examples a failure over many traces shows. */
  private static final int EXAMPLES = 3;

  /**
   * Checks that every trace in {@code which} is sampled.
   *
   * @param description what the traces are, e.g. "with an error"
   */
  static Optional<Failure> keepsAll(
      List<Trace> traces,
      List<TailSamplingDecision> decisions,
      String description,
      List<Integer> which) {
    List<Integer> dropped =
        which.stream().filter(index -> !decisions.get(index).isSampled()).toList();
    if (dropped.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.drawn(
            Layout.expecting(
                    "tail sampling",
                    "keep every trace " + description,
                    which.size() + " of " + count(traces.size()),
                    "it does not keep " + dropped.size() + " of them, e.g.",
                    examples(decisions, dropped))
                + drawn(traces, dropped),
            dropped.size() + " not kept",
            "all " + which.size() + " kept"));
  }

  /** Checks that no trace in {@code which} is sampled. */
  static Optional<Failure> dropsAll(
      List<Trace> traces,
      List<TailSamplingDecision> decisions,
      String description,
      List<Integer> which) {
    List<Integer> kept = which.stream().filter(index -> decisions.get(index).isSampled()).toList();
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.drawn(
            Layout.expecting(
                    "tail sampling",
                    "keep no trace " + description,
                    which.size() + " of " + count(traces.size()),
                    "it keeps " + kept.size() + " of them, e.g.",
                    examples(decisions, kept))
                + drawn(traces, kept),
            kept.size() + " kept",
            "none kept"));
  }

  /**
   * Checks that about {@code percent} % of the traces in {@code rest} are sampled: within {@link
   * #TOLERANCE_STANDARD_DEVIATIONS} standard deviations of the binomial count.
   */
  static Optional<Failure> keepsAboutPercent(
      List<TailSamplingDecision> decisions, double percent, List<Integer> rest, String restName) {
    int n = rest.size();
    long kept = rest.stream().filter(index -> decisions.get(index).isSampled()).count();
    double p = percent / 100;
    double mean = n * p;
    double tolerance = TOLERANCE_STANDARD_DEVIATIONS * Math.sqrt(n * p * (1 - p));
    long low = Math.max(0, (long) Math.floor(mean - tolerance));
    long high = Math.min(n, (long) Math.ceil(mean + tolerance));
    if (n > 0 && low <= kept && kept <= high) {
      return Optional.empty();
    }
    String expectation = "keep about " + number(percent) + " % of " + restName;
    if (n == 0) {
      return Optional.of(
          Failure.drawn(
              Layout.expecting("tail sampling", expectation, count(0), "there are none"),
              0,
              percent + " %"));
    }
    return Optional.of(
        Failure.drawn(
            Layout.expecting(
                "tail sampling",
                expectation + ", " + count(n),
                "between "
                    + low
                    + " and "
                    + high
                    + " ("
                    + number(mean)
                    + " ± "
                    + number(tolerance)
                    + ": "
                    + number(TOLERANCE_STANDARD_DEVIATIONS)
                    + " standard deviations of the binomial count)",
                "it keeps " + kept + " (" + number(100.0 * kept / n) + " %)"),
            kept,
            low + ".." + high));
  }

  /** 95.0 → "95", 7.8947… → "7.89". */
  private static String number(double value) {
    return BigDecimal.valueOf(value)
        .setScale(2, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String count(int traces) {
    return Layout.count(traces, "trace", "traces");
  }

  private static String examples(List<TailSamplingDecision> decisions, List<Integer> indexes) {
    String shown =
        indexes.stream()
            .limit(EXAMPLES)
            .map(decisions::get)
            .map(TailSamplingDecision::explanation)
            .collect(Collectors.joining("\n"));
    return indexes.size() > EXAMPLES
        ? shown + "\n… and " + (indexes.size() - EXAMPLES) + " more"
        : shown;
  }

  /** The first of the traces, drawn. */
  private static String drawn(List<Trace> traces, List<Integer> indexes) {
    return "\n\n" + Layout.defaultRenderer().render(traces.get(indexes.get(0)));
  }
}
