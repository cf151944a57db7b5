package dev.spanproof.core.sampling;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the tail-sampling processor decides for one trace, with the full decision path: each
 * policy's verdict and why, in the order the Collector evaluates them (drop policies first), and
 * how they combine.
 *
 * <pre>{@code
 * trace 4bf92f3577b34da6a3ce929d0e0e4736 → sampled
 *   [errors] status_code: no span has status ERROR → not sampled
 *   [slow] latency: trace took 1,240 ms > threshold_ms 1000 → sampled
 *   [rest] probabilistic: hash 443e8ea12a65d7d3 > threshold 0cccccccccccccff (5 %) → not sampled
 *   final: no drop policy matched, [slow] sampled → sampled
 * }</pre>
 */
public final class TailSamplingDecision {

  private final String traceId;
  private final PolicyVerdict.Decision outcome;
  private final List<PolicyVerdict> verdicts;
  private final String conclusion;

  TailSamplingDecision(
      String traceId,
      PolicyVerdict.Decision outcome,
      List<PolicyVerdict> verdicts,
      String conclusion) {
    this.traceId = traceId;
    this.outcome = outcome;
    this.verdicts = List.copyOf(verdicts);
    this.conclusion = conclusion;
  }

  /** Whether the Collector would keep (export) this trace. */
  public boolean isSampled() {
    return outcome == PolicyVerdict.Decision.SAMPLED;
  }

  /** Whether a {@code drop} policy matched, which discards the trace whatever the others say. */
  public boolean isDropped() {
    return outcome == PolicyVerdict.Decision.DROPPED;
  }

  /** The trace's id, 32 lowercase hex characters. */
  public String traceId() {
    return traceId;
  }

  /** Each top-level policy's verdict, in evaluation order: drop policies first, then the rest. */
  public List<PolicyVerdict> verdicts() {
    return verdicts;
  }

  /** How the verdicts combine into the final decision, e.g. {@code no policy sampled the trace}. */
  public String conclusion() {
    return conclusion;
  }

  /** The decision and its path, one policy per line, as shown in failure messages. */
  public String explanation() {
    return "trace "
        + traceId
        + " → "
        + (isSampled() ? "sampled" : "not sampled")
        + "\n"
        + verdicts.stream()
            .map(PolicyVerdict::toString)
            .flatMap(String::lines)
            .map(line -> "  " + line)
            .collect(Collectors.joining("\n"))
        + "\n  final: "
        + conclusion;
  }

  /** Same as {@link #explanation()}. */
  @Override
  public String toString() {
    return explanation();
  }
}
