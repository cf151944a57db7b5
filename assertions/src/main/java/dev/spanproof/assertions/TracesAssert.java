package dev.spanproof.assertions;

import static dev.spanproof.assertions.Arguments.requireNonNull;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.UnendedSpan;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.List;
import java.util.stream.Collectors;
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

  /** The one soft-assertion gate: false when the check must be skipped. */
  private boolean checks() {
    if (gate.skipsChecks()) {
      return false;
    }
    isNotNull();
    return true;
  }

  /**
   * Verifies how many traces there are.
   *
   * @param expected the expected number of traces
   * @return this assertion object
   */
  public TracesAssert hasTraceCount(int expected) {
    if (!checks()) {
      return myself;
    }
    if (actual.size() != expected) {
      throw failureWithActualExpected(
          actual.size(),
          expected,
          "%s",
          TraceMessages.shouldHaveTraceCount(
              source, expected, actual, unended(), Layout.defaultRenderer()));
    }
    return myself;
  }

  /**
   * Verifies that no span of the current test is still running (only for {@link
   * TraceAssertions#assertThatTraces()}; spans passed as a collection have all ended).
   *
   * @return this assertion object
   */
  public TracesAssert hasNoUnendedSpans() {
    if (!checks()) {
      return myself;
    }
    List<UnendedSpan> unended = unended();
    if (!unended.isEmpty()) {
      throw failureWithActualExpected(
          unended.size(),
          0,
          "%s",
          TraceMessages.shouldHaveNoUnendedSpans(
              source, unended, actual, Layout.defaultRenderer()));
    }
    return myself;
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
    try {
      return AssertFactory.traceAssert(uniqueTraceWithRoot(rootName), gate);
    } catch (AssertionError e) {
      return gate.navigationFailed(e, () -> AssertFactory.traceAssert(null, gate.unresolved()));
    }
  }

  private Trace uniqueTraceWithRoot(String rootName) {
    isNotNull();
    List<Trace> matching =
        actual.stream()
            .filter(trace -> trace.roots().stream().anyMatch(root -> root.name().equals(rootName)))
            .toList();
    if (matching.size() != 1) {
      String roots =
          actual.stream()
              .flatMap(trace -> trace.roots().stream())
              .map(SpanNode::name)
              .distinct()
              .collect(Collectors.joining(", ", "[", "]"));
      throw failureWithActualExpected(
          matching.size(),
          1,
          "%s",
          Layout.expecting(
                  source,
                  "have exactly one trace with the root",
                  "span [" + rootName + "]",
                  "found " + matching.size() + "; the roots are " + roots)
              + "\n\n"
              + Layout.defaultRenderer().render(actual));
    }
    return matching.get(0);
  }

  private List<UnendedSpan> unended() {
    return session == null ? List.of() : session.unendedSpans();
  }

  /** Soft failures start on a line of their own, below AssertJ's "-- failure 1 --". */
  @Override
  protected AssertionError failureWithActualExpected(
      Object actualValue, Object expectedValue, String format, Object... arguments) {
    return super.failureWithActualExpected(
        actualValue, expectedValue, Layout.startingOwnLineIfSoft(format, gate.isSoft()), arguments);
  }

  /** Soft failures start on a line of their own, below AssertJ's "-- failure 1 --". */
  @Override
  protected AssertionError failure(String format, Object... arguments) {
    return super.failure(Layout.startingOwnLineIfSoft(format, gate.isSoft()), arguments);
  }
}
