package dev.spanproof.core.sampling;

import java.util.List;

/** {@code not}, as the Collector's {@code not.go}: the opposite of its one sub-policy. */
final class NotEvaluator extends PolicyEvaluator {

  private final PolicyEvaluator subPolicy;

  NotEvaluator(String name, PolicyEvaluator subPolicy) {
    super(name, "not");
    this.subPolicy = subPolicy;
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    PolicyVerdict verdict = subPolicy.evaluate(trace);
    boolean subSampled = verdict.decision() == PolicyVerdict.Decision.SAMPLED;
    return verdict(
        subSampled ? PolicyVerdict.Decision.NOT_SAMPLED : PolicyVerdict.Decision.SAMPLED,
        "sub-policy [" + verdict.policyName() + "] " + (subSampled ? "sampled" : "did not sample"),
        List.of(verdict));
  }
}
