package dev.spanproof.wiremock;

import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.annotation.CheckReturnValue;

/**
 * Entry point for assertions on the trace context of requests a WireMock server received. Works
 * with a {@code WireMockServer} and with WireMock's JUnit 5 {@code WireMockExtension}, both being
 * {@link Stubbing}.
 *
 * <pre>{@code
 * assertThatRequestsTo(inventory, "/inventory").eachCarriedTheContextOfItsClientSpan();
 * }</pre>
 */
public final class PropagationAssertions {

  private PropagationAssertions() {}

  /**
   * The requests {@code wireMock} received whose path (without query) is {@code path}, in the order
   * it received them. Inside a test these are the current test's requests: those whose trace the
   * test's capture session owns, so tests sharing a server can run in parallel; requests of no test
   * are listed apart in failure messages (see {@link AbstractReceivedRequestsAssert}).
   *
   * @throws IllegalArgumentException if {@code wireMock} or {@code path} is null
   */
  @CheckReturnValue
  public static ReceivedRequestsAssert assertThatRequestsTo(Stubbing wireMock, String path) {
    if (wireMock == null || path == null) {
      throw new IllegalArgumentException("wireMock and path must not be null");
    }
    List<ServeEvent> events = new ArrayList<>(wireMock.getAllServeEvents());
    // WireMock lists the newest first.
    List<LoggedRequest> requests = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0; i--) {
      LoggedRequest request = events.get(i).getRequest();
      if (WireMockRequests.path(request.getUrl()).equals(path)) {
        requests.add(request);
      }
    }
    return new ReceivedRequestsAssert(path, requests);
  }
}
