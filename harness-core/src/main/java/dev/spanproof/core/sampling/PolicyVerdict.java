package dev.spanproof.core.sampling;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One tail-sampling policy's verdict on one trace, and why: {@code [slow] latency: trace took 1,240
 * ms > threshold_ms 1000 → sampled}. Policies that combine others ({@code and}, {@code not}, {@code
 * drop}, {@code composite}) carry their sub-policies' verdicts.
 */
public final class PolicyVerdict {

  /** What a policy decided. */
  public enum Decision {
    /** The policy votes to keep the trace. */
    SAMPLED("sampled"),
    /** The policy does not vote to keep the trace. */
    NOT_SAMPLED("not sampled"),
    /** A {@code drop} policy matched: the trace is not sampled, whatever the others say. */
    DROPPED("dropped"),
    /** The policy was not asked: an earlier one already settled the decision. */
    NOT_EVALUATED("not evaluated");

    private final String text;

    Decision(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private final String name;
  private final String type;
  private final Decision decision;
  private final String reason;
  private final List<PolicyVerdict> subPolicies;

  PolicyVerdict(
      String name, String type, Decision decision, String reason, List<PolicyVerdict> subPolicies) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.decision = Objects.requireNonNull(decision, "decision");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.subPolicies = List.copyOf(subPolicies);
  }

  /** The policy's name, as configured. */
  public String policyName() {
    return name;
  }

  /** The policy's type, as the Collector spells it, e.g. {@code latency}. */
  public String policyType() {
    return type;
  }

  /** What the policy decided. */
  public Decision decision() {
    return decision;
  }

  /** Why, in words, e.g. {@code trace took 1,240 ms > threshold_ms 1000}. */
  public String reason() {
    return reason;
  }

  /** The verdicts of the policies this one combines, in evaluation order; empty for the others. */
  public List<PolicyVerdict> subPolicies() {
    return subPolicies;
  }

  /** This verdict, and those of its sub-policies indented below it. */
  @Override
  public String toString() {
    String line = "[" + name + "] " + type + ": " + reason + " → " + decision;
    if (subPolicies.isEmpty()) {
      return line;
    }
    return line
        + "\n"
        + subPolicies.stream()
            .map(PolicyVerdict::toString)
            .flatMap(String::lines)
            .map(sub -> "    " + sub)
            .collect(Collectors.joining("\n"));
  }
}
