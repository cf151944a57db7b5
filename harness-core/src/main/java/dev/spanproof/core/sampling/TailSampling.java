package dev.spanproof.core.sampling;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenTelemetry Collector's {@code tail_sampling} processor, simulated in a test: given the
 * spans of one trace, {@link #decide(Collection)} says whether a Collector with this configuration
 * would keep the trace, and why, policy by policy. Load the configuration you deploy with {@link
 * #fromCollectorYaml(String)}, or build one with {@link #builder()}.
 *
 * <pre>{@code
 * TailSampling sampling = TailSampling.fromCollectorYaml(Files.readString(Path.of("otelcol.yaml")));
 * TailSamplingDecision decision = sampling.decide(harness.finishedSpans());
 * assertTrue(decision.isSampled(), decision::explanation);
 * }</pre>
 *
 * <p>The policies' semantics are the Collector's (opentelemetry-collector-contrib, {@code
 * processor/tailsamplingprocessor}); {@code docs/tail-sampling.md} names the source it follows and
 * every place the simulation knowingly differs, such as {@code decision_wait} and span arrival.
 *
 * <p>Rate-limiting policies ({@code rate_limiting}, {@code bytes_limiting}, {@code composite})
 * remember earlier decisions, so decide traces in the order they would reach the Collector. They
 * read a virtual time: the clock given to {@link Builder#clock(Clock)} or {@link #withClock(Clock)}
 * (e.g. a {@code ManualClock}), else the moment the Collector would decide: {@code decision_wait}
 * after the trace's first span ended. Never the wall clock. Thread-safe.
 */
public final class TailSampling {

  /** The Collector's default {@code decision_wait}. */
  static final Duration DEFAULT_DECISION_WAIT = Duration.ofSeconds(30);

  private final List<TailSamplingPolicy> policies;
  private final boolean sampleOnFirstMatch;
  private final Duration decisionWait;
  private final Clock clock;
  private final List<PolicyEvaluator> evaluators;

  private TailSampling(
      List<TailSamplingPolicy> policies,
      boolean sampleOnFirstMatch,
      Duration decisionWait,
      Clock clock) {
    this.policies = List.copyOf(policies);
    this.sampleOnFirstMatch = sampleOnFirstMatch;
    this.decisionWait = decisionWait;
    this.clock = clock;
    // The Collector evaluates drop policies first, since a drop decides on its own.
    List<PolicyEvaluator> drops = new ArrayList<>();
    List<PolicyEvaluator> others = new ArrayList<>();
    for (TailSamplingPolicy policy : policies) {
      (policy.type().equals("drop") ? drops : others).add(policy.newEvaluator());
    }
    drops.addAll(others);
    this.evaluators = List.copyOf(drops);
  }

  /** A builder for a configuration made in Java. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the {@code tail_sampling} processor from a whole Collector configuration ({@code
   * processors: tail_sampling: …}) or from just the processor's block ({@code policies: …}, with or
   * without a {@code tail_sampling:} key above it).
   *
   * @param yaml the configuration text
   * @return the processor, ready to decide
   * @throws TailSamplingConfigException if the YAML is not a valid configuration, naming the
   *     policy, the field and the line; also when the configuration has several {@code
   *     tail_sampling} processors (choose one with {@link #fromCollectorYaml(String, String)})
   */
  public static TailSampling fromCollectorYaml(String yaml) {
    ArgumentChecks.requireNonNull("yaml", yaml);
    return CollectorYaml.read(yaml, null);
  }

  /**
   * Reads the processor named {@code processor} (e.g. {@code tail_sampling/errors}) from a whole
   * Collector configuration.
   *
   * @throws TailSamplingConfigException if there is no such processor (the message lists those
   *     there are) or its configuration is not valid
   */
  public static TailSampling fromCollectorYaml(String yaml, String processor) {
    ArgumentChecks.requireNonNull("yaml", yaml);
    ArgumentChecks.requireNonNull("processor", processor);
    return CollectorYaml.read(yaml, processor);
  }

  /**
   * The same configuration, with fresh rate-limit state, deciding at the time {@code clock} shows
   * (e.g. a {@code ManualClock} the test advances between traces).
   */
  public TailSampling withClock(Clock clock) {
    ArgumentChecks.requireNonNull("clock", clock);
    return new TailSampling(policies, sampleOnFirstMatch, decisionWait, clock);
  }

  /** The top-level policies, in configuration order. */
  public List<TailSamplingPolicy> policies() {
    return policies;
  }

  /**
   * Decides one trace, as the Collector would once {@code decision_wait} has passed: the policies
   * in order (drop policies first), each policy's verdict and why, and the final decision (a drop
   * wins, then a sample, else not sampled; with {@code sample_on_first_match}, the first sample
   * ends the evaluation).
   *
   * @param spansOfOneTrace the trace's spans in the order they reach the Collector, e.g. {@code
   *     harness.finishedSpans()} for a test that made one trace
   * @return the decision, with its path
   * @throws IllegalArgumentException if there are no spans, a null among them, or spans of several
   *     traces
   */
  public synchronized TailSamplingDecision decide(Collection<? extends SpanData> spansOfOneTrace) {
    ArgumentChecks.requireNonNull("spansOfOneTrace", spansOfOneTrace);
    List<SpanData> spans =
        ArgumentChecks.requireElements("spansOfOneTrace", spansOfOneTrace.toArray(SpanData[]::new));
    Set<String> traceIds = new TreeSet<>();
    spans.forEach(span -> traceIds.add(span.getTraceId()));
    if (traceIds.size() > 1) {
      throw new IllegalArgumentException(
          "spansOfOneTrace must be of one trace, but they are of "
              + traceIds.size()
              + ": "
              + traceIds
              + "; decide each trace on its own (Trace.groupByTraceId splits them)");
    }
    TraceUnderDecision trace =
        new TraceUnderDecision(traceIds.iterator().next(), spans, decisionTime(spans));
    return decide(trace);
  }

  private TailSamplingDecision decide(TraceUnderDecision trace) {
    List<PolicyVerdict> verdicts = new ArrayList<>();
    PolicyVerdict settled = null;
    for (PolicyEvaluator evaluator : evaluators) {
      if (settled != null) {
        verdicts.add(evaluator.notEvaluated(whyNotAsked(settled)));
        continue;
      }
      PolicyVerdict verdict = evaluator.evaluate(trace);
      verdicts.add(verdict);
      if (verdict.decision() == PolicyVerdict.Decision.DROPPED
          || (sampleOnFirstMatch && verdict.decision() == PolicyVerdict.Decision.SAMPLED)) {
        settled = verdict;
      }
    }
    return conclude(trace.traceId(), verdicts);
  }

  private static String whyNotAsked(PolicyVerdict settled) {
    return settled.decision() == PolicyVerdict.Decision.DROPPED
        ? "[" + settled.policyName() + "] already dropped the trace"
        : "sample_on_first_match: [" + settled.policyName() + "] already sampled the trace";
  }

  private static TailSamplingDecision conclude(String traceId, List<PolicyVerdict> verdicts) {
    for (PolicyVerdict verdict : verdicts) {
      if (verdict.decision() == PolicyVerdict.Decision.DROPPED) {
        return new TailSamplingDecision(
            traceId,
            PolicyVerdict.Decision.DROPPED,
            verdicts,
            "drop policy [" + verdict.policyName() + "] matched → not sampled");
      }
    }
    for (PolicyVerdict verdict : verdicts) {
      if (verdict.decision() == PolicyVerdict.Decision.SAMPLED) {
        return new TailSamplingDecision(
            traceId,
            PolicyVerdict.Decision.SAMPLED,
            verdicts,
            "no drop policy matched, [" + verdict.policyName() + "] sampled → sampled");
      }
    }
    return new TailSamplingDecision(
        traceId,
        PolicyVerdict.Decision.NOT_SAMPLED,
        verdicts,
        "no policy sampled the trace → not sampled");
  }

  /** When the Collector decides: now on the given clock, else decision_wait after the first end. */
  private long decisionTime(List<SpanData> spans) {
    if (clock != null) {
      return clock.now();
    }
    long firstEnd = spans.stream().mapToLong(SpanData::getEndEpochNanos).min().orElseThrow();
    long wait = decisionWait.toNanos();
    // Go's time.Time reaches past the year 2262; a long of nanoseconds does not, so it saturates.
    return firstEnd > Long.MAX_VALUE - wait ? Long.MAX_VALUE : firstEnd + wait;
  }

  /** Builds a {@link TailSampling} from policies made with {@link TailSamplingPolicy}. */
  public static final class Builder {

    private final List<TailSamplingPolicy> policies = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private boolean sampleOnFirstMatch;
    private Duration decisionWait = DEFAULT_DECISION_WAIT;
    private Clock clock;

    private Builder() {}

    /**
     * Adds a policy, evaluated after those added before (drop policies are evaluated first).
     *
     * @throws IllegalArgumentException if a policy of the same name was added, which the Collector
     *     refuses
     */
    public Builder policy(TailSamplingPolicy policy) {
      ArgumentChecks.requireNonNull("policy", policy);
      if (!names.add(policy.name())) {
        throw new IllegalArgumentException(
            "policy: a policy named \""
                + policy.name()
                + "\" was already added; the Collector requires unique names");
      }
      policies.add(policy);
      return this;
    }

    /** {@code sample_on_first_match}: the first policy that samples a trace ends the evaluation. */
    public Builder sampleOnFirstMatch() {
      this.sampleOnFirstMatch = true;
      return this;
    }

    /**
     * {@code decision_wait} (default 30 s): without a {@link #clock(Clock)}, decisions happen this
     * long after the trace's first span ended, which is the time the rate limits see.
     *
     * @throws IllegalArgumentException if {@code decisionWait} is negative, or longer than Go's
     *     largest duration (about 292 years)
     */
    public Builder decisionWait(Duration decisionWait) {
      ArgumentChecks.requireNonNull("decisionWait", decisionWait);
      if (decisionWait.isNegative()) {
        throw new IllegalArgumentException(
            "decisionWait must not be negative, but was " + decisionWait);
      }
      if (decisionWait.compareTo(YamlDuration.MAX) > 0) {
        throw new IllegalArgumentException(
            "decisionWait must be at most "
                + YamlDuration.MAX
                + ", Go's largest duration, but was "
                + decisionWait);
      }
      this.decisionWait = decisionWait;
      return this;
    }

    /** Decides at the time {@code clock} shows, e.g. a {@code ManualClock}. */
    public Builder clock(Clock clock) {
      this.clock = ArgumentChecks.requireNonNull("clock", clock);
      return this;
    }

    /**
     * The processor, ready to decide.
     *
     * @throws IllegalStateException if no policy was added (the Collector then samples nothing)
     */
    public TailSampling build() {
      if (policies.isEmpty()) {
        throw new IllegalStateException(
            "no policy: add at least one with policy(...); without policies the Collector samples"
                + " nothing");
      }
      return new TailSampling(policies, sampleOnFirstMatch, decisionWait, clock);
    }
  }
}
