package dev.spanproof.wiremock;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.propagation.PropagationHeaders;
import dev.spanproof.core.propagation.PropagationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requests a server received, split by the test their trace belongs to: those of the current
 * test, and those of no test. Requests of other tests are left out, so tests that share a server
 * and run in parallel each see only their own. Outside a test (no capture session current) nothing
 * is split: every request counts. Each request's headers are validated once, here.
 */
final class ScopedRequests {

  /** One request with its headers validated and its trace's owner found. */
  record Inspected(
      LoggedRequest request,
      Map<String, List<String>> headers,
      PropagationReport propagation,
      RequestTrace trace) {

    static Inspected of(LoggedRequest request) {
      Map<String, List<String>> headers = WireMockRequests.headers(request);
      PropagationReport propagation = PropagationHeaders.inspect(headers);
      return new Inspected(request, headers, propagation, RequestTrace.of(headers, propagation));
    }
  }

  private final Optional<CaptureSession> test;
  private final List<Inspected> ofTest;
  private final List<Inspected> ofNoTest;

  private ScopedRequests(
      Optional<CaptureSession> test, List<Inspected> ofTest, List<Inspected> ofNoTest) {
    this.test = test;
    this.ofTest = List.copyOf(ofTest);
    this.ofNoTest = List.copyOf(ofNoTest);
  }

  /** Splits {@code requests} for the test current on this thread; null stays null. */
  static ScopedRequests forCurrentTest(List<LoggedRequest> requests) {
    if (requests == null) {
      return null;
    }
    Optional<CaptureSession> test = CaptureSession.current();
    List<Inspected> ofTest = new ArrayList<>();
    List<Inspected> ofNoTest = new ArrayList<>();
    for (LoggedRequest request : requests) {
      Inspected inspected = Inspected.of(request);
      Optional<CaptureSession> owner = inspected.trace().owner();
      if (test.isEmpty() || owner.equals(test)) {
        ofTest.add(inspected);
      } else if (owner.isEmpty()) {
        ofNoTest.add(inspected);
      }
    }
    return new ScopedRequests(test, ofTest, ofNoTest);
  }

  /** The test the requests were split for; empty outside a test. */
  Optional<CaptureSession> test() {
    return test;
  }

  /** The current test's requests (outside a test: all of them), in received order. */
  List<Inspected> ofTest() {
    return ofTest;
  }

  /** The requests whose trace no open test owns, in received order; empty outside a test. */
  List<Inspected> ofNoTest() {
    return ofNoTest;
  }

  /**
   * The requests of no test that carried no trace context a receiver can continue: a broken client
   * of some test sent them, maybe this one's, so the checks of each request fail them.
   */
  List<Inspected> ofNoTestWithoutContext() {
    return ofNoTest.stream().filter(request -> !request.trace().hasContext()).toList();
  }

  /** The current test's requests as WireMock logged them. */
  List<LoggedRequest> requestsOfTest() {
    return ofTest.stream().map(Inspected::request).toList();
  }
}
