package dev.spanproof.assertions;

import static dev.spanproof.assertions.Arguments.requireNonNull;

import dev.spanproof.core.sampling.SamplingRecord;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on head-sampling decisions, dropped spans included; obtain it with {@link
 * TraceAssertions#assertThatSamplingDecisions()} for the current test's.
 *
 * <pre>{@code
 * assertThatSamplingDecisions()
 *     .spanWasDropped("healthCheck")
 *     .spanWasSampled("processOrder")
 *     .everyChildFollowedItsParent()
 *     .everyRemoteParentWasHonoured();
 * }</pre>
 *
 * <p>A sampler decides before a span has an id, so decisions are named by span name. Dropped spans
 * have no trace to draw: failures list the decisions in order, marking the ones they are about.
 */
public class SamplingDecisionsAssert
    extends AbstractAssert<SamplingDecisionsAssert, List<SamplingRecord>> {

  private String source = "the given decisions";
  private SoftGate gate = SoftGate.HARD;

  /**
   * Creates an assert on {@code actual}.
   *
   * @param actual the decisions, in the order they were made; may be null (every assertion then
   *     fails)
   */
  public SamplingDecisionsAssert(List<SamplingRecord> actual) {
    super(actual, SamplingDecisionsAssert.class);
  }

  SamplingDecisionsAssert describedAsSource(String description) {
    this.source = description;
    return this;
  }

  /** Sets how this assert reports. */
  void attach(SoftGate softGate) {
    this.gate = softGate;
  }

  /**
   * Verifies the sampler decided {@code expected} for every span named {@code spanName} (at least
   * one).
   *
   * @param spanName the span's name
   * @param expected the decision, e.g. {@code SamplingDecision.DROP}
   * @return this assertion object
   */
  public SamplingDecisionsAssert hasDecision(String spanName, SamplingDecision expected) {
    requireNonNull(spanName, "hasDecision(String spanName, SamplingDecision expected)", "spanName");
    requireNonNull(expected, "hasDecision(String spanName, SamplingDecision expected)", "expected");
    return check(decisions -> DecisionChecks.hasDecision(decisions, source, spanName, expected));
  }

  /**
   * Verifies the sampler dropped every span named {@code spanName} ({@code DROP}): it was never
   * recorded, nor exported.
   *
   * @param spanName the span's name
   * @return this assertion object
   */
  public SamplingDecisionsAssert spanWasDropped(String spanName) {
    requireNonNull(spanName, "spanWasDropped(String spanName)", "spanName");
    return check(
        decisions ->
            DecisionChecks.hasDecision(decisions, source, spanName, SamplingDecision.DROP));
  }

  /**
   * Verifies the sampler recorded every span named {@code spanName} without sampling it ({@code
   * RECORD_ONLY}).
   *
   * @param spanName the span's name
   * @return this assertion object
   */
  public SamplingDecisionsAssert spanWasRecordedOnly(String spanName) {
    requireNonNull(spanName, "spanWasRecordedOnly(String spanName)", "spanName");
    return check(
        decisions ->
            DecisionChecks.hasDecision(decisions, source, spanName, SamplingDecision.RECORD_ONLY));
  }

  /**
   * Verifies the sampler sampled every span named {@code spanName} ({@code RECORD_AND_SAMPLE}).
   *
   * @param spanName the span's name
   * @return this assertion object
   */
  public SamplingDecisionsAssert spanWasSampled(String spanName) {
    requireNonNull(spanName, "spanWasSampled(String spanName)", "spanName");
    return check(
        decisions ->
            DecisionChecks.hasDecision(
                decisions, source, spanName, SamplingDecision.RECORD_AND_SAMPLE));
  }

  /**
   * Verifies that every span with a local parent was sampled exactly when its parent was, as {@code
   * Sampler.parentBased(..)} decides by default; fails if there is no such span.
   *
   * @return this assertion object
   */
  public SamplingDecisionsAssert everyChildFollowedItsParent() {
    return check(decisions -> DecisionChecks.followParents(decisions, source, false));
  }

  /**
   * Verifies that every span with a remote parent (extracted from incoming headers) was sampled
   * exactly when the caller's sampled flag was set: a caller's "not sampled" was honoured, not
   * overridden. Fails if there is no such span.
   *
   * @return this assertion object
   */
  public SamplingDecisionsAssert everyRemoteParentWasHonoured() {
    return check(decisions -> DecisionChecks.followParents(decisions, source, true));
  }

  /**
   * Verifies the share of traces sampled (decisions for spans without a parent) is {@code
   * expectedShare}, within {@code standardDeviations} standard deviations of the binomial count:
   * for n traces each kept with probability p, the count kept has mean {@code n·p} and standard
   * deviation {@code sqrt(n·p·(1−p))}. E.g. 10,000 traces through {@code
   * Sampler.traceIdRatioBased(0.25)} with 4 standard deviations: 2,327 to 2,673 kept. With a seeded
   * id generator ({@code TracingHarness.builder().idGenerator(..)}) the result is the same on every
   * run.
   *
   * @param expectedShare p, between 0 and 1
   * @param standardDeviations k, greater than 0; 4 lets a correct sampler fail about once in 16,000
   *     unseeded runs
   * @return this assertion object
   * @throws IllegalArgumentException if {@code expectedShare} is not in [0, 1] or {@code
   *     standardDeviations} is not positive
   */
  public SamplingDecisionsAssert hasSampledTraceShare(
      double expectedShare, double standardDeviations) {
    if (!(expectedShare >= 0 && expectedShare <= 1)) {
      throw new IllegalArgumentException(
          "hasSampledTraceShare(double expectedShare, double standardDeviations): expectedShare"
              + " must be between 0 and 1, but got "
              + expectedShare);
    }
    if (!(standardDeviations > 0) || Double.isInfinite(standardDeviations)) {
      throw new IllegalArgumentException(
          "hasSampledTraceShare(double expectedShare, double standardDeviations):"
              + " standardDeviations must be positive and finite, but got "
              + standardDeviations);
    }
    return check(
        decisions ->
            DecisionChecks.hasSampledTraceShare(
                decisions, source, expectedShare, standardDeviations));
  }

  /** Runs {@code check} on the decisions unless the gate skips it; throws what it finds wrong. */
  private SamplingDecisionsAssert check(Function<List<SamplingRecord>, Optional<Failure>> check) {
    if (gate.skipsChecks()) {
      return myself;
    }
    isNotNull();
    Optional<Failure> failure = check.apply(actual);
    if (failure.isPresent()) {
      Failure found = failure.get();
      if (found.actual() == null && found.expected() == null) {
        throw failure("%s", found.message());
      }
      throw failureWithActualExpected(found.actual(), found.expected(), "%s", found.message());
    }
    return myself;
  }

  /** Soft failures start on a line of their own, below AssertJ's "-- failure 1 --". */
  @Override
  protected AssertionError failureWithActualExpected(
      Object actualValue, Object expectedValue, String format, Object... arguments) {
    return super.failureWithActualExpected(
        actualValue, expectedValue, gate.messageFormat(format), arguments);
  }

  /** Soft failures start on a line of their own, below AssertJ's "-- failure 1 --". */
  @Override
  protected AssertionError failure(String format, Object... arguments) {
    return super.failure(gate.messageFormat(format), arguments);
  }
}
