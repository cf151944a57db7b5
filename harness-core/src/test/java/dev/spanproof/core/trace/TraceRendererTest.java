package dev.spanproof.core.trace;

import static dev.spanproof.core.trace.Spans.TRACE_ID;
import static dev.spanproof.core.trace.Spans.remoteChild;
import static dev.spanproof.core.trace.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.semconv.ServiceAttributes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceRendererTest {

  @Test
  void should_draw_the_tree_with_kind_status_duration_attributes_events_and_marks() {
    SpanData root =
        TestSpanData.builder()
            .setName("processOrder")
            .setKind(SpanKind.SERVER)
            .setSpanContext(span("x", 1, 0, 0).getSpanContext())
            .setParentSpanContext(span("x", 1, 0, 0).getParentSpanContext())
            .setStartEpochNanos(0)
            .setEndEpochNanos(12_300_000)
            .setHasEnded(true)
            .setStatus(StatusData.ok())
            .setAttributes(
                Attributes.of(
                    AttributeKey.longKey("order.id"), 42L, AttributeKey.stringKey("other"), "x"))
            .setTotalRecordedEvents(0)
            .setTotalRecordedLinks(0)
            .setTotalAttributeCount(2)
            .build();
    SpanData payment =
        TestSpanData.builder()
            .setName("processPayment")
            .setKind(SpanKind.CLIENT)
            .setSpanContext(span("x", 3, 1, 0).getSpanContext())
            .setParentSpanContext(span("x", 3, 1, 0).getParentSpanContext())
            .setStartEpochNanos(3_000_000)
            .setEndEpochNanos(11_000_000)
            .setHasEnded(true)
            .setStatus(
                StatusData.create(io.opentelemetry.api.trace.StatusCode.ERROR, "card declined"))
            .setEvents(List.of(EventData.create(4_000_000, "exception", Attributes.empty())))
            .setTotalRecordedEvents(1)
            .setTotalRecordedLinks(0)
            .setTotalAttributeCount(0)
            .build();
    Trace trace =
        Trace.of(
            List.of(
                root,
                span("validateInventory", 2, 1, 1),
                payment,
                span("audit", 4, 2, 2),
                span("lost", 9, 77, 20)));
    SpanNode paymentNode = trace.spansNamed("processPayment").get(0);

    String rendered =
        TraceRenderer.create()
            .withAttributes("order.id")
            .withMark(paymentNode, "expected status OK")
            .render(trace);

    assertThat(rendered)
        .isEqualTo(
            """
        trace 4bf92f3577b34da6a3ce929d0e0e4736 (5 spans, 30.0 ms)
        ├─ processOrder [SERVER, OK, 12.3 ms] order.id=42
        │  ├─ validateInventory [INTERNAL, UNSET, 10.0 ms]
        │  │  └─ audit [INTERNAL, UNSET, 10.0 ms]
        │  └─ processPayment [CLIENT, ERROR "card declined", 8.00 ms] events: exception  <-- expected status OK
        └─ lost [INTERNAL, UNSET, 10.0 ms] (orphan: parent 000000000000004d is not in the trace)""");
  }

  @Test
  void should_name_a_remote_parent_and_render_several_traces() {
    Trace remote = Trace.of(List.of(remoteChild("GET /inventory", 5, 42, 0)));
    assertThat(TraceRenderer.create().render(List.of(remote, remote)))
        .isEqualTo(
            """
        trace 4bf92f3577b34da6a3ce929d0e0e4736 (1 span, 10.0 ms)
        └─ GET /inventory [INTERNAL, UNSET, 10.0 ms] (remote parent 000000000000002a)

        trace 4bf92f3577b34da6a3ce929d0e0e4736 (1 span, 10.0 ms)
        └─ GET /inventory [INTERNAL, UNSET, 10.0 ms] (remote parent 000000000000002a)""");
    assertThat(TraceRenderer.create().render(List.of())).isEqualTo("(no traces)");
  }

  @Test
  void should_draw_links_by_name_when_drawn_else_by_ids_and_flag_spans_not_sampled() {
    String otherTraceId = "0af7651916cd43dd8448eb211c80319c";
    SpanData publish = span("orders publish", 1, 0, 0);
    SpanData process =
        TestSpanData.builder()
            .setName("orders process")
            .setKind(SpanKind.CONSUMER)
            .setSpanContext(
                SpanContext.create(
                    otherTraceId,
                    Spans.spanId(2),
                    TraceFlags.getDefault(),
                    TraceState.getDefault()))
            .setParentSpanContext(SpanContext.getInvalid())
            .setStartEpochNanos(20_000_000)
            .setEndEpochNanos(30_000_000)
            .setHasEnded(true)
            .setStatus(StatusData.unset())
            .setLinks(
                List.of(
                    LinkData.create(publish.getSpanContext()),
                    LinkData.create(
                        SpanContext.create(
                            TRACE_ID,
                            Spans.spanId(77),
                            TraceFlags.getSampled(),
                            TraceState.getDefault()))))
            .setTotalRecordedEvents(0)
            .setTotalRecordedLinks(2)
            .setTotalAttributeCount(0)
            .build();
    SpanData retry =
        TestSpanData.builder()
            .setName("orders retry")
            .setKind(SpanKind.INTERNAL)
            .setSpanContext(
                SpanContext.create(
                    otherTraceId,
                    Spans.spanId(3),
                    TraceFlags.getSampled(),
                    TraceState.getDefault()))
            .setParentSpanContext(process.getSpanContext())
            .setStartEpochNanos(25_000_000)
            .setEndEpochNanos(26_000_000)
            .setHasEnded(true)
            .setStatus(StatusData.unset())
            .setLinks(List.of(LinkData.create(process.getSpanContext())))
            .setTotalRecordedEvents(0)
            .setTotalRecordedLinks(1)
            .setTotalAttributeCount(0)
            .build();
    Trace published = Trace.of(List.of(publish));
    Trace processed = Trace.of(List.of(process, retry));

    assertThat(TraceRenderer.create().render(List.of(published, processed)))
        .isEqualTo(
            """
            trace 4bf92f3577b34da6a3ce929d0e0e4736 (1 span, 10.0 ms)
            └─ orders publish [INTERNAL, UNSET, 10.0 ms]

            trace 0af7651916cd43dd8448eb211c80319c (2 spans, 10.0 ms)
            └─ orders process [CONSUMER, UNSET, 10.0 ms, not sampled] → link to [orders publish] \
            in trace 4bf92f35… → link to span 000000000000004d in trace \
            4bf92f3577b34da6a3ce929d0e0e4736 (not drawn)
               └─ orders retry [INTERNAL, UNSET, 1.00 ms] → link to [orders process]""");
    assertThat(TraceRenderer.create().render(processed))
        .contains(
            "→ link to span 0000000000000001 in trace 4bf92f3577b34da6a3ce929d0e0e4736 (not drawn)");
  }

  @Test
  void should_draw_levels_beyond_32_with_their_number_instead_of_indentation() {
    List<SpanData> chain = new java.util.ArrayList<>();
    for (int i = 1; i <= 35; i++) {
      chain.add(span("level-" + (i - 1), i, i - 1, i));
    }
    String[] lines = TraceRenderer.create().render(Trace.of(chain)).split("\n", -1);
    assertThat(lines[33]).isEqualTo("   ".repeat(32) + "└─ level-32 [INTERNAL, UNSET, 10.0 ms]");
    assertThat(lines[34]).isEqualTo("┆ (level 33) └─ level-33 [INTERNAL, UNSET, 10.0 ms]");
  }

  @Test
  void should_draw_at_most_the_limit_plus_marked_spans_and_their_ancestors() {
    List<SpanData> wide = new java.util.ArrayList<>();
    wide.add(span("root", 1, 0, 0));
    for (int i = 2; i <= 1000; i++) {
      wide.add(span("query-" + i, i, i == 900 ? 500 : 1, i));
    }
    Trace trace = Trace.of(wide);
    SpanNode deep = trace.spansNamed("query-900").get(0);

    String rendered =
        TraceRenderer.create().withMaxSpans(3).withMark(deep, "this one").render(trace);

    assertThat(rendered)
        .isEqualTo(
            """
        trace 4bf92f3577b34da6a3ce929d0e0e4736 (1000 spans, 1.01 s)
        └─ root [INTERNAL, UNSET, 10.0 ms]
           ├─ query-2 [INTERNAL, UNSET, 10.0 ms]
           ├─ query-3 [INTERNAL, UNSET, 10.0 ms]
           └─ query-500 [INTERNAL, UNSET, 10.0 ms]
              └─ query-900 [INTERNAL, UNSET, 10.0 ms]  <-- this one
        … 995 more spans not drawn""");
    assertThatThrownBy(() -> TraceRenderer.create().withMaxSpans(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSpans must be at least 1, but was 0");
  }

  @Test
  void should_format_durations_for_people() {
    assertThat(TraceRenderer.formatDuration(Duration.ofNanos(850))).isEqualTo("850 ns");
    assertThat(TraceRenderer.formatDuration(Duration.ofNanos(12_345))).isEqualTo("12.3 µs");
    assertThat(TraceRenderer.formatDuration(Duration.ofNanos(4_070_000))).isEqualTo("4.07 ms");
    assertThat(TraceRenderer.formatDuration(Duration.ofNanos(123_400_000))).isEqualTo("123 ms");
    assertThat(TraceRenderer.formatDuration(Duration.ofMillis(1_200))).isEqualTo("1.20 s");
  }

  @Test
  void should_name_each_spans_service_when_the_trace_crosses_services() {
    // GIVEN checkout in orders calling inventory, whose span came from another process
    Trace trace =
        Trace.of(
            List.of(
                ofService("orders", span("checkout", 1, 0, 0)),
                ofService("orders", span("GET /inventory", 2, 1, 1)),
                ofService("inventory", remoteChild("GET /inventory", 3, 2, 2)),
                span("no resource", 4, 3, 3)));
    Trace oneService =
        Trace.of(
            List.of(
                ofService("orders", span("checkout", 1, 0, 0)),
                ofService("orders", span("GET /inventory", 2, 1, 1))));

    assertThat(TraceRenderer.create().render(trace))
        .isEqualTo(
            """
            trace 4bf92f3577b34da6a3ce929d0e0e4736 (4 spans, 13.0 ms)
            └─ checkout [INTERNAL, orders, UNSET, 10.0 ms]
               └─ GET /inventory [INTERNAL, orders, UNSET, 10.0 ms]
                  └─ GET /inventory [INTERNAL, inventory, UNSET, 10.0 ms] (remote parent 0000000000000002)
                     └─ no resource [INTERNAL, no service.name, UNSET, 10.0 ms]""");
    assertThat(TraceRenderer.create().render(oneService))
        .isEqualTo(
            """
            trace 4bf92f3577b34da6a3ce929d0e0e4736 (2 spans, 11.0 ms)
            └─ checkout [INTERNAL, UNSET, 10.0 ms]
               └─ GET /inventory [INTERNAL, UNSET, 10.0 ms]""");
    assertThat(TraceRenderer.create().renderLine(trace.spansNamed("no resource").get(0)))
        .isEqualTo("no resource [INTERNAL, UNSET, 10.0 ms]");
  }

  private static SpanData ofService(String serviceName, SpanData span) {
    Resource resource = Resource.builder().put(ServiceAttributes.SERVICE_NAME, serviceName).build();
    return new DelegatingSpanData(span) {
      @Override
      public Resource getResource() {
        return resource;
      }
    };
  }
}
