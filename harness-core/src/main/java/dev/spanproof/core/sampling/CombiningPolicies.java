package dev.spanproof.core.sampling;

import static dev.spanproof.core.sampling.ArgumentChecks.requireNestable;
import static dev.spanproof.core.sampling.ArgumentChecks.requireNonNull;
import static dev.spanproof.core.sampling.ArgumentChecks.requirePositive;

import java.util.List;
import java.util.Map;

/**
 * Builds the policies made of other policies ({@code and}, {@code drop}, {@code not}, {@code
 * composite}) for {@link TailSamplingPolicy}'s factories: they share the Collector's nesting rule
 * and wire their sub-policies' evaluators, which the simple policies do not need.
 */
final class CombiningPolicies {

  private CombiningPolicies() {}

  static TailSamplingPolicy and(String name, TailSamplingPolicy[] subPolicies) {
    List<TailSamplingPolicy> list = requireNestable("and", subPolicies, PolicyLevel.SUB);
    return TailSamplingPolicy.of(
        name, "and", policy -> AndEvaluator.and(policy, evaluators(list)), list);
  }

  static TailSamplingPolicy drop(String name, TailSamplingPolicy[] subPolicies) {
    List<TailSamplingPolicy> list = requireNestable("drop", subPolicies, PolicyLevel.SUB);
    return TailSamplingPolicy.of(
        name, "drop", policy -> AndEvaluator.drop(policy, evaluators(list)), list);
  }

  static TailSamplingPolicy not(String name, TailSamplingPolicy subPolicy) {
    // Checked here, or the message would name the array below: subPolicies[0].
    requireNonNull("subPolicy", subPolicy);
    List<TailSamplingPolicy> list =
        requireNestable("not", new TailSamplingPolicy[] {subPolicy}, PolicyLevel.SUB);
    return TailSamplingPolicy.of(
        name, "not", policy -> new NotEvaluator(policy, list.get(0).newEvaluator()), list);
  }

  static TailSamplingPolicy composite(
      String name,
      long maxTotalSpansPerSecond,
      List<TailSamplingPolicy> subPolicies,
      Map<String, Integer> percentBySubPolicy) {
    requirePositive("maxTotalSpansPerSecond", maxTotalSpansPerSecond);
    requireNonNull("subPolicies", subPolicies);
    List<TailSamplingPolicy> subs =
        requireNestable(
            "composite", subPolicies.toArray(TailSamplingPolicy[]::new), PolicyLevel.COMPOSITE_SUB);
    List<Long> shares = sharesPerSecond(maxTotalSpansPerSecond, subs, percentBySubPolicy);
    return TailSamplingPolicy.of(
        name,
        "composite",
        policy -> new CompositeEvaluator(policy, maxTotalSpansPerSecond, evaluators(subs), shares),
        subs);
  }

  /**
   * {@code rate_allocation}, as the Collector's {@code composite_helper.go}: each sub-policy's
   * spans per second, in their order; its percentage of the total, an equal share for 0 or less,
   * none without an allocation.
   */
  private static List<Long> sharesPerSecond(
      long maxTotalSpansPerSecond,
      List<TailSamplingPolicy> subPolicies,
      Map<String, Integer> percentBySubPolicy) {
    requireNonNull("percentBySubPolicy", percentBySubPolicy);
    List<String> names = subPolicies.stream().map(TailSamplingPolicy::name).toList();
    // Checked entry by entry before Map.copyOf, whose NPE would name neither the map nor the entry.
    for (Map.Entry<String, Integer> entry : percentBySubPolicy.entrySet()) {
      String allocated = entry.getKey();
      if (allocated == null) {
        throw new IllegalArgumentException(
            "percentBySubPolicy must not have a null key; its keys name sub-policies, which are "
                + names);
      }
      if (entry.getValue() == null) {
        throw new IllegalArgumentException(
            "percentBySubPolicy[\""
                + allocated
                + "\"] must not be null; an allocation of 0 or less is an equal share");
      }
      if (!names.contains(allocated)) {
        throw new IllegalArgumentException(
            "percentBySubPolicy: allocates to \""
                + allocated
                + "\", which is not a sub-policy; they are "
                + names);
      }
    }
    Map<String, Integer> percents = Map.copyOf(percentBySubPolicy);
    // float64 shares, truncated to int64, as in Go.
    double equalShare = (double) maxTotalSpansPerSecond / names.size();
    return names.stream()
        .map(
            sub -> {
              Integer percent = percents.get(sub);
              if (percent == null) {
                return 0L;
              }
              return (long) (percent > 0 ? (percent / 100.0) * maxTotalSpansPerSecond : equalShare);
            })
        .toList();
  }

  private static List<PolicyEvaluator> evaluators(List<TailSamplingPolicy> policies) {
    return policies.stream().map(TailSamplingPolicy::newEvaluator).toList();
  }
}
