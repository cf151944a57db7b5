package dev.spanproof.core.sampling;

import java.util.List;

/**
 * Decides one policy for one trace, as the Collector's evaluator of the same type does. Created
 * fresh for each {@link TailSampling}, so the state of the rate-limiting policies belongs to it.
 */
abstract class PolicyEvaluator {

  private final String name;
  private final String type;

  PolicyEvaluator(String name, String type) {
    this.name = name;
    this.type = type;
  }

  abstract PolicyVerdict evaluate(TraceUnderDecision trace);

  final String name() {
    return name;
  }

  final String type() {
    return type;
  }

  final PolicyVerdict sampled(String reason) {
    return verdict(PolicyVerdict.Decision.SAMPLED, reason);
  }

  final PolicyVerdict notSampled(String reason) {
    return verdict(PolicyVerdict.Decision.NOT_SAMPLED, reason);
  }

  final PolicyVerdict verdict(PolicyVerdict.Decision decision, String reason) {
    return verdict(decision, reason, List.of());
  }

  final PolicyVerdict verdict(
      PolicyVerdict.Decision decision, String reason, List<PolicyVerdict> subPolicies) {
    return new PolicyVerdict(name, type, decision, reason, subPolicies);
  }

  /** Not asked, because {@code why}. */
  final PolicyVerdict notEvaluated(String why) {
    return verdict(PolicyVerdict.Decision.NOT_EVALUATED, why);
  }
}
