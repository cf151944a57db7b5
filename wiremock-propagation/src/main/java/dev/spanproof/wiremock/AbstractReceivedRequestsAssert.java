package dev.spanproof.wiremock;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.propagation.TraceContext;
import dev.spanproof.core.propagation.TraceContextValidation;
import dev.spanproof.wiremock.TestSpans.SpanRef;
import io.opentelemetry.api.trace.SpanKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * Base of {@link ReceivedRequestsAssert}: assertions on the trace context of the requests a
 * WireMock server received for one path. Failures open with one sentence, then show each offending
 * request with the expected and received header values and the problem.
 *
 * @param <SELF> the concrete assert type
 */
public abstract class AbstractReceivedRequestsAssert<
        SELF extends AbstractReceivedRequestsAssert<SELF>>
    extends AbstractAssert<SELF, List<LoggedRequest>> {

  private final String path;

  /**
   * @param path the path the requests were selected by, for messages
   * @param requests the requests, in received order
   * @param selfType the concrete assert type
   */
  protected AbstractReceivedRequestsAssert(
      String path, List<LoggedRequest> requests, Class<?> selfType) {
    super(List.copyOf(requests), selfType);
    this.path = path;
  }

  /**
   * Verifies that exactly {@code expected} requests were received.
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
              .append(", but it received ")
              .append(actual.size())
              .append(actual.isEmpty() ? "." : ":");
      for (LoggedRequest request : actual) {
        message.append("\n  ").append(WireMockRequests.describe(request));
      }
      throw failureWithActualExpected(actual.size(), expected, "%s", message);
    }
    return myself;
  }

  /**
   * Verifies that every request carried a valid W3C {@code traceparent} naming a CLIENT span of the
   * test (the one that owns the request's trace, else the current one): same trace id, parent-id =
   * the client span's id, and the client span's sampled flag. A request that fails is shown with
   * the traceparent the next unclaimed CLIENT span of the test would have sent.
   *
   * @return this assertion object
   */
  public SELF eachCarriedTheContextOfItsClientSpan() {
    isNotNull();
    String sentence =
        "Expecting every request to "
            + path
            + " to carry the context of the CLIENT span that sent it";
    if (actual.isEmpty()) {
      throw failure("%s", sentence + ", but " + path + " received no request.");
    }
    Set<String> claimed = new HashSet<>();
    List<Integer> failedIndexes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<TraceContextValidation> validations = new ArrayList<>();
    List<Optional<CaptureSession>> sessions = new ArrayList<>();
    for (LoggedRequest request : actual) {
      Map<String, List<String>> headers = WireMockRequests.headers(request);
      TraceContextValidation validation = TraceContext.validate(headers);
      Optional<CaptureSession> session = TestSpans.sessionFor(validation.traceId());
      validations.add(validation);
      sessions.add(session);
      String problem = clientSpanProblem(validation, session, claimed);
      if (problem != null) {
        failedIndexes.add(validations.size() - 1);
        problems.add(problem);
      }
    }
    if (failedIndexes.isEmpty()) {
      return myself;
    }
    StringBuilder message =
        new StringBuilder(sentence)
            .append(", but ")
            .append(failedIndexes.size())
            .append(" of ")
            .append(requests(actual.size()))
            .append(" did not.");
    List<String> expectedValues = new ArrayList<>();
    List<String> receivedValues = new ArrayList<>();
    for (int f = 0; f < failedIndexes.size(); f++) {
      int index = failedIndexes.get(f);
      LoggedRequest request = actual.get(index);
      Optional<CaptureSession> session = sessions.get(index);
      String expected = expectedTraceparent(session, claimed, validations.get(index));
      String received = receivedTraceparent(WireMockRequests.headers(request));
      expectedValues.add(expected);
      receivedValues.add(received);
      message
          .append("\nRequest ")
          .append(index + 1)
          .append(" of ")
          .append(actual.size())
          .append(": ")
          .append(WireMockRequests.describe(request))
          .append("\n  expected traceparent: ")
          .append(expected)
          .append("\n  received traceparent: ")
          .append(received)
          .append("\n  problem: ")
          .append(problems.get(f));
    }
    throw failureWithActualExpected(
        String.join("\n", receivedValues), String.join("\n", expectedValues), "%s", message);
  }

  /**
   * Verifies that every request matches {@code pattern}, evaluated as {@link TraceContextMatcher}
   * evaluates it for stubs.
   *
   * @return this assertion object
   * @throws IllegalArgumentException if {@code pattern} is null
   */
  public SELF eachMatches(TraceContextPattern pattern) {
    isNotNull();
    if (pattern == null) {
      throw new IllegalArgumentException("pattern must not be null");
    }
    String sentence = "Expecting every request to " + path + " to match " + pattern;
    if (actual.isEmpty()) {
      throw failure("%s", sentence + ", but " + path + " received no request.");
    }
    StringBuilder details = new StringBuilder();
    int failed = 0;
    for (int i = 0; i < actual.size(); i++) {
      LoggedRequest request = actual.get(i);
      TraceContextChecks.Evaluation evaluation =
          TraceContextChecks.evaluate(WireMockRequests.headers(request), pattern.getParameters());
      if (evaluation.isMatch()) {
        continue;
      }
      failed++;
      details
          .append("\nRequest ")
          .append(i + 1)
          .append(" of ")
          .append(actual.size())
          .append(": ")
          .append(WireMockRequests.describe(request));
      for (TraceContextChecks.Check check : evaluation.failures()) {
        details
            .append("\n  expected: ")
            .append(check.expected())
            .append("\n  received: ")
            .append(check.actual())
            .append("\n  problem: ")
            .append(check.problem());
      }
    }
    if (failed > 0) {
      throw failure(
          "%s",
          sentence + ", but " + failed + " of " + requests(actual.size()) + " did not." + details);
    }
    return myself;
  }

  private static String clientSpanProblem(
      TraceContextValidation validation, Optional<CaptureSession> session, Set<String> claimed) {
    if (!validation.isValid()) {
      return String.join("; ", validation.problems());
    }
    if (session.isEmpty()) {
      return "no open test session owns trace " + validation.traceId() + " and none is current";
    }
    List<SpanRef> spans = TestSpans.of(session.get());
    Optional<SpanRef> parent = TestSpans.withSpanId(spans, null, validation.parentId());
    if (parent.isEmpty()) {
      return "traceparent: parent-id "
          + validation.parentId()
          + " is no span of test ["
          + session.get().name()
          + "]";
    }
    SpanRef span = parent.get();
    if (!span.context().getTraceId().equals(validation.traceId())) {
      return "traceparent: trace-id "
          + validation.traceId()
          + " is not the trace "
          + span.context().getTraceId()
          + " of its parent "
          + span.describe();
    }
    if (span.kind() != SpanKind.CLIENT) {
      return "traceparent: parent-id "
          + validation.parentId()
          + " is "
          + span.describe()
          + ", not a CLIENT span";
    }
    if (span.context().isSampled() != validation.isSampled()) {
      return "traceparent: the sampled flag is "
          + (validation.isSampled() ? "set" : "clear")
          + ", but "
          + span.describe()
          + " is "
          + (span.context().isSampled() ? "sampled" : "not sampled");
    }
    claimed.add(span.context().getSpanId());
    return null;
  }

  /** The traceparent of the first CLIENT span of the test not yet claimed by a request. */
  private static String expectedTraceparent(
      Optional<CaptureSession> session, Set<String> claimed, TraceContextValidation validation) {
    if (session.isEmpty()) {
      return "(unknown: no open test session owns trace "
          + validation.traceId()
          + " and none is current)";
    }
    for (SpanRef span : TestSpans.of(session.get())) {
      if (span.kind() == SpanKind.CLIENT && claimed.add(span.context().getSpanId())) {
        return span.traceparent() + " (" + span.describe() + ")";
      }
    }
    return "(unknown: test [" + session.get().name() + "] has no other CLIENT span)";
  }

  private static String receivedTraceparent(Map<String, List<String>> headers) {
    List<String> values = WireMockRequests.values(headers, "traceparent");
    return values.isEmpty() ? "(none)" : String.join(" | ", values);
  }

  private static String requests(int count) {
    return count + (count == 1 ? " request" : " requests");
  }
}
