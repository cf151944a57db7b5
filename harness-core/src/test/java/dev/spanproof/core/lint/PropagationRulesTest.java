package dev.spanproof.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Orphans, several roots, and which CLIENT span a parentless SERVER span is blamed on. */
class PropagationRulesTest {

  private final TracingHarness harness = TracingHarness.builder().build();
  private final Tracer tracer = harness.tracer();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void finds_a_span_whose_parent_never_ended() {
    Span parent = tracer.spanBuilder("checkout").startSpan();
    tracer.spanBuilder("reserve stock").setParent(Context.root().with(parent)).startSpan().end();
    List<SpanData> captured = harness.finishedSpans();
    parent.end();

    assertThat(TraceLint.only("orphan_span").check(Trace.of(captured)))
        .extracting(Finding::toString)
        .containsExactly(
            "violation orphan_span [reserve stock]: its parent "
                + parent.getSpanContext().getSpanId()
                + " is not in the trace: was the parent never ended, or its context lost?");
  }

  @Test
  void finds_two_roots_continuing_the_same_remote_caller() {
    Context caller =
        Context.root()
            .with(
                Span.wrap(
                    SpanContext.createFromRemoteParent(
                        "4bf92f3577b34da6a3ce929d0e0e4736",
                        "00f067aa0ba902b7",
                        TraceFlags.getSampled(),
                        TraceState.getDefault())));
    tracer
        .spanBuilder("first")
        .setParent(caller)
        .setStartTimestamp(1000, TimeUnit.MILLISECONDS)
        .startSpan()
        .end(1001, TimeUnit.MILLISECONDS);
    tracer
        .spanBuilder("second")
        .setParent(caller)
        .setStartTimestamp(1002, TimeUnit.MILLISECONDS)
        .startSpan()
        .end(1003, TimeUnit.MILLISECONDS);

    assertThat(TraceLint.only("several_roots").check(harness.traces()))
        .extracting(Finding::toString)
        .containsExactly(
            "violation several_roots [first and 1 more]: the trace has 2 roots [first, second],"
                + " where one operation should have one root");
  }

  @Test
  void one_trace_is_what_expecting_one_trace_expects() {
    tracer.spanBuilder("only").startSpan().end();

    assertThat(TraceLint.defaults().expectingOneTrace().check(harness.traces())).isEmpty();
  }

  @Test
  void blames_a_client_whose_call_spans_exactly_the_servers_time() {
    Span client = spanAt("GET", SpanKind.CLIENT, 1000);
    spanAt("GET /orders", SpanKind.SERVER, 1000).end(1010, TimeUnit.MILLISECONDS);
    client.end(1010, TimeUnit.MILLISECONDS);

    assertThat(TraceLint.only("server_without_remote_parent").check(harness.traces()))
        .extracting(Finding::toString)
        .containsExactly(
            "violation server_without_remote_parent [GET /orders]: a SERVER span without a"
                + " parent, served while CLIENT span [GET] of trace "
                + client.getSpanContext().getTraceId()
                + " waited for a response: did the client send traceparent, and did the server"
                + " extract it?");
  }

  @Test
  void does_not_take_a_servers_own_outgoing_call_for_its_caller() {
    Span server = spanAt("GET /orders", SpanKind.SERVER, 1000);
    tracer
        .spanBuilder("GET inventory")
        .setSpanKind(SpanKind.CLIENT)
        .setParent(Context.root().with(server))
        .setStartTimestamp(1000, TimeUnit.MILLISECONDS)
        .startSpan()
        .end(1010, TimeUnit.MILLISECONDS);
    server.end(1010, TimeUnit.MILLISECONDS);

    assertThat(TraceLint.only("server_without_remote_parent").check(harness.traces())).isEmpty();
  }

  private Span spanAt(String name, SpanKind kind, long startMillis) {
    return tracer
        .spanBuilder(name)
        .setSpanKind(kind)
        .setNoParent()
        .setStartTimestamp(startMillis, TimeUnit.MILLISECONDS)
        .startSpan();
  }
}
