package dev.spanproof.core.report;

import dev.spanproof.core.trace.Trace;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a report shows of one test: its name, its traces, and, when it failed, the failure message
 * and the spans the failure is about.
 *
 * <pre>{@code
 * TestReport report = TestReport.failed("test [OrderTest.declined]", session.traces(),
 *     error.getMessage(), Set.of(paymentSpanId));
 * Files.writeString(file, WaterfallReport.render(report));
 * }</pre>
 */
public final class TestReport {

  private final String testName;
  private final List<Trace> traces;
  private final Optional<String> failureMessage;
  private final Set<String> highlightedSpanIds;

  private TestReport(
      String testName,
      List<Trace> traces,
      Optional<String> failureMessage,
      Set<String> highlightedSpanIds) {
    this.testName = testName;
    this.traces = traces;
    this.failureMessage = failureMessage;
    this.highlightedSpanIds = highlightedSpanIds;
  }

  /**
   * A test that passed.
   *
   * @throws IllegalArgumentException if an argument is null or {@code traces} contains null
   */
  public static TestReport passed(String testName, List<Trace> traces) {
    return new TestReport(require(testName, "testName"), copy(traces), Optional.empty(), Set.of());
  }

  /**
   * A test that failed with {@code failureMessage}; the spans with {@code highlightedSpanIds} are
   * marked as the ones the failure is about (ids of spans not in {@code traces} are ignored).
   *
   * @throws IllegalArgumentException if an argument is null or a collection contains null
   */
  public static TestReport failed(
      String testName, List<Trace> traces, String failureMessage, Set<String> highlightedSpanIds) {
    require(highlightedSpanIds, "highlightedSpanIds");
    // contains(null) throws on immutable sets, so look for null by hand.
    if (highlightedSpanIds.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("highlightedSpanIds must not contain null");
    }
    return new TestReport(
        require(testName, "testName"),
        copy(traces),
        Optional.of(require(failureMessage, "failureMessage")),
        Set.copyOf(highlightedSpanIds));
  }

  /** The test's name as the report heads it, e.g. "test [OrderTest.processOrder()]". */
  public String testName() {
    return testName;
  }

  /** The test's traces, in the order they are drawn. */
  public List<Trace> traces() {
    return traces;
  }

  /** Whether the test passed. */
  public boolean passed() {
    return failureMessage.isEmpty();
  }

  /** Why the test failed; empty when it passed. */
  public Optional<String> failureMessage() {
    return failureMessage;
  }

  /** The ids of the spans the failure is about; empty when it passed. */
  public Set<String> highlightedSpanIds() {
    return highlightedSpanIds;
  }

  /** The number of spans over all traces. */
  public int spanCount() {
    return traces.stream().mapToInt(Trace::spanCount).sum();
  }

  /** From the first span's start to the last span's end, over all traces; zero without traces. */
  public Duration duration() {
    if (traces.isEmpty()) {
      return Duration.ZERO;
    }
    long start = traces.stream().mapToLong(Trace::startEpochNanos).min().orElseThrow();
    long end = traces.stream().mapToLong(Trace::endEpochNanos).max().orElseThrow();
    return Duration.ofNanos(Math.max(0, end - start));
  }

  private static <T> T require(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  private static List<Trace> copy(List<Trace> traces) {
    require(traces, "traces");
    if (traces.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("traces must not contain null");
    }
    return List.copyOf(traces);
  }
}
