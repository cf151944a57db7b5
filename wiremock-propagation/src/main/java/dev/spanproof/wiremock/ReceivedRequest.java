package dev.spanproof.wiremock;

import dev.spanproof.core.propagation.PropagationReport;
import io.opentelemetry.api.trace.SpanContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request a {@link TracingStubListener} saw: its trace-context headers as validated by the
 * core, the stubbed service it was served as, and the SERVER span recorded for it, or why none was
 * recorded.
 */
public final class ReceivedRequest {

  private final String method;
  private final String url;
  private final Map<String, List<String>> headers;
  private final PropagationReport propagation;
  private final String serviceName;
  private final String testName;
  private final SpanContext serverSpan;
  private final String unownedReason;

  private ReceivedRequest(
      String method,
      String url,
      Map<String, List<String>> headers,
      PropagationReport propagation,
      String serviceName,
      String testName,
      SpanContext serverSpan,
      String unownedReason) {
    this.method = method;
    this.url = url;
    this.headers = headers;
    this.propagation = propagation;
    this.serviceName = serviceName;
    this.testName = testName;
    this.serverSpan = serverSpan;
    this.unownedReason = unownedReason;
  }

  static ReceivedRequest owned(
      String method,
      String url,
      Map<String, List<String>> headers,
      PropagationReport propagation,
      String serviceName,
      String testName,
      SpanContext serverSpan) {
    return new ReceivedRequest(
        method, url, headers, propagation, serviceName, testName, serverSpan, null);
  }

  static ReceivedRequest unowned(
      String method,
      String url,
      Map<String, List<String>> headers,
      PropagationReport propagation,
      String serviceName,
      String reason) {
    return new ReceivedRequest(method, url, headers, propagation, serviceName, null, null, reason);
  }

  /** The HTTP method, e.g. {@code GET}. */
  public String method() {
    return method;
  }

  /** The URL as received: path and query. */
  public String url() {
    return url;
  }

  /** Every header as received, names in received case, each with all its values. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The core's validation of every trace-context format and the baggage the request carried. */
  public PropagationReport propagation() {
    return propagation;
  }

  /** The {@code service.name} the stub was served as. */
  public String serviceName() {
    return serviceName;
  }

  /** Whether a test owned the request's trace, so that a SERVER span was recorded into it. */
  public boolean isOwned() {
    return unownedReason == null;
  }

  /** The capture session (test) the SERVER span was recorded into; empty when not owned. */
  public Optional<String> testName() {
    return Optional.ofNullable(testName);
  }

  /** The SERVER span recorded for the request; empty when not owned. */
  public Optional<SpanContext> serverSpan() {
    return Optional.ofNullable(serverSpan);
  }

  /** One line: the request, and where its span went or why it went nowhere. */
  public String describe() {
    String request = method + " " + url + " (as " + serviceName + ")";
    if (unownedReason != null) {
      return request + " " + unownedReason;
    }
    return request + " recorded span " + serverSpan.getSpanId() + " into [" + testName + "]";
  }

  @Override
  public String toString() {
    return "ReceivedRequest[" + describe() + "]";
  }
}
