package dev.spanproof.core.sampling;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code composite}, as the Collector's {@code composite.go}: the sub-policies in list order; the
 * first that samples decides, sampling the trace only if its spans still fit both that sub-policy's
 * share of the current second ({@code rate_allocation}) and {@code max_total_spans_per_second};
 * otherwise the trace is not sampled. Counters restart at each whole second of the virtual time.
 */
final class CompositeEvaluator extends PolicyEvaluator {

  /** One sub-policy with its spans-per-second share and what it sampled this second. */
  private static final class Share {
    private final PolicyEvaluator evaluator;
    private final long allocatedPerSecond;
    private long sampledThisSecond;

    Share(PolicyEvaluator evaluator, long allocatedPerSecond) {
      this.evaluator = evaluator;
      this.allocatedPerSecond = allocatedPerSecond;
    }
  }

  private final long maxTotalSpansPerSecond;
  private final List<Share> shares = new ArrayList<>();
  private long currentSecond = Long.MIN_VALUE;

  CompositeEvaluator(
      String name,
      long maxTotalSpansPerSecond,
      List<PolicyEvaluator> subPolicies,
      List<Long> allocatedPerSecond) {
    super(name, "composite");
    this.maxTotalSpansPerSecond = maxTotalSpansPerSecond;
    for (int i = 0; i < subPolicies.size(); i++) {
      shares.add(new Share(subPolicies.get(i), allocatedPerSecond.get(i)));
    }
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    long second = Math.floorDiv(trace.decisionEpochNanos(), 1_000_000_000L);
    if (second != currentSecond) {
      currentSecond = second;
      shares.forEach(share -> share.sampledThisSecond = 0);
    }
    List<PolicyVerdict> verdicts = new ArrayList<>();
    for (Share share : shares) {
      PolicyVerdict verdict = share.evaluator.evaluate(trace);
      verdicts.add(verdict);
      if (verdict.decision() != PolicyVerdict.Decision.SAMPLED) {
        continue;
      }
      long ifSampled = share.sampledThisSecond + trace.spanCount();
      String budget =
          ifSampled
              + " spans this second against its share of "
              + share.allocatedPerSecond
              + " and max_total_spans_per_second "
              + maxTotalSpansPerSecond;
      skipRest(verdicts, share, verdict);
      if (ifSampled <= share.allocatedPerSecond && ifSampled <= maxTotalSpansPerSecond) {
        share.sampledThisSecond = ifSampled;
        return verdict(
            PolicyVerdict.Decision.SAMPLED,
            "[" + verdict.policyName() + "] sampled, within budget: " + budget,
            verdicts);
      }
      return verdict(
          PolicyVerdict.Decision.NOT_SAMPLED,
          "[" + verdict.policyName() + "] sampled, but over budget: " + budget,
          verdicts);
    }
    return verdict(PolicyVerdict.Decision.NOT_SAMPLED, "no sub-policy sampled", verdicts);
  }

  private void skipRest(List<PolicyVerdict> verdicts, Share decided, PolicyVerdict verdict) {
    for (Share share : shares.subList(shares.indexOf(decided) + 1, shares.size())) {
      verdicts.add(share.evaluator.notEvaluated("[" + verdict.policyName() + "] already decided"));
    }
  }
}
