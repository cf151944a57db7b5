package dev.spanproof.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.SubEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.Propagation;
import dev.spanproof.core.internal.OpenHarnesses;
import dev.spanproof.core.propagation.PropagationHeaders;
import dev.spanproof.core.propagation.PropagationReport;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A WireMock {@link ServeEventListener} that makes a stub behave like a traced downstream service.
 * For every request it serves it validates the trace-context headers with the core validators and
 * records a SERVER span as the stubbed service into the harness of the test that started the
 * request's trace:
 *
 * <ul>
 *   <li>parented by the incoming remote context, as OpenTelemetry's W3C, B3 and Jaeger propagators
 *       extract it (so a span appears where a real OpenTelemetry service would put it, even when
 *       the strict validation finds problems);
 *   <li>with HTTP server semantic-convention attributes and {@code service.name} set per stub;
 *   <li>with status ERROR for a 5xx response, and an error event for a WireMock fault;
 *   <li>starting when WireMock has its response ready and lasting exactly the delay WireMock adds
 *       (the stub's fixed delay plus any random delay; 0 without one), so durations are exact.
 * </ul>
 *
 * <p>A request whose trace no open test owns (no trace context, or a context no test started) gets
 * no span; it is kept in {@link #unownedRequests()} and marked with a WARNING sub-event in
 * WireMock's request journal, never silently dropped.
 *
 * <pre>{@code
 * TracingStubListener tracing = TracingStubListener.create();
 * WireMockServer inventory = new WireMockServer(options().dynamicPort().extensions(tracing));
 * inventory.stubFor(get("/inventory")
 *     .withServeEventListener(TracingStubListener.NAME, TracingStubListener.service("inventory-service"))
 *     .willReturn(ok().withFixedDelay(20)));
 * }</pre>
 *
 * <p>The listener holds only the requests it saw; use one instance per WireMock server.
 */
public final class TracingStubListener implements ServeEventListener {

  /** The name stubs opt in with: {@code withServeEventListener(NAME, service("…"))}. */
  public static final String NAME = "spanproof-tracing";

  /** The instrumentation scope of the recorded SERVER spans. */
  public static final String INSTRUMENTATION_SCOPE = "spanproof-wiremock";

  /** The {@code service.name} of a stub that opts in without naming its service. */
  public static final String DEFAULT_SERVICE_NAME = "wiremock";

  /** The event a WireMock fault adds to the SERVER span. */
  public static final String FAULT_EVENT = "wiremock.fault";

  /** The event each trace-context problem adds to the SERVER span. */
  public static final String PROPAGATION_PROBLEM_EVENT = "spanproof.propagation.problem";

  static final AttributeKey<String> PROBLEM = AttributeKey.stringKey("spanproof.problem");

  private static final String SERVICE_PARAMETER = "service";

  private static final TextMapPropagator EXTRACTOR =
      TextMapPropagator.composite(
          Propagation.W3C_BAGGAGE.propagator(),
          Propagation.JAEGER.propagator(),
          Propagation.B3_MULTI.propagator(),
          // Last, so that W3C wins when a request carries several formats.
          Propagation.W3C_TRACE_CONTEXT.propagator());

  private final boolean allStubs;
  private final String allStubsService;
  private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();

  private TracingStubListener(boolean allStubs, String allStubsService) {
    this.allStubs = allStubs;
    this.allStubsService = allStubsService;
  }

  /**
   * A listener for stubs that opt in by {@link #NAME}, each naming its service with {@link
   * #service}.
   */
  public static TracingStubListener create() {
    return new TracingStubListener(false, null);
  }

  /**
   * A listener for every request the server receives, matched or not, all served as {@code
   * serviceName}. Stubs then need not (and cannot) opt in by name.
   *
   * @throws IllegalArgumentException if {@code serviceName} is null or blank
   */
  public static TracingStubListener forAllStubs(String serviceName) {
    return new TracingStubListener(true, requireServiceName(serviceName));
  }

  /**
   * The per-stub parameters that name the stubbed service: {@code
   * withServeEventListener(TracingStubListener.NAME,
   * TracingStubListener.service("inventory-service"))}.
   *
   * @throws IllegalArgumentException if {@code serviceName} is null or blank
   */
  public static Parameters service(String serviceName) {
    return Parameters.one(SERVICE_PARAMETER, requireServiceName(serviceName));
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return allStubs;
  }

  /**
   * Validates the request and records its SERVER span. Runs before WireMock applies the delay and
   * sends the response, so the span has ended by the time the client sees the response.
   */
  @Override
  public void beforeResponseSent(ServeEvent serveEvent, Parameters parameters) {
    String serviceName = allStubs ? allStubsService : serviceName(parameters);
    ReceivedRequest request = record(serveEvent, serviceName);
    received.add(request);
    if (!request.isOwned()) {
      serveEvent.appendSubEvent(SubEvent.warning("spanproof: " + request.describe()));
    }
  }

  /** Every request this listener saw, in the order WireMock served them. */
  public List<ReceivedRequest> receivedRequests() {
    return List.copyOf(received);
  }

  /** The requests whose trace no open test owned, so that no SERVER span was recorded. */
  public List<ReceivedRequest> unownedRequests() {
    return received.stream().filter(request -> !request.isOwned()).toList();
  }

  /** Forgets the requests seen so far, e.g. between tests sharing a server. */
  public void reset() {
    received.clear();
  }

  private static ReceivedRequest record(ServeEvent serveEvent, String serviceName) {
    LoggedRequest request = serveEvent.getRequest();
    Map<String, List<String>> headers = WireMockRequests.headers(request);
    PropagationReport propagation = PropagationHeaders.inspect(headers);
    Context remote = EXTRACTOR.extract(Context.root(), headers, HeaderGetter.INSTANCE);
    SpanContext parent = Span.fromContext(remote).getSpanContext();
    String method = request.getMethod().getName();
    if (!parent.isValid()) {
      return ReceivedRequest.unowned(
          method,
          request.getUrl(),
          headers,
          propagation,
          serviceName,
          propagation.formats().isEmpty()
              ? "carried no trace-context header, so no test owns it"
              : "carried no trace context a receiver can continue, so no test owns it"
                  + problemsSuffix(propagation));
    }
    Optional<CaptureSession> owner = OpenHarnesses.findSessionOwningTrace(parent.getTraceId());
    if (owner.isEmpty()) {
      return ReceivedRequest.unowned(
          method,
          request.getUrl(),
          headers,
          propagation,
          serviceName,
          "belongs to trace " + parent.getTraceId() + ", which no open test session started");
    }
    CaptureSession session = owner.get();
    SpanContext server =
        recordServerSpan(
            session, serviceName, serveEvent, session.storeInContext(remote), propagation);
    return ReceivedRequest.owned(
        method, request.getUrl(), headers, propagation, serviceName, session.name(), server);
  }

  private static SpanContext recordServerSpan(
      CaptureSession session,
      String serviceName,
      ServeEvent serveEvent,
      Context parent,
      PropagationReport propagation) {
    LoggedRequest request = serveEvent.getRequest();
    String method = request.getMethod().getName();
    String route = route(serveEvent.getStubMapping());
    SpanBuilder builder =
        session
            .harness()
            .tracerProviderForService(serviceName)
            .get(INSTRUMENTATION_SCOPE)
            .spanBuilder(route == null ? method : method + " " + route)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, method)
            .setAttribute(UrlAttributes.URL_SCHEME, request.getScheme())
            .setAttribute(UrlAttributes.URL_PATH, WireMockRequests.path(request.getUrl()))
            .setAttribute(ServerAttributes.SERVER_ADDRESS, request.getHost())
            .setAttribute(ServerAttributes.SERVER_PORT, (long) request.getPort())
            .setAttribute(ClientAttributes.CLIENT_ADDRESS, request.getClientIp());
    int query = request.getUrl().indexOf('?');
    if (query >= 0) {
      builder.setAttribute(UrlAttributes.URL_QUERY, request.getUrl().substring(query + 1));
    }
    if (route != null) {
      builder.setAttribute(HttpAttributes.HTTP_ROUTE, route);
    }
    String protocol = request.getProtocol();
    if (protocol != null && protocol.startsWith("HTTP/")) {
      builder.setAttribute(NetworkAttributes.NETWORK_PROTOCOL_VERSION, protocol.substring(5));
    }
    String userAgent = request.getHeader("User-Agent");
    if (userAgent != null) {
      builder.setAttribute(UserAgentAttributes.USER_AGENT_ORIGINAL, userAgent);
    }
    Span span = builder.startSpan();
    for (String problem : propagation.problems()) {
      span.addEvent(PROPAGATION_PROBLEM_EVENT, Attributes.of(PROBLEM, problem));
    }
    LoggedResponse response = serveEvent.getResponse();
    Fault fault = response == null ? null : response.getFault();
    if (fault == null && serveEvent.getResponseDefinition() != null) {
      fault = serveEvent.getResponseDefinition().getFault();
    }
    if (fault != null) {
      span.setAttribute(ErrorAttributes.ERROR_TYPE, fault.name());
      span.addEvent(FAULT_EVENT, Attributes.of(ErrorAttributes.ERROR_TYPE, fault.name()));
      span.setStatus(StatusCode.ERROR, "WireMock fault " + fault.name() + ": " + describe(fault));
    } else if (response != null) {
      int status = response.getStatus();
      span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
      if (status >= 500) {
        span.setAttribute(ErrorAttributes.ERROR_TYPE, String.valueOf(status));
        span.setStatus(StatusCode.ERROR);
      }
    }
    endAfterDelay(span, serveEvent);
    return span.getSpanContext();
  }

  /** Ends the span exactly the added delay after its start, which came from the harness's clock. */
  private static void endAfterDelay(Span span, ServeEvent serveEvent) {
    long delayMillis = addedDelayMillis(serveEvent);
    if (span instanceof ReadableSpan readable) {
      long start = readable.toSpanData().getStartEpochNanos();
      span.end(start + TimeUnit.MILLISECONDS.toNanos(delayMillis), TimeUnit.NANOSECONDS);
    } else {
      span.end();
    }
  }

  private static long addedDelayMillis(ServeEvent serveEvent) {
    Integer added = serveEvent.getTiming() == null ? null : serveEvent.getTiming().getAddedDelay();
    if (added != null && added > 0) {
      return added;
    }
    Integer fixed =
        serveEvent.getResponseDefinition() == null
            ? null
            : serveEvent.getResponseDefinition().getFixedDelayMilliseconds();
    return fixed == null ? 0 : fixed;
  }

  /** The stub's URL path (or path template) when it matches one path, else null. */
  private static String route(StubMapping stub) {
    if (stub == null || stub.getRequest() == null) {
      return null;
    }
    RequestPattern pattern = stub.getRequest();
    if (pattern.getUrlPathTemplate() != null) {
      return pattern.getUrlPathTemplate();
    }
    if (pattern.getUrlPath() != null) {
      return pattern.getUrlPath();
    }
    return pattern.getUrl() == null ? null : WireMockRequests.path(pattern.getUrl());
  }

  private static String describe(Fault fault) {
    return switch (fault.name()) {
      case "CONNECTION_RESET_BY_PEER" -> "the connection was reset";
      case "EMPTY_RESPONSE" -> "the connection was closed without a response";
      case "MALFORMED_RESPONSE_CHUNK" -> "a malformed response chunk was sent";
      case "RANDOM_DATA_THEN_CLOSE" -> "random data was sent, then the connection closed";
      default -> "the response was broken";
    };
  }

  private static String problemsSuffix(PropagationReport propagation) {
    List<String> problems = propagation.problems();
    return problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")";
  }

  private static String serviceName(Parameters parameters) {
    Object name = parameters == null ? null : parameters.get(SERVICE_PARAMETER);
    return name instanceof String text && !text.isBlank() ? text : DEFAULT_SERVICE_NAME;
  }

  private static String requireServiceName(String serviceName) {
    if (serviceName == null || serviceName.isBlank()) {
      throw new IllegalArgumentException(
          "a stubbed service needs a name, but got "
              + (serviceName == null ? "null" : "\"" + serviceName + "\""));
    }
    return serviceName;
  }

  /** Case-insensitive, first value: what an HTTP server hands OpenTelemetry's propagators. */
  private enum HeaderGetter implements TextMapGetter<Map<String, List<String>>> {
    INSTANCE;

    // Deprecated since OpenTelemetry 1.68, but abstract in the older versions users pin.
    @SuppressWarnings("deprecation")
    @Override
    public Iterable<String> keys(Map<String, List<String>> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, List<String>> carrier, String key) {
      if (carrier == null) {
        return null;
      }
      List<String> values = WireMockRequests.values(carrier, key);
      return values.isEmpty() ? null : values.get(0);
    }
  }
}
