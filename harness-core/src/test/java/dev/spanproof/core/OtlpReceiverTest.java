package dev.spanproof.core;

import static dev.spanproof.core.OtlpRequests.childOf;
import static dev.spanproof.core.OtlpRequests.post;
import static dev.spanproof.core.OtlpRequests.postGzipped;
import static dev.spanproof.core.OtlpRequests.protobufResponse;
import static dev.spanproof.core.OtlpRequests.request;
import static dev.spanproof.core.OtlpRequests.span;
import static dev.spanproof.core.OtlpRequests.statusMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ServiceAttributes;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtlpReceiverTest {

  private static final String PROTOBUF = "application/x-protobuf";
  private static final String JSON = "application/json";

  private final TracingHarness harness = TracingHarness.builder().otlpReceiver().build();
  private final CaptureSession session = harness.openSession("InventoryTest.checksStock()");

  @AfterEach
  void closeHarness() {
    harness.close();
  }

  @Test
  void should_listen_on_loopback_with_a_free_port() {
    assertThat(harness.otlpEndpoint().getScheme()).isEqualTo("http");
    assertThat(harness.otlpEndpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(harness.otlpEndpoint().getPort()).isPositive();
    assertThat(harness.otlpEndpoint().getPath()).isEmpty();
  }

  @Test
  void should_put_a_received_protobuf_span_under_the_tests_client_span() {
    // GIVEN
    SpanContext client = clientSpan();
    // WHEN
    HttpResponse<byte[]> response =
        post(
            harness.otlpEndpoint(),
            PROTOBUF,
            request("inventory", List.of(childOf(client, "GET /inventory", "00f067aa0ba902b7")))
                .toByteArray());
    // THEN
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
    assertThat(protobufResponse(response).hasPartialSuccess()).isFalse();
    Trace trace = session.traces().get(0);
    SpanNode server = trace.roots().get(0).children().get(0);
    assertThat(server.name()).isEqualTo("GET /inventory");
    assertThat(server.span().getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(server.span().getResource().getAttribute(ServiceAttributes.SERVICE_NAME))
        .isEqualTo("inventory");
    assertThat(server.span().getInstrumentationScopeInfo().getName()).isEqualTo("hand-made");
  }

  @Test
  void should_keep_a_received_span_whose_parent_is_in_no_trace_as_an_orphan_of_the_tests_trace() {
    // GIVEN the test's trace, and a span of it whose parent never arrives
    SpanContext client = clientSpan();
    io.opentelemetry.proto.trace.v1.Span orphan =
        span("GET /inventory", client.getTraceId(), "00f067aa0ba902b7", "0102030405060708");
    // WHEN
    HttpResponse<byte[]> response =
        post(harness.otlpEndpoint(), PROTOBUF, request("inventory", List.of(orphan)).toByteArray());
    // THEN it is kept in the test's session, and its trace shows it as an orphan
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(protobufResponse(response).hasPartialSuccess()).isFalse();
    Trace trace = session.traces().get(0);
    assertThat(trace.orphans()).extracting(SpanNode::name).containsExactly("GET /inventory");
    assertThat(harness.unownedSpanReports()).isEmpty();
  }

  @Test
  void should_read_otlp_json_with_hex_ids_in_either_case() {
    // GIVEN
    SpanContext client = clientSpan();
    String json =
        """
        {"resourceSpans": [{
          "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "stock"}}]},
          "scopeSpans": [{
            "scope": {"name": "@opentelemetry/instrumentation-http", "version": "0.57.0"},
            "spans": [{
              "traceId": "%s", "spanId": "B7AD6B7169203331", "parentSpanId": "%s",
              "name": "GET /stock", "kind": 2,
              "startTimeUnixNano": "1700000000000000000", "endTimeUnixNano": 1700000000003000000,
              "attributes": [{"key": "http.response.status_code", "value": {"intValue": "200"}}],
              "status": {"code": 2, "message": "out of stock"},
              "someFieldFromTheFuture": true
            }]
          }]
        }]}
        """
            .formatted(client.getTraceId().toUpperCase(Locale.ROOT), client.getSpanId());
    // WHEN
    HttpResponse<byte[]> response =
        post(harness.otlpEndpoint(), JSON, json.getBytes(StandardCharsets.UTF_8));
    // THEN
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\n}");
    SpanData stock = spanNamed("GET /stock");
    assertThat(stock.getSpanId()).isEqualTo("b7ad6b7169203331");
    assertThat(stock.getParentSpanId()).isEqualTo(client.getSpanId());
    assertThat(stock.getEndEpochNanos() - stock.getStartEpochNanos()).isEqualTo(3_000_000L);
    assertThat(stock.getStatus().getDescription()).isEqualTo("out of stock");
    assertThat(stock.getAttributes().asMap()).containsValue(200L).hasSize(1);
    assertThat(stock.getInstrumentationScopeInfo().getVersion()).isEqualTo("0.57.0");
  }

  @Test
  void should_keep_attribute_types_events_links_and_a_remote_parent() {
    // GIVEN
    SpanContext client = clientSpan();
    String json =
        """
        {"resourceSpans": [{
          "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "stock"}}]},
          "scopeSpans": [{"scope": {"name": "http"}, "spans": [{
            "traceId": "%1$s", "spanId": "b7ad6b7169203331", "parentSpanId": "%2$s",
            "name": "GET /stock", "flags": 769,
            "attributes": [
              {"key": "text", "value": {"stringValue": "a"}},
              {"key": "flag", "value": {"boolValue": true}},
              {"key": "count", "value": {"intValue": "7"}},
              {"key": "ratio", "value": {"doubleValue": 0.5}},
              {"key": "tags", "value": {"arrayValue": {"values": [
                {"stringValue": "x"}, {"stringValue": "y"}]}}},
              {"key": "mixed", "value": {"arrayValue": {"values": [
                {"stringValue": "x"}, {"intValue": "1"}]}}},
              {"key": "map", "value": {"kvlistValue": {"values": [
                {"key": "k", "value": {"stringValue": "v"}}]}}},
              {"key": "raw", "value": {"bytesValue": "AQI="}}
            ],
            "droppedAttributesCount": 2,
            "events": [{"timeUnixNano": "5", "name": "retry",
              "attributes": [{"key": "attempt", "value": {"intValue": "2"}}]}],
            "links": [{"traceId": "%1$s", "spanId": "%2$s", "flags": 1}]
          }]}]
        }]}
        """
            .formatted(client.getTraceId(), client.getSpanId());
    // WHEN
    HttpResponse<byte[]> response =
        post(harness.otlpEndpoint(), JSON, json.getBytes(StandardCharsets.UTF_8));
    // THEN
    assertThat(response.statusCode()).isEqualTo(200);
    SpanData stock = spanNamed("GET /stock");
    assertThat(stock.getAttributes())
        .isEqualTo(
            io.opentelemetry.api.common.Attributes.builder()
                .put("text", "a")
                .put("flag", true)
                .put("count", 7L)
                .put("ratio", 0.5)
                .put(
                    io.opentelemetry.api.common.AttributeKey.stringArrayKey("tags"),
                    List.of("x", "y"))
                .put("mixed", "[x, 1]")
                .put("map", "{k=v}")
                .put("raw", "AQI=")
                .build());
    assertThat(stock.getTotalAttributeCount()).isEqualTo(10);
    assertThat(stock.getSpanContext().isSampled()).isTrue();
    assertThat(stock.getParentSpanContext().isRemote()).isTrue();
    assertThat(stock.getEvents())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getName()).isEqualTo("retry");
              assertThat(event.getEpochNanos()).isEqualTo(5L);
              assertThat(event.getAttributes().asMap()).containsValue(2L);
            });
    assertThat(stock.getLinks())
        .singleElement()
        .satisfies(
            link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(client.getSpanId()));
    assertThat(session.traces().get(0).spansWithRemoteParent())
        .extracting(SpanNode::name)
        .containsExactly("GET /stock");
  }

  @Test
  void should_put_a_received_span_into_the_session_of_another_harness_that_owns_its_trace() {
    // GIVEN a test of another harness whose client span started the trace
    try (TracingHarness other = TracingHarness.builder().build();
        CaptureSession otherTest = other.openSession("OtherTest.calls()")) {
      Span client =
          other
              .tracer()
              .spanBuilder("call")
              .setParent(io.opentelemetry.context.Context.root().with(otherTest))
              .startSpan();
      client.end();
      // WHEN its callee exports to this harness's receiver
      post(
          harness.otlpEndpoint(),
          PROTOBUF,
          request(
                  "inventory",
                  List.of(childOf(client.getSpanContext(), "served", "00000000000000d1")))
              .toByteArray());
      // THEN
      assertThat(otherTest.finishedSpans())
          .extracting(SpanData::getName)
          .containsExactlyInAnyOrder("call", "served");
      assertThat(session.finishedSpans()).isEmpty();
      assertThat(harness.unownedSpanReports()).isEmpty();
    }
  }

  @Test
  void should_report_a_span_whose_test_has_ended_as_unowned() {
    // GIVEN a test whose client span started a trace, then ended
    SpanContext client = clientSpan();
    session.close();
    // WHEN the callee's span arrives late
    post(
        harness.otlpEndpoint(),
        PROTOBUF,
        request("inventory", List.of(childOf(client, "late", "00000000000000e1"))).toByteArray());
    // THEN it names the test it was late for
    assertThat(harness.unownedSpanReports())
        .singleElement()
        .satisfies(
            late -> {
              assertThat(late.name()).isEqualTo("late");
              assertThat(late.reason())
                  .matches(
                      "received over OTLP from service \\[inventory\\] \\d+ ms after the"
                          + " session that owned its trace, InventoryTest\\.checksStock\\(\\),"
                          + " was closed");
              assertThat(late.closedSession()).contains("InventoryTest.checksStock()");
              assertThat(late.sendingService()).contains("inventory");
            });
  }

  @Test
  void should_be_quiet_at_once_when_asked_for_no_quiet_time() {
    assertThat(harness.awaitOtlpQuiet(Duration.ZERO, Duration.ZERO)).isTrue();
  }

  @Test
  void should_stop_waiting_for_quiet_after_at_most() {
    assertThat(harness.awaitOtlpQuiet(Duration.ofDays(1), Duration.ZERO)).isFalse();
  }

  @Test
  void should_refuse_a_negative_quiet_period() {
    assertThatThrownBy(() -> harness.awaitOtlpQuiet(Duration.ofMillis(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quietPeriod must be zero or positive, but was PT-0.001S");
    assertThatThrownBy(() -> harness.awaitOtlpQuiet(Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("atMost must be zero or positive, but was null");
  }

  @Test
  void should_say_how_to_get_a_receiver_to_wait_for() {
    try (TracingHarness withoutReceiver = TracingHarness.builder().build()) {
      assertThat(withoutReceiver.hasOtlpReceiver()).isFalse();
      assertThat(harness.hasOtlpReceiver()).isTrue();
      assertThatThrownBy(() -> withoutReceiver.awaitOtlpQuiet(Duration.ZERO, Duration.ZERO))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "this TracingHarness has no OTLP receiver: build it with"
                  + " TracingHarness.builder().otlpReceiver()");
    }
  }

  @Test
  void should_answer_400_to_json_of_the_wrong_shape() {
    HttpResponse<byte[]> response =
        post(
            harness.otlpEndpoint(),
            JSON,
            "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"name\": {}}]}]}]}"
                .getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"message\":\"the body is not an OTLP/JSON ExportTraceServiceRequest: Invalid value:"
                + " {} for expected type: STRING\"}");
  }

  @Test
  void should_read_gzipped_bodies_of_both_encodings() {
    // GIVEN
    SpanContext client = clientSpan();
    byte[] protobuf =
        request("inventory", List.of(childOf(client, "zipped protobuf", "00000000000000a1")))
            .toByteArray();
    byte[] json =
        ("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\""
                + client.getTraceId()
                + "\",\"spanId\":\"00000000000000a2\",\"name\":\"zipped json\"}]}]}]}")
            .getBytes(StandardCharsets.UTF_8);
    // WHEN
    int protobufStatus = postGzipped(harness.otlpEndpoint(), PROTOBUF, protobuf).statusCode();
    int jsonStatus = postGzipped(harness.otlpEndpoint(), JSON, json).statusCode();
    // THEN
    assertThat(List.of(protobufStatus, jsonStatus)).containsOnly(200);
    assertThat(session.finishedSpans())
        .extracting(SpanData::getName)
        .contains("zipped protobuf", "zipped json");
  }

  @Test
  void should_answer_400_to_a_truncated_body_and_keep_what_came_before() {
    // GIVEN a span already received
    SpanContext client = clientSpan();
    byte[] first =
        request("inventory", List.of(childOf(client, "first", "00000000000000b1"))).toByteArray();
    post(harness.otlpEndpoint(), PROTOBUF, first);
    byte[] second =
        request("inventory", List.of(childOf(client, "second", "00000000000000b2"))).toByteArray();
    // WHEN a request is cut off in the middle of its span
    HttpResponse<byte[]> response =
        post(harness.otlpEndpoint(), PROTOBUF, Arrays.copyOf(second, second.length - 5));
    // THEN
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(statusMessage(response))
        .isEqualTo(
            "the body is not a binary protobuf ExportTraceServiceRequest: While parsing a protocol"
                + " message, the input ended unexpectedly in the middle of a field.  This could mean"
                + " either that the input has been truncated or that an embedded message"
                + " misreported its own length.");
    assertThat(session.finishedSpans())
        .extracting(SpanData::getName)
        .containsExactlyInAnyOrder("test", "first");
  }

  @Test
  void should_answer_400_in_json_to_a_malformed_json_body() {
    HttpResponse<byte[]> notJson =
        post(
            harness.otlpEndpoint(), JSON, "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> notHex =
        post(
            harness.otlpEndpoint(),
            JSON,
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"not hex\"}]}]}]}"
                .getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> array =
        post(harness.otlpEndpoint(), JSON, "[]".getBytes(StandardCharsets.UTF_8));

    assertThat(List.of(notJson.statusCode(), notHex.statusCode(), array.statusCode()))
        .containsOnly(400);
    assertThat(new String(notJson.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"message\":\"the body is not JSON: End of input at line 1 column 20 path"
                + " $.resourceSpans[0]\"}");
    assertThat(new String(notHex.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"message\":\"traceId \\\"not hex\\\" is not hex, which OTLP/JSON requires for"
                + " ids\"}");
    assertThat(new String(array.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"message\":\"the body must be a JSON object (an ExportTraceServiceRequest), but is"
                + " an array\"}");
  }

  @Test
  void should_answer_400_to_a_body_that_is_not_gzip() {
    HttpResponse<byte[]> response =
        OtlpRequests.send(
            HttpRequest.newBuilder(harness.otlpEndpoint().resolve("/v1/traces"))
                .header("Content-Type", PROTOBUF)
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}))
                .build());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(statusMessage(response))
        .isEqualTo("the gzip body cannot be decompressed: Not in GZIP format");
  }

  @Test
  void should_answer_415_to_another_content_type_or_encoding() {
    HttpResponse<byte[]> text =
        post(harness.otlpEndpoint(), "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> brotli =
        OtlpRequests.send(
            HttpRequest.newBuilder(harness.otlpEndpoint().resolve("/v1/traces"))
                .header("Content-Type", PROTOBUF)
                .header("Content-Encoding", "br")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1}))
                .build());

    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(statusMessage(text))
        .isEqualTo(
            "Content-Type \"text/plain\" is not supported; send application/x-protobuf or"
                + " application/json");
    assertThat(brotli.statusCode()).isEqualTo(415);
    assertThat(statusMessage(brotli))
        .isEqualTo("Content-Encoding \"br\" is not supported; send gzip or no encoding");
  }

  @Test
  void should_accept_content_type_parameters() {
    HttpResponse<byte[]> response =
        post(
            harness.otlpEndpoint(),
            "Application/JSON; charset=utf-8",
            "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void should_answer_404_to_other_paths_and_405_to_other_methods() {
    HttpResponse<byte[]> metrics =
        OtlpRequests.send(
            HttpRequest.newBuilder(harness.otlpEndpoint().resolve("/v1/metrics"))
                .header("Content-Type", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
                .build());
    HttpResponse<byte[]> get =
        OtlpRequests.send(
            HttpRequest.newBuilder(harness.otlpEndpoint().resolve("/v1/traces")).GET().build());

    assertThat(metrics.statusCode()).isEqualTo(404);
    assertThat(statusMessage(metrics))
        .isEqualTo("no such path; OTLP traces are POSTed to /v1/traces");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(statusMessage(get)).isEqualTo("only POST is allowed on /v1/traces");
  }

  @Test
  void should_reject_and_count_spans_with_invalid_ids_and_keep_the_others() {
    // GIVEN
    SpanContext client = clientSpan();
    String traceId = client.getTraceId();
    List<io.opentelemetry.proto.trace.v1.Span> spans =
        List.of(
            childOf(client, "valid", "00000000000000c1"),
            span("short trace id", traceId.substring(2), "00000000000000c2", ""),
            span("zero trace id", "0".repeat(32), "00000000000000c3", ""),
            span("zero span id", traceId, "0".repeat(16), ""),
            span("long parent id", traceId, "00000000000000c5", "00000000000000c100"));
    // WHEN
    HttpResponse<byte[]> response =
        post(harness.otlpEndpoint(), PROTOBUF, request("inventory", spans).toByteArray());
    // THEN
    assertThat(response.statusCode()).isEqualTo(200);
    ExportTraceServiceResponse body = protobufResponse(response);
    assertThat(body.getPartialSuccess().getRejectedSpans()).isEqualTo(4);
    assertThat(body.getPartialSuccess().getErrorMessage())
        .isEqualTo(
            "rejected 4 of 5 spans: span [short trace id] of service [inventory]: trace id has 15"
                + " bytes, but must have 16; span [zero trace id] of service [inventory]: trace id"
                + " is all zeros, which W3C Trace Context defines as invalid; span [zero span id]"
                + " of service [inventory]: span id is all zeros, which W3C Trace Context defines"
                + " as invalid; span [long parent id] of service [inventory]: parent span id has 9"
                + " bytes, but must have 8");
    assertThat(session.finishedSpans())
        .extracting(SpanData::getName)
        .containsExactlyInAnyOrder("test", "valid");
  }

  @Test
  void should_answer_a_partial_success_in_json_to_json() {
    String json =
        """
        {"resourceSpans": [{"scopeSpans": [{"spans": [
          {"traceId": "00000000000000000000000000000000", "spanId": "00f067aa0ba902b7", "name": "zero"}
        ]}]}]}
        """;

    HttpResponse<byte[]> response =
        post(harness.otlpEndpoint(), JSON, json.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            """
            {
              "partialSuccess": {
                "rejectedSpans": "1",
                "errorMessage": "rejected 1 of 1 span: span [zero] of a service without \
            service.name: trace id is all zeros, which W3C Trace Context defines as invalid"
              }
            }""");
  }

  @Test
  void should_answer_413_to_a_body_over_64_mib_once_decompressed() {
    // GIVEN a small gzip body that decompresses to one byte more than the limit
    byte[] zeros = new byte[64 * 1024 * 1024 + 1];

    HttpResponse<byte[]> response = postGzipped(harness.otlpEndpoint(), PROTOBUF, zeros);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(statusMessage(response))
        .isEqualTo("the body is larger than 67108864 bytes decompressed");
  }

  @Test
  void should_report_a_span_of_no_tests_trace_as_unowned_with_its_service() {
    // WHEN a service sends a span of a trace no test started
    post(
        harness.otlpEndpoint(),
        PROTOBUF,
        request(
                "billing",
                List.of(
                    span(
                        "nightly run", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "")))
            .toByteArray());
    // THEN
    assertThat(session.finishedSpans()).isEmpty();
    assertThat(harness.unownedSpanReports())
        .singleElement()
        .satisfies(
            lost -> {
              assertThat(lost.name()).isEqualTo("nightly run");
              assertThat(lost.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
              assertThat(lost.hasEnded()).isTrue();
              assertThat(lost.reason())
                  .isEqualTo(
                      "received over OTLP from service [billing], in a trace no open session owns");
              assertThat(lost.sendingService()).hasValue("billing");
              assertThat(lost.likelyTest()).isEmpty();
            });
  }

  @Test
  void should_keep_ten_thousand_spans_of_one_request() {
    // GIVEN
    SpanContext client = clientSpan();
    List<io.opentelemetry.proto.trace.v1.Span> spans = new ArrayList<>();
    for (int i = 1; i <= 10_000; i++) {
      spans.add(childOf(client, "item " + i, String.format(Locale.ROOT, "%016x", i)));
    }
    // WHEN
    HttpResponse<byte[]> response =
        postGzipped(harness.otlpEndpoint(), PROTOBUF, request("inventory", spans).toByteArray());
    // THEN
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(protobufResponse(response).hasPartialSuccess()).isFalse();
    assertThat(session.traces()).singleElement().extracting(Trace::spanCount).isEqualTo(10_001);
  }

  @Test
  void should_reject_and_count_the_spans_beyond_the_span_limit() {
    try (TracingHarness small = TracingHarness.builder().otlpReceiver().maxSpans(3).build();
        CaptureSession limited = small.openSession("LimitTest.floods()")) {
      // GIVEN
      Span client =
          small
              .tracer()
              .spanBuilder("test")
              .setParent(io.opentelemetry.context.Context.root().with(limited))
              .startSpan();
      client.end();
      List<io.opentelemetry.proto.trace.v1.Span> spans = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        spans.add(
            childOf(client.getSpanContext(), "item " + i, String.format(Locale.ROOT, "%016x", i)));
      }
      // WHEN
      HttpResponse<byte[]> response =
          post(small.otlpEndpoint(), PROTOBUF, request("inventory", spans).toByteArray());
      // THEN
      ExportTraceServiceResponse body = protobufResponse(response);
      assertThat(body.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
      assertThat(body.getPartialSuccess().getErrorMessage())
          .isEqualTo(
              "rejected 2 of 4 spans: span [item 3] of service [inventory]: not kept, the limit of 3"
                  + " spans for [LimitTest.floods()] was reached; span [item 4] of service"
                  + " [inventory]: not kept, the limit of 3 spans for [LimitTest.floods()] was"
                  + " reached");
      assertThat(limited.spansBeyondLimit()).isEqualTo(2);
    }
  }

  @Test
  void should_fail_clearly_when_asked_for_the_endpoint_of_no_receiver() {
    try (TracingHarness plain = TracingHarness.builder().build()) {
      assertThatThrownBy(plain::otlpEndpoint)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "this TracingHarness has no OTLP receiver: build it with"
                  + " TracingHarness.builder().otlpReceiver()");
    }
  }

  @Test
  void should_stop_listening_when_the_harness_closes() {
    // GIVEN
    java.net.URI endpoint = harness.otlpEndpoint();
    // WHEN
    harness.close();
    // THEN
    assertThatThrownBy(() -> post(endpoint, PROTOBUF, new byte[0]))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasCauseInstanceOf(ConnectException.class);
  }

  /** Starts and ends the test's CLIENT span "test", in the session, and returns its context. */
  private SpanContext clientSpan() {
    Span client;
    try (Scope scope = session.makeCurrent()) {
      client = harness.tracer().spanBuilder("test").setSpanKind(SpanKind.CLIENT).startSpan();
      client.end();
    }
    return client.getSpanContext();
  }

  private SpanData spanNamed(String name) {
    return session.finishedSpans().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
