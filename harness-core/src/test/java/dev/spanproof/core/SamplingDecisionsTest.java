package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.sampling.SamplingRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SamplingDecisionsTest {

  private static final SpanContext REMOTE_UNSAMPLED =
      SpanContext.createFromRemoteParent(
          "4bf92f3577b34da6a3ce929d0e0e4736",
          "00f067aa0ba902b7",
          TraceFlags.getDefault(),
          TraceState.getDefault());

  @Test
  void should_record_every_decision_of_a_session_in_order_with_what_the_sampler_was_asked() {
    try (TracingHarness harness = harness(Sampler.alwaysOn())) {
      CaptureSession session = harness.openSession("order flow");
      // WHEN
      try (Scope ignored = session.makeCurrent()) {
        Span root =
            harness.tracer().spanBuilder("processOrder").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope inRoot = root.makeCurrent()) {
          harness.tracer().spanBuilder("validateInventory").startSpan().end();
        } finally {
          root.end();
        }
      }
      // THEN
      List<SamplingRecord> decisions = session.samplingDecisions();
      assertThat(decisions)
          .extracting(SamplingRecord::spanName)
          .containsExactly("processOrder", "validateInventory");
      SamplingRecord root = decisions.get(0);
      assertThat(root.decision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
      assertThat(root.isSampled()).isTrue();
      assertThat(root.spanKind()).isEqualTo(SpanKind.SERVER);
      assertThat(root.traceId()).isEqualTo("00000000000000000000000000000001");
      assertThat(root.hasParent()).isFalse();
      assertThat(root.parentSpanId()).isEqualTo("0000000000000000");
      assertThat(root.samplerDescription()).isEqualTo("AlwaysOnSampler");
      SamplingRecord child = decisions.get(1);
      assertThat(child.hasParent()).isTrue();
      assertThat(child.hasRemoteParent()).isFalse();
      assertThat(child.isParentSampled()).isTrue();
      assertThat(child.parentSpanId()).isEqualTo("0000000000000001");
      assertThat(child)
          .hasToString(
              "validateInventory [INTERNAL], trace 00000000000000000000000000000001, parent"
                  + " 0000000000000001 (local, sampled): RECORD_AND_SAMPLE by AlwaysOnSampler");
    }
  }

  @Test
  void should_record_drops_for_the_session_that_would_have_owned_the_spans() {
    try (TracingHarness harness = harness(Sampler.alwaysOff())) {
      CaptureSession dropped = harness.openSession("dropped");
      CaptureSession quiet = harness.openSession("quiet");
      // WHEN
      try (Scope ignored = dropped.makeCurrent()) {
        harness.tracer().spanBuilder("processOrder").startSpan().end();
      }
      harness.tracer().spanBuilder("outside").startSpan().end();
      // THEN
      assertThat(dropped.finishedSpans()).isEmpty();
      assertThat(dropped.samplingDecisions())
          .singleElement()
          .hasToString(
              "processOrder [INTERNAL], trace 00000000000000000000000000000001, no parent: DROP by"
                  + " AlwaysOffSampler");
      assertThat(dropped.spansDroppedBySampler()).isEqualTo(1);
      assertThat(quiet.samplingDecisions()).isEmpty();
      assertThat(harness.samplingDecisions())
          .extracting(SamplingRecord::spanName)
          .containsExactly("processOrder", "outside");
    }
  }

  @Test
  void should_merge_the_harness_decisions_of_all_sessions_in_the_order_they_were_made() {
    try (TracingHarness harness = harness(Sampler.alwaysOn())) {
      CaptureSession first = harness.openSession("first");
      CaptureSession second = harness.openSession("second");
      // WHEN
      for (int i = 0; i < 3; i++) {
        for (CaptureSession session : List.of(first, second)) {
          try (Scope ignored = session.makeCurrent()) {
            harness.tracer().spanBuilder(session.name() + " " + i).startSpan().end();
          }
        }
        harness.tracer().spanBuilder("unowned " + i).startSpan().end();
      }
      // THEN
      assertThat(harness.samplingDecisions())
          .extracting(SamplingRecord::spanName)
          .containsExactly(
              "first 0",
              "second 0",
              "unowned 0",
              "first 1",
              "second 1",
              "unowned 1",
              "first 2",
              "second 2",
              "unowned 2");
      assertThat(second.samplingDecisions())
          .extracting(SamplingRecord::spanName)
          .containsExactly("second 0", "second 1", "second 2");
    }
  }

  @Test
  void should_record_the_remote_parent_as_the_sampler_saw_it() {
    try (TracingHarness harness = harness(Sampler.parentBased(Sampler.alwaysOn()))) {
      CaptureSession session = harness.openSession("remote");
      // WHEN
      try (Scope ignored = session.makeCurrent()) {
        harness
            .tracer()
            .spanBuilder("GET /orders")
            .setSpanKind(SpanKind.SERVER)
            .setParent(Context.current().with(Span.wrap(REMOTE_UNSAMPLED)))
            .startSpan()
            .end();
      }
      // THEN
      SamplingRecord record = session.samplingDecisions().get(0);
      assertThat(record.hasRemoteParent()).isTrue();
      assertThat(record.isParentSampled()).isFalse();
      assertThat(record.parentSpanContext()).isEqualTo(REMOTE_UNSAMPLED);
      assertThat(record.isRecorded()).isFalse();
      assertThat(record.describeParent())
          .isEqualTo("parent 00f067aa0ba902b7 (remote, not sampled)");
    }
  }

  @Test
  void should_record_the_attributes_and_trace_state_a_sampler_adds() {
    try (TracingHarness harness = harness(new TaggingSampler())) {
      CaptureSession session = harness.openSession("tagged");
      try (Scope ignored = session.makeCurrent()) {
        harness.tracer().spanBuilder("processOrder").startSpan().end();
      }
      SamplingRecord record = session.samplingDecisions().get(0);
      assertThat(record.attributes())
          .isEqualTo(Attributes.of(AttributeKey.stringKey("sampler.rule"), "orders"));
      assertThat(record.traceState().get("acme")).isEqualTo("p:1");
      assertThat(record)
          .hasToString(
              "processOrder [INTERNAL], trace 00000000000000000000000000000001, no parent:"
                  + " RECORD_AND_SAMPLE by Tagging, added attributes {sampler.rule=\"orders\"},"
                  + " trace state acme=p:1");
    }
  }

  @Test
  void should_put_decisions_for_a_closed_session_outside_any_session() {
    try (TracingHarness harness = harness(Sampler.alwaysOff())) {
      CaptureSession session = harness.openSession("closed");
      Context withSession = Context.root().with(session);
      session.close();
      harness.tracer().spanBuilder("late").setParent(withSession).startSpan().end();
      assertThat(session.samplingDecisions()).isEmpty();
      assertThat(harness.samplingDecisions())
          .extracting(SamplingRecord::spanName)
          .containsExactly("late");
    }
  }

  @Test
  void should_forget_decisions_on_reset() {
    try (TracingHarness harness = harness(Sampler.alwaysOff())) {
      CaptureSession session = harness.openSession("reset");
      try (Scope ignored = session.makeCurrent()) {
        harness.tracer().spanBuilder("before").startSpan().end();
      }
      harness.tracer().spanBuilder("outside").startSpan().end();
      session.reset();
      assertThat(session.samplingDecisions()).isEmpty();
      assertThat(session.spansDroppedBySampler()).isZero();
      assertThat(harness.samplingDecisions()).hasSize(1);
      harness.reset();
      assertThat(harness.samplingDecisions()).isEmpty();
    }
  }

  @Test
  void should_bound_decisions_like_spans_and_fail_clearly_when_reading_past_the_limit() {
    try (TracingHarness harness =
        TracingHarness.builder().sampler(Sampler.alwaysOff()).maxSpans(3).build()) {
      CaptureSession session = harness.openSession("test [loop()]");
      try (Scope ignored = session.makeCurrent()) {
        for (int i = 0; i < 5; i++) {
          harness.tracer().spanBuilder("query").startSpan().end();
        }
      }
      assertThat(session.spansDroppedBySampler()).isEqualTo(5);
      assertThat(session.finishedSpans()).isEmpty();
      assertThatThrownBy(session::samplingDecisions)
          .isInstanceOf(SpanLimitExceededException.class)
          .hasMessage(
              "[test [loop()]] made more sampling decisions than its limit of 3 (one per span"
                  + " started, dropped ones included): 2 decisions beyond the limit were not kept."
                  + " Raise the limit (maxSpans) if the test really needs that many, or look for a"
                  + " loop that starts spans without end.");
      assertThatThrownBy(harness::samplingDecisions).isInstanceOf(SpanLimitExceededException.class);
    }
  }

  @Test
  void should_keep_each_threads_decisions_with_its_session_and_all_of_them_in_the_harness()
      throws Exception {
    try (TracingHarness harness = harness(Sampler.alwaysOff())) {
      List<CaptureSession> sessions =
          List.of(harness.openSession("first"), harness.openSession("second"));
      List<Thread> threads = new ArrayList<>();
      for (CaptureSession session : sessions) {
        threads.add(
            new Thread(
                () -> {
                  try (Scope ignored = session.makeCurrent()) {
                    for (int i = 0; i < 1_000; i++) {
                      harness.tracer().spanBuilder(session.name() + " " + i).startSpan().end();
                    }
                  }
                }));
      }
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join();
      }
      for (CaptureSession session : sessions) {
        List<SamplingRecord> decisions = session.samplingDecisions();
        assertThat(decisions).hasSize(1_000);
        for (int i = 0; i < 1_000; i++) {
          assertThat(decisions.get(i).spanName()).isEqualTo(session.name() + " " + i);
        }
        assertThat(session.spansDroppedBySampler()).isEqualTo(1_000);
      }
      assertThat(harness.samplingDecisions()).hasSize(2_000);
    }
  }

  @Test
  void should_refuse_a_record_with_a_missing_part_naming_it() {
    assertThatThrownBy(
            () ->
                SamplingRecord.of(
                    "span",
                    SpanKind.INTERNAL,
                    "00000000000000000000000000000001",
                    SpanContext.getInvalid(),
                    null,
                    "AlwaysOnSampler"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("result must not be null");
  }

  @Test
  void should_refuse_a_sampler_that_returns_no_result_naming_it_and_the_span() {
    try (TracingHarness harness = harness(new NoResultSampler())) {
      assertThatThrownBy(() -> harness.tracer().spanBuilder("processOrder").startSpan())
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage("sampler NoResult returned no sampling result for span [processOrder]");
    }
  }

  @Test
  void should_compare_records_by_value() {
    SamplingRecord one =
        SamplingRecord.of(
            "span",
            SpanKind.INTERNAL,
            "00000000000000000000000000000001",
            SpanContext.getInvalid(),
            SamplingResult.drop(),
            "AlwaysOffSampler");
    SamplingRecord same =
        SamplingRecord.of(
            "span",
            SpanKind.INTERNAL,
            "00000000000000000000000000000001",
            SpanContext.getInvalid(),
            SamplingResult.drop(),
            "AlwaysOffSampler");
    SamplingRecord other =
        SamplingRecord.of(
            "span",
            SpanKind.INTERNAL,
            "00000000000000000000000000000001",
            SpanContext.getInvalid(),
            SamplingResult.recordOnly(),
            "AlwaysOffSampler");
    assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
  }

  private static TracingHarness harness(Sampler sampler) {
    return TracingHarness.builder().sampler(sampler).idGenerator(new SequentialIds()).build();
  }

  /**
   * Samples everything, tagging each span with its rule and the trace state with its vendor key.
   */
  private static final class TaggingSampler implements Sampler {
    @Override
    public SamplingResult shouldSample(
        Context parentContext,
        String traceId,
        String name,
        SpanKind spanKind,
        Attributes attributes,
        List<LinkData> parentLinks) {
      return new SamplingResult() {
        @Override
        public SamplingDecision getDecision() {
          return SamplingDecision.RECORD_AND_SAMPLE;
        }

        @Override
        public Attributes getAttributes() {
          return Attributes.of(AttributeKey.stringKey("sampler.rule"), "orders");
        }

        @Override
        public TraceState getUpdatedTraceState(TraceState parentTraceState) {
          return parentTraceState.toBuilder().put("acme", "p:1").build();
        }
      };
    }

    @Override
    public String getDescription() {
      return "Tagging";
    }
  }

  /** Breaks the {@code Sampler} contract by answering null. */
  private static final class NoResultSampler implements Sampler {
    @Override
    public SamplingResult shouldSample(
        Context parentContext,
        String traceId,
        String name,
        SpanKind spanKind,
        Attributes attributes,
        List<LinkData> parentLinks) {
      return null;
    }

    @Override
    public String getDescription() {
      return "NoResult";
    }
  }

  private static final class SequentialIds implements IdGenerator {
    private final AtomicLong traces = new AtomicLong();
    private final AtomicLong spans = new AtomicLong();

    @Override
    public String generateSpanId() {
      return String.format("%016x", spans.incrementAndGet());
    }

    @Override
    public String generateTraceId() {
      return String.format("%032x", traces.incrementAndGet());
    }
  }
}
