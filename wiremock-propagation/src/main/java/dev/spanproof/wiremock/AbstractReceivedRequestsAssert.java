package dev.spanproof.wiremock;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.spanproof.core.propagation.TraceContextValidation;
import dev.spanproof.wiremock.ScopedRequests.Inspected;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * Base of {@link ReceivedRequestsAssert}: assertions on the trace context of the requests a
 * WireMock server received for one path. Failures open with one sentence, then show each offending
 * request with the expected and received header values and the problem.
 *
 * <p>Inside a test (a capture session is current), the requests are those of the current test: the
 * ones whose trace, as their headers carry it, the test's session owns. Requests of other tests are
 * left out, so tests that share a server can run in parallel. Requests of no test are listed apart
 * in failure messages and never counted. Of those, a request that carried no trace context a
 * receiver can continue may come from a broken client of this very test, so {@link
 * #eachCarriedTheContextOfItsClientSpan()} and {@link #eachMatches} check it too; a request whose
 * trace no open test started (say, of a test that has finished) is only listed. Outside a test,
 * every request counts.
 *
 * @param <SELF> the concrete assert type
 */
public abstract class AbstractReceivedRequestsAssert<
        SELF extends AbstractReceivedRequestsAssert<SELF>>
    extends AbstractAssert<SELF, List<LoggedRequest>> {

  private final String path;
  private final ScopedRequests scoped;

  /**
   * @param path the path the requests were selected by, for messages
   * @param requests every request the server received for {@code path}, in received order; the
   *     assertion keeps those of the current test and of no test
   * @param selfType the concrete assert type
   * @throws NullPointerException if {@code path} is null
   */
  protected AbstractReceivedRequestsAssert(
      String path, List<LoggedRequest> requests, Class<?> selfType) {
    this(path, ScopedRequests.forCurrentTest(requests), selfType);
  }

  private AbstractReceivedRequestsAssert(String path, ScopedRequests scoped, Class<?> selfType) {
    super(scoped == null ? null : scoped.requestsOfTest(), selfType);
    this.path = Objects.requireNonNull(path, "path must not be null");
    this.scoped = scoped;
  }

  /**
   * Verifies that exactly {@code expected} requests were received (inside a test: from the current
   * test; requests of no test are listed in the message but not counted).
   *
   * @return this assertion object
   */
  public SELF hasRequestCount(int expected) {
    isNotNull();
    if (actual.size() != expected) {
      StringBuilder message =
          new StringBuilder("Expecting ")
              .append(requests(expected))
              .append(" to ")
              .append(path)
              .append(fromTest())
              .append(", but it received ")
              .append(actual.size())
              .append(actual.isEmpty() ? "." : ":");
      for (LoggedRequest request : actual) {
        message.append("\n  ").append(WireMockRequests.describe(request));
      }
      appendRequestsOfNoTest(message, true);
      throw failureWithActualExpected(actual.size(), expected, "%s", message);
    }
    return myself;
  }

  /**
   * Verifies that every request carried a valid W3C {@code traceparent} naming a CLIENT span of the
   * test that owns the request's trace: same trace id, parent-id = the client span's id, and the
   * client span's sampled flag. A request of no test that carried no usable trace context fails
   * too. A request that fails is shown with the traceparent the next unclaimed CLIENT span of the
   * test would have sent.
   *
   * @return this assertion object
   */
  public SELF eachCarriedTheContextOfItsClientSpan() {
    isNotNull();
    String sentence =
        "Expecting every request to "
            + path
            + " to carry the context of the CLIENT span that sent it";
    List<Inspected> ofTest = scoped.ofTest();
    List<Inspected> ofNoTest = scoped.ofNoTestWithoutContext();
    if (ofTest.isEmpty() && ofNoTest.isEmpty()) {
      throw noRequest(sentence);
    }
    Set<String> claimed = new HashSet<>();
    List<Integer> failedIndexes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < ofTest.size(); i++) {
      Inspected request = ofTest.get(i);
      String problem =
          ClientSpanChecks.clientSpanProblem(
              ClientSpanChecks.traceContext(request), request.trace().owner(), claimed);
      if (problem != null) {
        failedIndexes.add(i);
        problems.add(problem);
      }
    }
    if (failedIndexes.isEmpty() && ofNoTest.isEmpty()) {
      return myself;
    }
    List<String> reasons = new ArrayList<>();
    if (!failedIndexes.isEmpty()) {
      reasons.add(failedIndexes.size() + " of " + requests(ofTest.size()) + " did not");
    }
    if (!ofNoTest.isEmpty()) {
      reasons.add(
          requests(ofNoTest.size())
              + (ofNoTest.size() == 1 ? " belongs" : " belong")
              + " to no test");
    }
    StringBuilder message =
        new StringBuilder(sentence)
            .append(", but ")
            .append(String.join(", and ", reasons))
            .append('.');
    List<String> expectedValues = new ArrayList<>();
    List<String> receivedValues = new ArrayList<>();
    for (int f = 0; f < failedIndexes.size(); f++) {
      int index = failedIndexes.get(f);
      Inspected request = ofTest.get(index);
      String heading = "Request " + (index + 1) + " of " + ofTest.size();
      appendClientSpanFailure(
          message,
          heading,
          request,
          ClientSpanChecks.expectedTraceparent(
              request.trace().owner(), claimed, ClientSpanChecks.traceContext(request)),
          problems.get(f),
          expectedValues,
          receivedValues);
    }
    for (Inspected request : ofNoTest) {
      TraceContextValidation validation = ClientSpanChecks.traceContext(request);
      appendClientSpanFailure(
          message,
          "Request of no test",
          request,
          ClientSpanChecks.expectedTraceparent(scoped.test(), claimed, validation),
          ClientSpanChecks.clientSpanProblem(validation, Optional.empty(), claimed),
          expectedValues,
          receivedValues);
    }
    throw failureWithActualExpected(
        String.join("\n", receivedValues), String.join("\n", expectedValues), "%s", message);
  }

  /**
   * Verifies that the sampled flag of every request's {@code traceparent} is the head-sampling
   * decision of the span that sent it: set when the sampler sampled it, clear when it only recorded
   * or dropped it. A span the sampler dropped is never recorded, so its requests (which belong to
   * no test by their trace) are checked against the current test's sampling decisions for that
   * trace.
   *
   * @return this assertion object
   */
  public SELF eachCarriedTheSampledFlagOfItsClientSpan() {
    isNotNull();
    String sentence =
        "Expecting every request to "
            + path
            + " to carry the sampled flag of the CLIENT span that sent it";
    List<Inspected> checked = new ArrayList<>(scoped.ofTest());
    for (Inspected request : scoped.ofNoTest()) {
      // A dropped trace has no recorded span to own it: the test's decisions claim it.
      String traceId = ClientSpanChecks.traceContext(request).traceId();
      if (!request.trace().hasContext()
          || SampledFlagChecks.decidedOnTrace(scoped.test(), traceId)) {
        checked.add(request);
      }
    }
    if (checked.isEmpty()) {
      throw noRequest(sentence);
    }
    StringBuilder details = new StringBuilder();
    List<String> expectedValues = new ArrayList<>();
    List<String> receivedValues = new ArrayList<>();
    int failed = 0;
    for (int i = 0; i < checked.size(); i++) {
      Inspected request = checked.get(i);
      SampledFlagChecks.Verdict verdict =
          SampledFlagChecks.check(
              ClientSpanChecks.traceContext(request), request.trace().owner().or(scoped::test));
      if (verdict.problem() != null) {
        failed++;
        String received = ClientSpanChecks.receivedTraceparent(request);
        expectedValues.add(verdict.expected());
        receivedValues.add(received);
        details
            .append("\nRequest ")
            .append(i + 1)
            .append(" of ")
            .append(checked.size())
            .append(": ")
            .append(WireMockRequests.describe(request.request()))
            .append("\n  expected sampled flag: ")
            .append(verdict.expected())
            .append("\n  received traceparent: ")
            .append(received)
            .append("\n  problem: ")
            .append(verdict.problem());
      }
    }
    if (failed == 0) {
      return myself;
    }
    throw failureWithActualExpected(
        String.join("\n", receivedValues),
        String.join("\n", expectedValues),
        "%s",
        sentence + ", but " + failed + " of " + requests(checked.size()) + " did not." + details);
  }

  /**
   * Verifies that every request matches {@code pattern}, evaluated as {@link TraceContextMatcher}
   * evaluates it for stubs; requests of no test that carried no usable trace context are checked
   * too and listed apart.
   *
   * @return this assertion object
   * @throws NullPointerException if {@code pattern} is null, at once, also in soft assertions
   */
  public SELF eachMatches(TraceContextPattern pattern) {
    Objects.requireNonNull(pattern, "pattern must not be null");
    isNotNull();
    String sentence = "Expecting every request to " + path + " to match " + pattern;
    List<Inspected> ofTest = scoped.ofTest();
    List<Inspected> ofNoTest = scoped.ofNoTestWithoutContext();
    if (ofTest.isEmpty() && ofNoTest.isEmpty()) {
      throw noRequest(sentence);
    }
    StringBuilder details = new StringBuilder();
    int failed = 0;
    for (int i = 0; i < ofTest.size(); i++) {
      if (appendMismatch(
          details, "Request " + (i + 1) + " of " + ofTest.size(), ofTest.get(i), pattern)) {
        failed++;
      }
    }
    int failedOfNoTest = 0;
    for (Inspected request : ofNoTest) {
      if (appendMismatch(details, "Request of no test", request, pattern)) {
        failedOfNoTest++;
      }
    }
    if (failed == 0 && failedOfNoTest == 0) {
      return myself;
    }
    List<String> reasons = new ArrayList<>();
    if (failed > 0) {
      reasons.add(failed + " of " + requests(ofTest.size()) + " did not");
    }
    if (failedOfNoTest > 0) {
      reasons.add(failedOfNoTest + " of " + requests(ofNoTest.size()) + " of no test did not");
    }
    throw failure("%s", sentence + ", but " + String.join(", and ", reasons) + "." + details);
  }

  /** The test received no request to check; the requests of no test show where they went. */
  private AssertionError noRequest(String sentence) {
    StringBuilder message =
        new StringBuilder(sentence)
            .append(", but ")
            .append(path)
            .append(" received no request")
            .append(fromTest())
            .append('.');
    appendRequestsOfNoTest(message, false);
    return failure("%s", message);
  }

  /** Lists the requests of no test, each with the reason, under a sentence saying how many. */
  private void appendRequestsOfNoTest(StringBuilder message, boolean notCounted) {
    List<Inspected> ofNoTest = scoped.ofNoTest();
    if (ofNoTest.isEmpty()) {
      return;
    }
    boolean one = ofNoTest.size() == 1;
    message
        .append('\n')
        .append(requests(ofNoTest.size()))
        .append(" to ")
        .append(path)
        .append(one ? " belongs" : " belong")
        .append(" to no test")
        .append(notCounted ? (one ? " and is not counted" : " and are not counted") : "")
        .append(':');
    for (Inspected request : ofNoTest) {
      message
          .append("\n  ")
          .append(WireMockRequests.describe(request.request()))
          .append(' ')
          .append(request.trace().noOwnerReason());
    }
  }

  /** Appends the request's failed conditions; returns whether it failed. */
  private static boolean appendMismatch(
      StringBuilder details, String heading, Inspected request, TraceContextPattern pattern) {
    TraceContextChecks.Evaluation evaluation =
        TraceContextChecks.evaluate(
            request.headers(), request.propagation(), pattern.getParameters());
    if (evaluation.isMatch()) {
      return false;
    }
    details
        .append('\n')
        .append(heading)
        .append(": ")
        .append(WireMockRequests.describe(request.request()));
    for (TraceContextChecks.Check check : evaluation.failures()) {
      details
          .append("\n  expected: ")
          .append(check.expected())
          .append("\n  received: ")
          .append(check.actual())
          .append("\n  problem: ")
          .append(check.problem());
    }
    return true;
  }

  private static void appendClientSpanFailure(
      StringBuilder message,
      String heading,
      Inspected request,
      String expected,
      String problem,
      List<String> expectedValues,
      List<String> receivedValues) {
    String received = ClientSpanChecks.receivedTraceparent(request);
    expectedValues.add(expected);
    receivedValues.add(received);
    message
        .append('\n')
        .append(heading)
        .append(": ")
        .append(WireMockRequests.describe(request.request()))
        .append("\n  expected traceparent: ")
        .append(expected)
        .append("\n  received traceparent: ")
        .append(received)
        .append("\n  problem: ")
        .append(problem);
  }

  /** " from test [X.m()]" inside a test, else nothing. */
  private String fromTest() {
    return scoped.test().map(session -> " from " + session.name()).orElse("");
  }

  private static String requests(int count) {
    return count + (count == 1 ? " request" : " requests");
  }
}
