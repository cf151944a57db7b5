package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpJsonFileTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final Resource SHOP =
      Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop"));
  private static final InstrumentationScopeInfo ORDERS =
      InstrumentationScopeInfo.builder("orders").setVersion("1.0.0").build();

  @TempDir Path directory;

  @Test
  void writes_the_otlp_json_encoding_one_tracesdata_per_line() throws IOException {
    SpanData root =
        span("processOrder", "00f067aa0ba902b7", SpanContext.getInvalid())
            .setKind(SpanKind.SERVER)
            .setAttributes(
                Attributes.builder()
                    .put("order.id", 42L)
                    .put("order.express", true)
                    .put("order.total", 19.5)
                    .put(AttributeKey.stringArrayKey("order.tags"), List.of("gift", "eu"))
                    .build())
            .setTotalAttributeCount(4)
            .setStatus(StatusData.create(StatusCode.ERROR, "card declined"))
            .setEvents(
                List.of(
                    EventData.create(1_767_225_600_000_000_500L, "declined", Attributes.empty())))
            .setTotalRecordedEvents(1)
            .build();
    SpanData child =
        span("charge", "b7ad6b7169203331", root.getSpanContext())
            .setKind(SpanKind.CLIENT)
            .setLinks(
                List.of(
                    LinkData.create(
                        SpanContext.createFromRemoteParent(
                            "0af7651916cd43dd8448eb211c80319c",
                            "00000000000000aa",
                            TraceFlags.getSampled(),
                            TraceState.builder().put("vendor", "x").build()))))
            .setTotalRecordedLinks(1)
            .build();
    Path file = directory.resolve("traces/order.jsonl");

    OtlpJsonFile.write(Trace.of(List.of(child, root)), file);

    // ids in hex, kinds and status codes as integers, times and integers as strings
    assertThat(Files.readString(file))
        .isEqualTo(
            "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"shop\"}}]},"
                + "\"scopeSpans\":[{\"scope\":{\"name\":\"orders\",\"version\":\"1.0.0\"},\"spans\":["
                + "{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\","
                + "\"name\":\"processOrder\",\"kind\":2,"
                + "\"startTimeUnixNano\":\"1767225600000000000\",\"endTimeUnixNano\":\"1767225601000000000\","
                + "\"attributes\":[{\"key\":\"order.express\",\"value\":{\"boolValue\":true}},"
                + "{\"key\":\"order.id\",\"value\":{\"intValue\":\"42\"}},"
                + "{\"key\":\"order.tags\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"gift\"},{\"stringValue\":\"eu\"}]}}},"
                + "{\"key\":\"order.total\",\"value\":{\"doubleValue\":19.5}}],"
                + "\"events\":[{\"timeUnixNano\":\"1767225600000000500\",\"name\":\"declined\"}],"
                + "\"status\":{\"message\":\"card declined\",\"code\":2},\"flags\":257},"
                + "{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"b7ad6b7169203331\","
                + "\"parentSpanId\":\"00f067aa0ba902b7\",\"name\":\"charge\",\"kind\":3,"
                + "\"startTimeUnixNano\":\"1767225600000000000\",\"endTimeUnixNano\":\"1767225601000000000\","
                + "\"links\":[{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"00000000000000aa\","
                + "\"traceState\":\"vendor=x\",\"flags\":769}],"
                + "\"status\":{},\"flags\":257}]}]}]}\n");
  }

  @Test
  void writes_a_line_per_trace_in_the_order_the_traces_started() {
    SpanData late = span("late", "00000000000000b1", SpanContext.getInvalid()).build();
    SpanData early =
        span("early", "00000000000000a1", SpanContext.getInvalid())
            .setSpanContext(
                SpanContext.create(
                    "0af7651916cd43dd8448eb211c80319c",
                    "00000000000000a1",
                    TraceFlags.getSampled(),
                    TraceState.getDefault()))
            .setStartEpochNanos(1)
            .build();

    String lines = OtlpJsonFile.toJsonLines(List.of(late, early));

    assertThat(lines.lines().map(line -> JsonParser.parseString(line).toString()))
        .hasSize(2)
        .satisfiesExactly(
            first -> assertThat(first).contains("\"name\":\"early\""),
            second -> assertThat(second).contains("\"name\":\"late\""));
    assertThat(lines).endsWith("}\n");
    assertThat(OtlpJsonFile.toJsonLines(List.of())).isEmpty();
  }

  @Test
  void groups_spans_by_resource_then_by_scope() {
    Resource inventory =
        Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "inventory"));
    InstrumentationScopeInfo jdbc = InstrumentationScopeInfo.create("jdbc");
    SpanData a = span("a", "00000000000000a1", SpanContext.getInvalid()).build();
    SpanData b = span("b", "00000000000000a2", a.getSpanContext()).setResource(inventory).build();
    SpanData c =
        span("c", "00000000000000a3", a.getSpanContext()).setInstrumentationScopeInfo(jdbc).build();
    SpanData d = span("d", "00000000000000a4", a.getSpanContext()).build();

    var json =
        JsonParser.parseString(OtlpJsonFile.toJsonLines(List.of(a, b, c, d))).getAsJsonObject();

    var resourceSpans = json.getAsJsonArray("resourceSpans");
    assertThat(resourceSpans).hasSize(2);
    var shopScopes = resourceSpans.get(0).getAsJsonObject().getAsJsonArray("scopeSpans");
    assertThat(shopScopes).hasSize(2);
    assertThat(shopScopes.get(0).getAsJsonObject().getAsJsonArray("spans")).hasSize(2); // a, d
    assertThat(shopScopes.get(1).getAsJsonObject().get("scope").toString())
        .isEqualTo("{\"name\":\"jdbc\"}");
  }

  @Test
  void reads_back_what_it_wrote_to_a_file() {
    List<SpanData> spans = sdkSpans();
    Path file = directory.resolve("checkout.jsonl");

    OtlpJsonFile.write(spans, file);
    List<SpanData> read = OtlpJsonFile.read(file);

    assertThat(read.stream().map(OtlpJsonRoundTripTest::fields))
        .containsExactlyInAnyOrderElementsOf(
            spans.stream().map(OtlpJsonRoundTripTest::fields).toList());
  }

  /**
   * Another producer: the OTLP exporter's own JSON marshaler (opentelemetry-exporter-otlp-common)
   * writes spans the SDK recorded; spanproof reads them back field for field, and writes the same
   * JSON itself.
   */
  @Test
  void reads_what_opentelemetry_s_exporter_writes_and_writes_the_same() throws IOException {
    List<SpanData> spans = sdkSpans();
    ByteArrayOutputStream exporterJson = new ByteArrayOutputStream();
    TraceRequestMarshaler.create(spans).writeJsonTo(exporterJson);
    String fromExporter = exporterJson.toString(StandardCharsets.UTF_8);

    List<SpanData> read = OtlpJsonFile.parse(fromExporter);

    assertThat(read.stream().map(OtlpJsonRoundTripTest::fields))
        .containsExactlyElementsOf(spans.stream().map(OtlpJsonRoundTripTest::fields).toList());
    // The exporter also writes empty lists, which protobuf's printer leaves out: both mean empty.
    assertThat(withoutEmptyLists(JsonParser.parseString(OtlpJsonFile.toJsonLines(spans))))
        .isEqualTo(withoutEmptyLists(JsonParser.parseString(fromExporter)));
  }

  private static JsonElement withoutEmptyLists(JsonElement json) {
    if (json.isJsonObject()) {
      JsonObject copy = new JsonObject();
      json.getAsJsonObject()
          .entrySet()
          .forEach(
              field -> {
                JsonElement value = field.getValue();
                if (!(value.isJsonArray() && value.getAsJsonArray().isEmpty())) {
                  copy.add(field.getKey(), withoutEmptyLists(value));
                }
              });
      return copy;
    }
    if (json.isJsonArray()) {
      JsonArray copy = new JsonArray();
      json.getAsJsonArray().forEach(element -> copy.add(withoutEmptyLists(element)));
      return copy;
    }
    return json;
  }

  /**
   * A file in the style of opentelemetry-proto's {@code examples/trace.json}: one object over many
   * lines, upper-case hex ids, times as JSON numbers, fields spanproof does not know.
   */
  @Test
  void reads_a_pretty_printed_tracesdata_with_upper_case_ids_and_numeric_times()
      throws IOException {
    Path file = directory.resolve("example.json");
    Files.writeString(
        file,
        """
        {
          "resourceSpans": [{
            "resource": {
              "attributes": [{"key": "service.name", "value": {"stringValue": "payments"}}]
            },
            "scopeSpans": [{
              "scope": {"name": "payments.api", "version": "2.1.0"},
              "spans": [{
                "traceId": "5B8EFFF798038103D269B633813FC60C",
                "spanId": "EEE19B7EC3C1B174",
                "parentSpanId": "EEE19B7EC3C1B173",
                "name": "POST /charge",
                "startTimeUnixNano": 1544712660000000000,
                "endTimeUnixNano": 1544712661000000000,
                "kind": 2,
                "attributes": [{"key": "http.response.status_code", "value": {"intValue": 402}}],
                "status": {"code": 2, "message": "card declined"},
                "futureField": {"ignored": true}
              }]
            }]
          }]
        }
        """);

    SpanData span = OtlpJsonFile.read(file).get(0);

    assertThat(span.getTraceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(span.getSpanId()).isEqualTo("eee19b7ec3c1b174");
    assertThat(span.getParentSpanId()).isEqualTo("eee19b7ec3c1b173");
    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(span.getStartEpochNanos()).isEqualTo(1544712660000000000L);
    assertThat(span.getEndEpochNanos() - span.getStartEpochNanos()).isEqualTo(1_000_000_000L);
    assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(402L);
    assertThat(span.getStatus()).isEqualTo(StatusData.create(StatusCode.ERROR, "card declined"));
    assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.name")))
        .isEqualTo("payments");
    assertThat(span.getInstrumentationScopeInfo())
        .isEqualTo(InstrumentationScopeInfo.builder("payments.api").setVersion("2.1.0").build());
  }

  @Test
  void reads_several_lines_and_skips_blank_ones() {
    String lines =
        OtlpJsonFile.toJsonLines(
                List.of(span("one", "00000000000000a1", SpanContext.getInvalid()).build()))
            + "\n  \n"
            + OtlpJsonFile.toJsonLines(
                List.of(span("two", "00000000000000a2", SpanContext.getInvalid()).build()));

    assertThat(OtlpJsonFile.parse(lines))
        .extracting(SpanData::getName)
        .containsExactly("one", "two");
    assertThat(OtlpJsonFile.parse(" \n")).isEmpty();
  }

  @Test
  void malformed_json_names_the_line() {
    String good =
        OtlpJsonFile.toJsonLines(
            List.of(span("one", "00000000000000a1", SpanContext.getInvalid()).build()));

    assertThatThrownBy(() -> OtlpJsonFile.parse(good + "{\"resourceSpans\": [}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot read OTLP JSON, line 2: it is not JSON: Expected value at line 1 column 20"
                + " path $.resourceSpans[0]\n"
                + "See https://github.com/google/gson/blob/main/Troubleshooting.md#malformed-json");
  }

  @Test
  void a_value_that_is_not_an_object_is_refused() {
    assertThatThrownBy(() -> OtlpJsonFile.parse("[1, 2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot read OTLP JSON, line 1: it must be a JSON object (a TracesData), but is an"
                + " array");
  }

  @Test
  void a_field_of_the_wrong_type_is_named() {
    assertThatThrownBy(() -> OtlpJsonFile.parse("{\"resourceSpans\": {\"a\": 1}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Cannot read OTLP JSON, line 1: it is not an OTLP/JSON TracesData: ");
  }

  @Test
  void an_id_that_is_not_hex_is_named() {
    assertThatThrownBy(
            () ->
                OtlpJsonFile.parse(
                    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\"}]}]}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot read OTLP JSON, line 1: traceId \"xyz\" is not hex, which OTLP/JSON requires"
                + " for ids");
  }

  @Test
  void an_id_of_the_wrong_length_names_the_span_and_its_service() {
    String json =
        "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
            + "\"value\":{\"stringValue\":\"inventory\"}}]},\"scopeSpans\":[{\"spans\":[{"
            + "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902\","
            + "\"name\":\"GET /stock\"}]}]}]}";

    assertThatThrownBy(() -> OtlpJsonFile.parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot read OTLP JSON, line 1: span [GET /stock] of service [inventory]: span id has"
                + " 7 bytes, but must have 8");
  }

  @Test
  void a_file_names_itself_in_messages() throws IOException {
    Path file = directory.resolve("broken.jsonl");
    Files.writeString(file, "[]\n");

    assertThatThrownBy(() -> OtlpJsonFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot read OTLP JSON from "
                + file
                + ", line 1: it must be a JSON object (a TracesData), but is an array");
    Path missing = directory.resolve("missing.jsonl");
    assertThatThrownBy(() -> OtlpJsonFile.read(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("Cannot read OTLP JSON from " + missing + ": ");
  }

  @Test
  void null_arguments_are_named() {
    assertThatThrownBy(() -> OtlpJsonFile.write((Trace) null, directory.resolve("x")))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("write(Trace trace, Path file): trace must not be null");
    assertThatThrownBy(() -> OtlpJsonFile.write(List.of(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(
            "write(Collection<? extends SpanData> spans, Path file): file must not be null");
    assertThatThrownBy(() -> OtlpJsonFile.read(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("read(Path file): file must not be null");
    assertThatThrownBy(() -> OtlpJsonFile.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("parse(String json): json must not be null");
  }

  /** Spans the SDK recorded: nesting, a remote parent, an exception, a link, every value type. */
  private static List<SpanData> sdkSpans() {
    try (TracingHarness harness = TracingHarness.builder().resource(SHOP).build()) {
      Tracer tracer = harness.openTelemetry().getTracer("checkout", "3.1.0");
      SpanContext remote =
          SpanContext.createFromRemoteParent(
              TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
      Span server =
          tracer
              .spanBuilder("POST /checkout")
              .setSpanKind(SpanKind.SERVER)
              .setParent(io.opentelemetry.context.Context.root().with(Span.wrap(remote)))
              .setAttribute("http.request.method", "POST")
              .setAttribute("http.response.status_code", 500L)
              .setAttribute(AttributeKey.doubleArrayKey("weights"), List.of(0.5, 1.25))
              .setAttribute(AttributeKey.booleanArrayKey("flags"), List.of(true, false))
              .startSpan();
      try (Scope ignored = server.makeCurrent()) {
        Span payment =
            tracer
                .spanBuilder("charge card")
                .setSpanKind(SpanKind.CLIENT)
                .addLink(remote, Attributes.of(AttributeKey.stringKey("why"), "retry of"))
                .startSpan();
        payment.recordException(new IllegalStateException("declined"));
        payment.setStatus(StatusCode.ERROR, "card declined");
        payment.end();
      }
      server.addEvent("responded", Attributes.of(AttributeKey.longArrayKey("sizes"), List.of(1L)));
      server.end();
      return harness.finishedSpans();
    }
  }

  private static TestSpanData.Builder span(String name, String spanId, SpanContext parent) {
    return TestSpanData.builder()
        .setName(name)
        .setKind(SpanKind.INTERNAL)
        .setSpanContext(
            SpanContext.create(TRACE_ID, spanId, TraceFlags.getSampled(), TraceState.getDefault()))
        .setParentSpanContext(parent)
        .setResource(SHOP)
        .setInstrumentationScopeInfo(ORDERS)
        .setStartEpochNanos(1_767_225_600_000_000_000L)
        .setEndEpochNanos(1_767_225_601_000_000_000L)
        .setHasEnded(true)
        .setStatus(StatusData.unset())
        .setTotalRecordedEvents(0)
        .setTotalRecordedLinks(0);
  }
}
