package dev.spanproof.assertions;

import static dev.spanproof.assertions.Arguments.requireNonNull;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.UnendedSpan;
import dev.spanproof.core.lint.TraceLint;
import dev.spanproof.core.sampling.TailSampling;
import dev.spanproof.core.trace.Trace;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on all the traces a test (or a collection of spans) holds; obtain it with {@link
 * TraceAssertions#assertThatTraces()}. Failures draw every trace.
 */
public class TracesAssert extends AbstractAssert<TracesAssert, List<Trace>> {

  private String source = "the traces";
  private CaptureSession session;
  private SoftGate gate = SoftGate.HARD;

  /**
   * Creates an assert on {@code actual}.
   *
   * @param actual the traces, may be null (every assertion then fails)
   */
  public TracesAssert(List<Trace> actual) {
    super(actual, TracesAssert.class);
    // Spans and traces read well in spanproof's messages without registering globally.
    info.useRepresentation(SpanRepresentation.SPAN_REPRESENTATION);
  }

  TracesAssert describedAsSource(String description, CaptureSession capture) {
    this.source = description;
    this.session = capture;
    return this;
  }

  /** Sets how this assert reports. */
  void attach(SoftGate softGate) {
    this.gate = softGate;
  }

  /**
   * Verifies how many traces there are.
   *
   * @param expected the expected number of traces
   * @return this assertion object
   */
  public TracesAssert hasTraceCount(int expected) {
    return check(
        traces -> TraceSetChecks.hasTraceCount(traces, source, unended(), session, expected));
  }

  /**
   * Verifies that no span of the current test is still running (only for {@link
   * TraceAssertions#assertThatTraces()}; spans passed as a collection have all ended).
   *
   * @return this assertion object
   */
  public TracesAssert hasNoUnendedSpans() {
    return check(traces -> TraceSetChecks.hasNoUnendedSpans(traces, source, unended()));
  }

  /**
   * Verifies the traces, checked together, pass {@linkplain AbstractTraceAssert#passesLint() trace
   * lint} with every rule at its default level. Together, the rules see across traces: a {@code
   * SERVER} span that starts a trace while a {@code CLIENT} span of another trace waits for it is a
   * call whose context was lost. Fails on violations, listing every finding and drawing every
   * trace.
   *
   * @return this assertion object
   */
  public TracesAssert passesLint() {
    return check(traces -> LintChecks.passesLint(traces, source, TraceLint.defaults()));
  }

  /**
   * Like {@link #passesLint()}, with the rules, levels and limits of {@code lint}, e.g. {@code
   * passesLint(TraceLint.defaults().expectingOneTrace())} to fail when work started a trace of its
   * own because the context did not reach it.
   *
   * @param lint the lint configuration, starting from {@link TraceLint#defaults()}
   * @return this assertion object
   */
  public TracesAssert passesLint(TraceLint lint) {
    requireNonNull(lint, "passesLint(TraceLint lint)", "lint");
    return check(traces -> LintChecks.passesLint(traces, source, lint));
  }

  /**
   * Navigates to the unique trace whose single root is named {@code rootName}.
   *
   * @param rootName the root span's name
   * @return an assert on that trace
   */
  @CheckReturnValue
  public TraceAssert traceWithRoot(String rootName) {
    requireNonNull(rootName, "traceWithRoot(String rootName)", "rootName");
    if (gate.skipsChecks()) {
      return AssertFactory.traceAssert(null, gate);
    }
    isNotNull();
    Lookup<Trace> found = TraceSetChecks.traceWithRoot(actual, source, rootName);
    if (found.isFound()) {
      AssertedSpans.ofCurrentSession().touch(found.found().roots());
      return AssertFactory.traceAssert(found.found(), gate);
    }
    return gate.navigationFailed(
        failure(found.failure()), () -> AssertFactory.traceAssert(null, gate.unresolved()));
  }

  /**
   * Decides every trace, in order, with the Collector's tail sampling configured as {@code
   * tailSampling}, for assertions over the whole suite: which traces it must keep, which it must
   * not, and about what share of the rest it keeps.
   *
   * @param tailSampling the processor, e.g. {@code TailSampling.fromCollectorYaml(config)}
   * @return an assert on the decisions
   */
  @CheckReturnValue
  public TailSampledTracesAssert whenTailSampledBy(TailSampling tailSampling) {
    requireNonNull(tailSampling, "whenTailSampledBy(TailSampling tailSampling)", "tailSampling");
    return new TailSampledTracesAssert(actual, tailSampling, gate);
  }

  /** Runs {@code check} on the traces unless the gate skips it; throws what it finds wrong. */
  private TracesAssert check(Function<List<Trace>, Optional<Failure>> check) {
    if (gate.skipsChecks()) {
      return myself;
    }
    isNotNull();
    Optional<Failure> failure = check.apply(actual);
    if (failure.isPresent()) {
      throw failure(failure.get());
    }
    return myself;
  }

  private AssertionError failure(Failure failure) {
    return failureWithActualExpected(failure.actual(), failure.expected(), "%s", failure.message());
  }

  private List<UnendedSpan> unended() {
    return session == null ? List.of() : session.unendedSpans();
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
