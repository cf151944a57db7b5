package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.spanproof.core.lint.FindingLevel;
import dev.spanproof.core.semconv.SemanticConvention;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spans written by hand with the OpenTelemetry API, as services write messaging and gRPC spans that
 * no library instrumentation covers: the assertion on one span, and on a trace.
 */
class SpanAssert_conformsToSemanticConventions_Test {

  private static final String METHOD = "shop.Orders/Place";

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_grpc_client_and_server_spans_of_one_call() {
    List<SpanData> spans = grpcCall("OK", StatusCode.UNSET);

    assertThatTrace(spans)
        .conformsToSemanticConventions()
        .root()
        .conformsTo(SemanticConvention.GRPC_CLIENT)
        .child(METHOD)
        .conformsTo(SemanticConvention.GRPC_SERVER)
        .conformsToSemanticConventions();
  }

  @Test
  void should_fail_a_grpc_server_span_marked_as_error_for_a_code_the_convention_does_not_list() {
    List<SpanData> spans = grpcCall("NOT_FOUND", StatusCode.ERROR);

    assertThatThrownBy(() -> assertThatTrace(spans).conformsToSemanticConventions())
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to conform to the semantic conventions \
            1.43.0 (database: stable conventions)
            but found 1 finding:
              - violation span_status [shop.Orders/Place]: status is ERROR but gRPC server spans \
            with rpc.response.status_code NOT_FOUND must leave it unset unless error.type records \
            another error (errors are UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL, \
            UNAVAILABLE, DATA_LOSS)

            trace 00000000000000000000000000000001 (2 spans, 10.0 ms)
            └─ shop.Orders/Place [CLIENT, ERROR, 10.0 ms] rpc.method=shop.Orders/Place \
            error.type=NOT_FOUND rpc.response.status_code=NOT_FOUND
               └─ shop.Orders/Place [SERVER, ERROR, 6.00 ms] rpc.method=shop.Orders/Place \
            error.type=NOT_FOUND rpc.response.status_code=NOT_FOUND  <-- span_status""");
  }

  @Test
  void should_judge_a_span_by_the_convention_stated_rather_than_detected() {
    List<SpanData> spans = grpcCall("OK", StatusCode.UNSET);

    assertThatThrownBy(
            () -> assertThatTrace(spans).root().conformsTo(SemanticConvention.HTTP_CLIENT))
        .hasMessage(
            """
            Expecting span [shop.Orders/Place] to conform to the HTTP client semantic conventions \
            1.43.0
            but found 2 findings:
              - violation missing_attribute [shop.Orders/Place]: http.request.method is required \
            for HTTP client spans but missing
              - violation missing_attribute [shop.Orders/Place]: url.full is required for HTTP \
            client spans but missing
            and, not failing the assertion:
              - improvement missing_attribute [shop.Orders/Place]: network.protocol.version is \
            recommended for HTTP client spans but missing

            trace 00000000000000000000000000000001 (2 spans, 10.0 ms)
            └─ shop.Orders/Place [CLIENT, UNSET, 10.0 ms] rpc.method=shop.Orders/Place  <-- \
            missing_attribute
               └─ shop.Orders/Place [SERVER, UNSET, 6.00 ms] rpc.method=shop.Orders/Place""");
  }

  @Test
  void should_pass_a_publish_and_a_process_linked_through_injected_headers() {
    // GIVEN a producer that injects its context into the message's headers
    List<SpanData> published =
        traces.record(
            span("publish orders", 0, 2)
                .kind(SpanKind.PRODUCER)
                .with(s -> messaging(s, "publish", "send")));
    SpanData publish = published.get(0);
    Map<String, String> headers = new HashMap<>();
    W3CTraceContextPropagator.getInstance()
        .inject(
            Context.root().with(io.opentelemetry.api.trace.Span.wrap(publish.getSpanContext())),
            headers,
            Map::put);
    // WHEN a consumer extracts it and links its process span to it, in a trace of its own
    SpanContext received =
        io.opentelemetry.api.trace.Span.fromContext(
                W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, GETTER))
            .getSpanContext();
    List<SpanData> processed =
        traces.record(
            span("process orders", 5, 9)
                .kind(SpanKind.CONSUMER)
                .link(received)
                .with(s -> messaging(s, "process", "process")));
    // THEN both follow the messaging conventions, and the link leads back to the publish
    assertThat(headers).containsKey("traceparent");
    assertThatTrace(published).span("publish orders").conformsToSemanticConventions();
    assertThatTrace(processed)
        .span("process orders")
        .conformsToSemanticConventions()
        .conformsTo(SemanticConvention.MESSAGING_PROCESS);
    assertThat(processed.get(0).getLinks())
        .singleElement()
        .satisfies(
            link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(publish.getSpanId()));
  }

  @Test
  void should_list_improvements_without_failing_unless_asked_to() {
    List<SpanData> spans =
        traces.record(
            span("publish orders", 0, 2)
                .kind(SpanKind.PRODUCER)
                .with(s -> s.setAttribute("messaging.system", "kafka"))
                .with(s -> s.setAttribute("messaging.operation.name", "publish"))
                .with(s -> s.setAttribute("messaging.operation.type", "send"))
                .with(s -> s.setAttribute("messaging.destination.name", "orders")));

    assertThatTrace(spans).span("publish orders").conformsToSemanticConventions();
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("publish orders")
                    .conformsToSemanticConventions(
                        SemanticConventionOptions.defaults()
                            .failingOn(FindingLevel.VIOLATION, FindingLevel.IMPROVEMENT)))
        .hasMessage(
            """
            Expecting span [publish orders] to conform to the semantic conventions 1.43.0 \
            (database: stable conventions)
            but found 3 findings:
              - improvement missing_attribute [publish orders]: messaging.client.id is recommended \
            for messaging send spans (Development status) but missing
              - improvement missing_attribute [publish orders]: messaging.message.conversation_id is \
            recommended for messaging send spans (Development status) but missing
              - improvement missing_attribute [publish orders]: server.port is recommended for \
            messaging send spans (Development status) but missing

            trace 00000000000000000000000000000001 (1 span, 2.00 ms)
            └─ publish orders [PRODUCER, UNSET, 2.00 ms] messaging.operation.type=send \
            messaging.destination.name=orders  <-- missing_attribute""");
  }

  @Test
  void should_fail_a_trace_on_improvements_when_asked_to() {
    List<SpanData> spans =
        traces.record(
            span("publish orders", 0, 2)
                .kind(SpanKind.PRODUCER)
                .with(s -> s.setAttribute("messaging.system", "kafka"))
                .with(s -> s.setAttribute("messaging.operation.name", "publish"))
                .with(s -> s.setAttribute("messaging.operation.type", "send"))
                .with(s -> s.setAttribute("messaging.destination.name", "orders")));

    assertThatTrace(spans).conformsToSemanticConventions();
    Throwable failure =
        catchThrowable(
            () -> {
              assertThatTrace(spans)
                  .conformsToSemanticConventions(
                      SemanticConventionOptions.defaults()
                          .failingOn(FindingLevel.VIOLATION, FindingLevel.IMPROVEMENT));
            });

    assertThat(failure)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            """
            but found 3 findings:
              - improvement missing_attribute [publish orders]: messaging.client.id is recommended \
            for messaging send spans (Development status) but missing
            """);
  }

  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private static void messaging(
      io.opentelemetry.api.trace.Span span, String operation, String type) {
    span.setAttribute("messaging.system", "kafka");
    span.setAttribute("messaging.operation.name", operation);
    span.setAttribute("messaging.operation.type", type);
    span.setAttribute("messaging.destination.name", "orders");
    span.setAttribute("messaging.client.id", "shop-1");
    span.setAttribute("messaging.message.conversation_id", "order-42");
    span.setAttribute("messaging.message.id", "m-1");
    span.setAttribute("server.address", "kafka.internal");
    span.setAttribute("server.port", 9092L);
  }

  /** A gRPC call: the client span, and below it the server's, which answered {@code code}. */
  private List<SpanData> grpcCall(String code, StatusCode serverStatus) {
    StatusCode clientStatus = code.equals("OK") ? StatusCode.UNSET : StatusCode.ERROR;
    return traces.record(
        span(
                METHOD,
                0,
                10,
                span(METHOD, 2, 8)
                    .kind(SpanKind.SERVER)
                    .status(serverStatus, "")
                    .with(s -> rpc(s, code)))
            .kind(SpanKind.CLIENT)
            .status(clientStatus, "")
            .with(s -> rpc(s, code))
            .with(s -> s.setAttribute("server.address", "orders.internal"))
            .with(s -> s.setAttribute("server.port", 50051L)));
  }

  private static void rpc(io.opentelemetry.api.trace.Span span, String code) {
    span.setAttribute("rpc.system.name", "grpc");
    span.setAttribute("rpc.method", METHOD);
    span.setAttribute("rpc.response.status_code", code);
    span.setAttribute("network.peer.address", "10.0.0.7");
    span.setAttribute("network.peer.port", 50051L);
    if (!code.equals("OK")) {
      span.setAttribute("error.type", code);
    }
  }
}
