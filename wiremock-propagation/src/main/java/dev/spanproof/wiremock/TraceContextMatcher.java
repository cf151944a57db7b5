package dev.spanproof.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;

/**
 * A named WireMock request matcher for trace context, configured per stub or per {@code
 * verify(...)} with a {@link TraceContextPattern}. Register it once per server by instance: {@code
 * options().extensions(new TraceContextMatcher())}.
 *
 * <p>It returns graded results: the distance is the share of the pattern's conditions the request
 * fails, and each failed condition carries the expected and received header values and a sentence
 * naming the problem, so WireMock's near misses and verification diffs explain a mismatch. The
 * matcher holds no state.
 */
public final class TraceContextMatcher extends RequestMatcherExtension {

  /** The name patterns refer to. */
  public static final String NAME = "spanproof-trace-context";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public MatchResult match(Request request, Parameters parameters) {
    return TraceContextChecks.evaluate(
            WireMockRequests.headers(request), parameters == null ? new Parameters() : parameters)
        .toMatchResult();
  }
}
