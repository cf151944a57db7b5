package dev.spanproof.wiremock;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * Assertions on the requests a WireMock server received for one path. Created by {@link
 * PropagationAssertions#assertThatRequestsTo}.
 */
public class ReceivedRequestsAssert extends AbstractReceivedRequestsAssert<ReceivedRequestsAssert> {

  /**
   * The received requests for {@code path}, of which the assertion keeps those of the current test
   * and of no test (see {@link AbstractReceivedRequestsAssert}).
   *
   * @param path the path the requests were selected by, for messages
   * @param requests every request received for {@code path}, in received order
   * @throws NullPointerException if {@code path} is null
   */
  public ReceivedRequestsAssert(String path, List<LoggedRequest> requests) {
    super(path, requests, ReceivedRequestsAssert.class);
  }
}
