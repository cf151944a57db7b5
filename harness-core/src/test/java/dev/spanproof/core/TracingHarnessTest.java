package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.internal.OpenHarnesses;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracingHarnessTest {

  private final TracingHarness harness = TracingHarness.builder().build();

  @AfterEach
  void closeHarness() {
    harness.close();
  }

  @Test
  void should_capture_spans_of_the_isolated_sdk_without_touching_the_global() {
    // GIVEN
    boolean globalWasSet = GlobalOpenTelemetry.isSet();
    Tracer tracer = harness.tracer();
    // WHEN
    Span root = tracer.spanBuilder("processOrder").startSpan();
    try (Scope ignored = root.makeCurrent()) {
      tracer.spanBuilder("validateInventory").startSpan().end();
      tracer.spanBuilder("processPayment").setSpanKind(SpanKind.CLIENT).startSpan().end();
    } finally {
      root.end();
    }
    // THEN
    assertThat(harness.finishedSpans())
        .extracting(SpanData::getName)
        .containsExactly("processOrder", "validateInventory", "processPayment");
    Trace trace = harness.traces().get(0);
    assertThat(trace.roots())
        .singleElement()
        .satisfies(
            node -> {
              assertThat(node.name()).isEqualTo("processOrder");
              assertThat(node.children())
                  .extracting(n -> n.name())
                  .containsExactly("validateInventory", "processPayment");
            });
    assertThat(GlobalOpenTelemetry.isSet()).isEqualTo(globalWasSet);
    assertThat(harness.finishedSpans().get(0).getInstrumentationScopeInfo().getName())
        .isEqualTo("spanproof-test");
  }

  @Test
  void should_give_each_session_only_its_own_spans_across_threads() throws Exception {
    // GIVEN
    CaptureSession first = harness.openSession("first");
    CaptureSession second = harness.openSession("second");
    ExecutorService executor = Context.taskWrapping(Executors.newFixedThreadPool(2));
    // WHEN
    try (Scope ignored = first.makeCurrent()) {
      Span parent = harness.tracer().spanBuilder("first-root").startSpan();
      try (Scope inSpan = parent.makeCurrent()) {
        executor.submit(() -> harness.tracer().spanBuilder("first-async").startSpan().end()).get();
      }
      parent.end();
    }
    try (Scope ignored = second.makeCurrent()) {
      harness.tracer().spanBuilder("second-root").setNoParent().startSpan().end();
    }
    harness.tracer().spanBuilder("nobody").startSpan().end();
    executor.shutdown();
    executor.awaitTermination(5, TimeUnit.SECONDS);
    // THEN
    assertThat(first.finishedSpans())
        .extracting(SpanData::getName)
        .containsExactly("first-root", "first-async");
    assertThat(second.finishedSpans()).extracting(SpanData::getName).containsExactly("second-root");
    assertThat(harness.unownedSpans()).extracting(SpanData::getName).containsExactly("nobody");
    assertThat(harness.unownedSpanReports())
        .singleElement()
        .satisfies(
            nobody -> {
              assertThat(nobody.name()).isEqualTo("nobody");
              assertThat(nobody.reason()).isEqualTo("started outside any capture session");
            });
  }

  @Test
  void should_attribute_a_span_continuing_an_owned_trace_without_the_session_in_its_context() {
    // GIVEN a trace started in a session, continued from headers on a thread with no context
    CaptureSession session = harness.openSession("test");
    Map<String, String> headers = new HashMap<>();
    Span client;
    try (Scope ignored = session.makeCurrent()) {
      client =
          harness.tracer().spanBuilder("GET /inventory").setSpanKind(SpanKind.CLIENT).startSpan();
      harness
          .propagators()
          .getTextMapPropagator()
          .inject(Context.current().with(client), headers, Map::put);
    }
    // WHEN the "server" extracts it in the root context
    try (Scope ignored = Context.root().makeCurrent()) {
      Context remote =
          harness
              .propagators()
              .getTextMapPropagator()
              .extract(Context.root(), headers, new MapGetter());
      harness
          .tracer()
          .spanBuilder("inventory")
          .setParent(remote)
          .setSpanKind(SpanKind.SERVER)
          .startSpan()
          .end();
    }
    client.end();
    // THEN
    Trace trace = session.traces().get(0);
    assertThat(trace.spanCount()).isEqualTo(2);
    assertThat(trace.spansNamed("inventory").get(0).parent())
        .hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("GET /inventory"));
    assertThat(harness.unownedSpans()).isEmpty();
  }

  @Test
  void should_capture_a_downstream_service_into_the_trace_and_the_session_that_started_it() {
    // GIVEN a client span in a test's session, its context sent in headers
    CaptureSession session = harness.openSession("test");
    Map<String, String> headers = new HashMap<>();
    Span client;
    try (Scope ignored = session.makeCurrent()) {
      client =
          harness.tracer().spanBuilder("GET /inventory").setSpanKind(SpanKind.CLIENT).startSpan();
      harness
          .propagators()
          .getTextMapPropagator()
          .inject(Context.root().with(client), headers, Map::put);
    }
    String traceId = client.getSpanContext().getTraceId();
    // WHEN a stand-in server, knowing only the headers, finds the session and records its span
    CaptureSession found = OpenHarnesses.findSessionOwningTrace(traceId).orElseThrow();
    Context remote =
        found
            .harness()
            .propagators()
            .getTextMapPropagator()
            .extract(Context.root(), headers, new MapGetter());
    found
        .harness()
        .tracerProviderForService("inventory-service")
        .get("stub")
        .spanBuilder("GET /inventory")
        .setParent(remote)
        .setSpanKind(SpanKind.SERVER)
        .startSpan()
        .end();
    client.end();
    // THEN
    assertThat(found).isSameAs(session);
    SpanData server =
        session.finishedSpans().stream()
            .filter(s -> s.getKind() == SpanKind.SERVER)
            .findFirst()
            .orElseThrow();
    assertThat(server.getResource().getAttribute(AttributeKey.stringKey("service.name")))
        .isEqualTo("inventory-service");
    assertThat(server.getParentSpanId()).isEqualTo(client.getSpanContext().getSpanId());
    assertThat(OpenHarnesses.findSessionOwningTrace("00000000000000000000000000000001")).isEmpty();
    session.close();
    assertThat(OpenHarnesses.findSessionOwningTrace(traceId)).isEmpty();
    assertThatThrownBy(() -> harness.tracerProviderForService(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a service needs a name, but got \"\"");
  }

  @Test
  void should_mark_spans_started_after_their_session_closed_as_late() {
    CaptureSession session = harness.openSession("test [late]");
    Context withSession = Context.current().with(session);
    session.close();
    harness.tracer().spanBuilder("late").setParent(withSession).startSpan().end();
    assertThat(session.finishedSpans()).isEmpty();
    assertThat(harness.unownedSpanReports())
        .singleElement()
        .satisfies(
            late -> assertThat(late.reason()).isEqualTo("started after [test [late]] was closed"));
  }

  @Test
  void should_keep_recorded_but_unsampled_spans() {
    try (TracingHarness recordOnly =
        TracingHarness.builder().sampler(new RecordOnlySampler()).build()) {
      recordOnly.tracer().spanBuilder("recorded").startSpan().end();
      assertThat(recordOnly.finishedSpans())
          .singleElement()
          .satisfies(span -> assertThat(span.getSpanContext().isSampled()).isFalse());
    }
  }

  @Test
  void should_fail_clearly_naming_the_limit_and_the_session_when_too_many_spans_start() {
    try (TracingHarness small = TracingHarness.builder().maxSpans(3).build()) {
      CaptureSession session = small.openSession("test [OrderServiceTest.loop()]");
      try (Scope ignored = session.makeCurrent()) {
        for (int i = 0; i < 5; i++) {
          small.tracer().spanBuilder("query").startSpan().end();
        }
      }
      assertThat(session.startedSpanCount()).isEqualTo(3);
      assertThat(session.spansBeyondLimit()).isEqualTo(2);
      assertThatThrownBy(session::finishedSpans)
          .isInstanceOf(SpanLimitExceededException.class)
          .hasMessage(
              "[test [OrderServiceTest.loop()]] started more spans than its limit of 3: 2 spans"
                  + " beyond the limit were not kept. Raise the limit (maxSpans) if the test"
                  + " really needs that many, or look for a loop that starts spans without end.");
    }
  }

  @Test
  void should_report_unended_spans_with_the_stack_where_they_started() {
    try (TracingHarness stacks = TracingHarness.builder().recordStartStacks(true).build()) {
      CaptureSession session = stacks.openSession("test");
      try (Scope ignored = session.makeCurrent()) {
        stacks.tracer().spanBuilder("forgotten").startSpan();
      }
      UnendedSpan unended = session.unendedSpans().get(0);
      assertThat(unended.startStack().orElseThrow().get(0).getMethodName())
          .isEqualTo("should_report_unended_spans_with_the_stack_where_they_started");
      assertThat(unended.describe())
          .startsWith("span [forgotten] (trace ")
          .contains(
              ") was started but never ended, started at:\n\tat"
                  + " dev.spanproof.core.TracingHarnessTest"
                  + ".should_report_unended_spans_with_the_stack_where_they_started"
                  + "(TracingHarnessTest.java:");
    }
  }

  @Test
  void should_trim_start_stacks_to_the_users_frames_above_the_runner_and_the_pool()
      throws Exception {
    try (TracingHarness stacks = TracingHarness.builder().recordStartStacks(true).build()) {
      CaptureSession session = stacks.openSession("test");
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newSingleThreadExecutor();
      try (Scope ignored = session.makeCurrent()) {
        stacks.tracer().spanBuilder("on the test thread").startSpan();
        pool.submit(
                Context.current()
                    .wrap(() -> stacks.tracer().spanBuilder("on a pool thread").startSpan()))
            .get();
      } finally {
        pool.shutdown();
      }
      for (UnendedSpan unended : session.unendedSpans()) {
        assertThat(unended.startStack().orElseThrow())
            .as("start stack of [%s]", unended.name())
            .isNotEmpty()
            .allSatisfy(
                frame ->
                    assertThat(frame.getClassName())
                        .doesNotStartWith("org.junit.")
                        .doesNotStartWith("jdk.internal.reflect.")
                        .doesNotStartWith("java.lang.reflect.")
                        .doesNotStartWith("java.util.concurrent.")
                        .doesNotStartWith("io.opentelemetry."));
      }
      assertThat(session.unendedSpans().get(0).startStack().orElseThrow())
          .last()
          .extracting(StackTraceElement::getMethodName)
          .isEqualTo("should_trim_start_stacks_to_the_users_frames_above_the_runner_and_the_pool");
    }
  }

  @Test
  void should_apply_sampler_resource_and_clock() {
    ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    try (TracingHarness configured =
        TracingHarness.builder()
            .sampler(Sampler.alwaysOff())
            .resource(Resource.builder().put("service.name", "orders").build())
            .clock(clock)
            .build()) {
      configured.tracer().spanBuilder("dropped").startSpan().end();
      assertThat(configured.finishedSpans()).isEmpty();
    }
    try (TracingHarness timed =
        TracingHarness.builder()
            .resource(Resource.builder().put("service.name", "orders").build())
            .clock(clock)
            .build()) {
      Span span = timed.tracer().spanBuilder("slow").startSpan();
      clock.advance(Duration.ofMillis(750));
      span.end();
      SpanData data = timed.finishedSpans().get(0);
      assertThat(data.getEndEpochNanos() - data.getStartEpochNanos()).isEqualTo(750_000_000L);
      assertThat(data.getResource().getAttribute(AttributeKey.stringKey("service.name")))
          .isEqualTo("orders");
      assertThat(TraceRenderer.create().render(timed.traces().get(0)))
          .endsWith("└─ slow [INTERNAL, UNSET, 750 ms]");
    }
  }

  @Test
  void should_install_globally_route_by_session_and_restore_the_previous_global_exactly() {
    // GIVEN a global set before, as an application or the Java agent sets it
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(OpenTelemetry.propagating(ContextPropagators.noop()));
    OpenTelemetry before = GlobalOpenTelemetry.get();
    try {
      // WHEN two harnesses share the global
      try (TracingHarness other = TracingHarness.builder().build();
          GlobalInstallation a = harness.installGlobal();
          GlobalInstallation b = other.installGlobal()) {
        CaptureSession mine = harness.openSession("mine");
        CaptureSession theirs = other.openSession("theirs");
        Tracer global = GlobalOpenTelemetry.getTracer("cached-by-code-under-test");
        try (Scope ignored = mine.makeCurrent()) {
          global.spanBuilder("from-mine").startSpan().end();
        }
        try (Scope ignored = theirs.makeCurrent()) {
          global.spanBuilder("from-theirs").startSpan().end();
        }
        // THEN each sees its own spans
        assertThat(mine.finishedSpans()).extracting(SpanData::getName).containsExactly("from-mine");
        assertThat(theirs.finishedSpans())
            .extracting(SpanData::getName)
            .containsExactly("from-theirs");
        assertThat(mine.finishedSpans().get(0).getInstrumentationScopeInfo().getName())
            .isEqualTo("cached-by-code-under-test");
      }
      // AND the same instance is back, still naming this method as the one that set it
      assertThat(GlobalOpenTelemetry.get()).isSameAs(before);
      String thisTest = new Throwable().getStackTrace()[0].getMethodName();
      assertThatThrownBy(() -> GlobalOpenTelemetry.set(OpenTelemetry.noop()))
          .isInstanceOf(IllegalStateException.class)
          .cause()
          .satisfies(
              firstSet ->
                  assertThat(firstSet.getStackTrace())
                      .anyMatch(frame -> frame.getMethodName().equals(thisTest)));
    } finally {
      GlobalOpenTelemetry.resetForTest();
    }
  }

  @Test
  void should_reject_bad_configuration_with_clear_messages() {
    assertThatThrownBy(() -> TracingHarness.builder().sampler(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sampler must not be null");
    assertThatThrownBy(() -> TracingHarness.builder().maxSpans(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSpans must be at least 1, but was 0");
    assertThatThrownBy(() -> harness.openSession(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a capture session needs a name, but got \" \"");
    assertThatThrownBy(() -> CaptureSession.fromContext(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("context must not be null");
    harness.close();
    assertThatThrownBy(() -> harness.openSession("late"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this TracingHarness is closed");
  }

  @Test
  void should_propagate_b3_when_asked() {
    try (TracingHarness b3 = TracingHarness.builder().propagation(Propagation.B3_MULTI).build()) {
      Span span = b3.tracer().spanBuilder("client").startSpan();
      Map<String, String> headers = new HashMap<>();
      b3.propagators().getTextMapPropagator().inject(Context.root().with(span), headers, Map::put);
      span.end();
      assertThat(headers)
          .containsEntry("X-B3-TraceId", span.getSpanContext().getTraceId())
          .doesNotContainKey("traceparent");
    }
  }

  private static final class MapGetter
      implements io.opentelemetry.context.propagation.TextMapGetter<Map<String, String>> {
    // Deprecated since OpenTelemetry 1.68, but abstract in the older versions users pin.
    @SuppressWarnings("deprecation")
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  }

  private static final class RecordOnlySampler implements Sampler {
    @Override
    public io.opentelemetry.sdk.trace.samplers.SamplingResult shouldSample(
        Context parentContext,
        String traceId,
        String name,
        SpanKind spanKind,
        io.opentelemetry.api.common.Attributes attributes,
        List<io.opentelemetry.sdk.trace.data.LinkData> parentLinks) {
      return io.opentelemetry.sdk.trace.samplers.SamplingResult.recordOnly();
    }

    @Override
    public String getDescription() {
      return "RecordOnly";
    }
  }
}
