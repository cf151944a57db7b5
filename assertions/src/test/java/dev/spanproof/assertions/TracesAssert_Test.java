package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTraces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.TracingHarness;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracesAssert_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  private List<SpanData> twoTraces() {
    List<SpanData> spans = new ArrayList<>(traces.record(span("GET /a", 0, 2)));
    spans.addAll(traces.record(span("GET /b", 3, 4)));
    return spans;
  }

  @Test
  void should_pass_on_the_trace_count_and_navigate_by_root() {
    assertThatTraces(twoTraces()).hasTraceCount(2).traceWithRoot("GET /b").hasSpanCount(1);
  }

  @Test
  void should_fail_drawing_every_trace() {
    // GIVEN
    List<SpanData> spans = twoTraces();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTraces(spans).hasTraceCount(1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting the given spans to hold this many traces:
              1
            but it holds:
              2

            trace 00000000000000000000000000000001 (1 span, 2.00 ms)
            └─ GET /a [INTERNAL, UNSET, 2.00 ms]

            trace 00000000000000000000000000000002 (1 span, 1.00 ms)
            └─ GET /b [INTERNAL, UNSET, 1.00 ms]""");
  }

  @Test
  void should_fail_navigating_to_an_unknown_root() {
    // GIVEN
    List<SpanData> spans = twoTraces();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTraces(spans).traceWithRoot("GET /c"))
        .hasMessageStartingWith(
            """
            Expecting the given spans to have exactly one trace with the root:
              span [GET /c]
            but found 0; the roots are [GET /a, GET /b]
            """);
  }

  @Test
  void should_say_why_when_the_current_test_captured_no_span_at_all() {
    // GIVEN a test whose only span the sampler dropped
    try (TracingHarness harness = TracingHarness.builder().sampler(Sampler.alwaysOff()).build();
        CaptureSession session = harness.openSession("test [checkout]");
        Scope ignored = session.makeCurrent()) {
      harness.tracer().spanBuilder("processOrder").startSpan().end();
      // WHEN/THEN: the causes instead of an empty trace list
      assertThatThrownBy(() -> assertThatTraces().hasTraceCount(1))
          .hasMessageStartingWith(
              """
              Expecting test [checkout] to hold this many traces:
                1
              but it holds:
                0
              Not a single span was captured. The usual causes:
                - the sampler dropped the test's spans: yes, AlwaysOffSampler dropped its span (processOrder);""")
          .hasMessageNotContaining("(no traces)");
    }
  }

  @Test
  void should_count_the_current_tests_traces_and_report_unended_spans() {
    // GIVEN
    try (CaptureSession session = traces.harness.openSession("test [two requests]");
        Scope ignored = session.makeCurrent()) {
      twoTraces();
      traces.harness.tracer().spanBuilder("still running").startSpan();
      // WHEN/THEN
      assertThatTraces().hasTraceCount(2);
      assertThatThrownBy(() -> assertThatTraces().hasNoUnendedSpans())
          .hasMessage(
              """
              Expecting test [two requests] to have ended every span it started, but 1 span is still running:
                span [still running] (trace 00000000000000000000000000000003, span 0000000000000003) was started but never ended; \
              enable start stacks to see where it started
              End every span, typically with span.end() in a finally block; if it ends on another thread, wait with \
              awaitTrace().untilComplete().

              trace 00000000000000000000000000000001 (1 span, 2.00 ms)
              └─ GET /a [INTERNAL, UNSET, 2.00 ms]

              trace 00000000000000000000000000000002 (1 span, 1.00 ms)
              └─ GET /b [INTERNAL, UNSET, 1.00 ms]""");
    }
  }

  @Test
  void should_list_unended_spans_with_where_they_started_and_draw_no_empty_trace_list() {
    // GIVEN a harness that records start stacks, and a test whose only span never ended
    try (TracingHarness harness =
            TracingHarness.builder()
                .idGenerator(new TestTraces.SequentialIds())
                .recordStartStacks(true)
                .build();
        CaptureSession session = harness.openSession("test [checkout]");
        Scope ignored = session.makeCurrent()) {
      harness.tracer().spanBuilder("sendEmail").startSpan();
      // WHEN/THEN
      assertThatThrownBy(() -> assertThatTraces().hasNoUnendedSpans())
          .hasMessageStartingWith(
              """
              Expecting test [checkout] to have ended every span it started, but 1 span is still running:
                span [sendEmail] (trace 00000000000000000000000000000001, span 0000000000000001) was started but \
              never ended, started at:
                  at dev.spanproof.assertions.TracesAssert_Test.\
              should_list_unended_spans_with_where_they_started_and_draw_no_empty_trace_list(TracesAssert_Test.java:""")
          .hasMessageEndingWith(
              """
              End every span, typically with span.end() in a finally block; if it ends on another thread, wait with \
              awaitTrace().untilComplete().""")
          .hasMessageNotContaining("(no traces)");
    }
  }

  @Test
  void should_list_a_later_unended_span_of_a_name_with_the_start_stack_of_the_first() {
    // GIVEN the default recording, one stack per span name, and two spans of one name left open
    try (TracingHarness harness =
            TracingHarness.builder()
                .idGenerator(new TestTraces.SequentialIds())
                .recordStartStacks(true)
                .build();
        CaptureSession session = harness.openSession("test [checkout]");
        Scope ignored = session.makeCurrent()) {
      startSendEmail(harness);
      startSendEmail(harness);
      // WHEN
      Throwable failure = catchThrowable(() -> assertThatTraces().hasNoUnendedSpans());
      // THEN
      assertThat(failure.getMessage().replaceAll("\\.java:\\d+\\)", ".java:N)"))
          .startsWith(
              """
              Expecting test [checkout] to have ended every span it started, but 2 spans are still running:
                span [sendEmail] (trace 00000000000000000000000000000001, span 0000000000000001) was started but \
              never ended, started at:
                  at dev.spanproof.assertions.TracesAssert_Test.startSendEmail(TracesAssert_Test.java:N)
                  at dev.spanproof.assertions.TracesAssert_Test.\
              should_list_a_later_unended_span_of_a_name_with_the_start_stack_of_the_first(TracesAssert_Test.java:N)
                span [sendEmail] (trace 00000000000000000000000000000002, span 0000000000000002) was started but \
              never ended; its own start stack was not recorded, the first [sendEmail] span (span 0000000000000001) \
              started at:
                  at dev.spanproof.assertions.TracesAssert_Test.startSendEmail(TracesAssert_Test.java:N)
                  at dev.spanproof.assertions.TracesAssert_Test.\
              should_list_a_later_unended_span_of_a_name_with_the_start_stack_of_the_first(TracesAssert_Test.java:N)
              End every span""");
    }
  }

  private static void startSendEmail(TracingHarness harness) {
    harness.tracer().spanBuilder("sendEmail").startSpan();
  }

  @Test
  void should_fail_clearly_on_null() {
    assertThatThrownBy(() -> assertThatTraces(null))
        .isInstanceOf(AssertionError.class)
        .hasMessage("assertThatTraces(Collection<SpanData>) needs spans, but got null");
  }
}
