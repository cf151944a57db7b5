package dev.spanproof.core.sampling;

/** {@code always_sample}: every trace. */
final class AlwaysSampleEvaluator extends PolicyEvaluator {

  AlwaysSampleEvaluator(String name) {
    super(name, "always_sample");
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    return sampled("samples every trace");
  }
}
