package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session's record of the spans assertions touched, which strict assertion mode reads. */
class AssertedSpansTest {

  private final TracingHarness harness = TracingHarness.builder().build();

  @AfterEach
  void closeHarness() {
    harness.close();
  }

  private static void processOrder(Tracer tracer) {
    Span order = tracer.spanBuilder("processOrder").startSpan();
    try (Scope ignored = order.makeCurrent()) {
      tracer.spanBuilder("processPayment").startSpan().end();
      tracer.spanBuilder("checkFraud").startSpan().end();
    } finally {
      order.end();
    }
  }

  @Test
  void should_list_every_ended_span_in_start_order_while_none_is_marked() {
    // GIVEN
    CaptureSession session = harness.openSession("order flow");
    // WHEN
    try (Scope ignored = session.makeCurrent()) {
      processOrder(harness.tracer());
    }
    // THEN
    assertThat(session.unassertedSpans())
        .extracting(SpanData::getName)
        .containsExactly("processOrder", "processPayment", "checkFraud");
  }

  @Test
  void should_list_only_the_spans_no_assertion_marked() {
    // GIVEN
    CaptureSession session = harness.openSession("order flow");
    try (Scope ignored = session.makeCurrent()) {
      processOrder(harness.tracer());
    }
    List<SpanData> spans = session.finishedSpans();
    // WHEN
    session.markAsserted(spans.get(0));
    session.markAsserted(spans.get(1));
    session.markAsserted(spans.get(1));
    // THEN
    assertThat(session.unassertedSpans())
        .extracting(SpanData::getName)
        .containsExactly("checkFraud");
  }

  @Test
  void should_keep_marks_apart_per_session() {
    // GIVEN
    CaptureSession first = harness.openSession("first");
    CaptureSession second = harness.openSession("second");
    try (Scope ignored = first.makeCurrent()) {
      processOrder(harness.tracer());
    }
    try (Scope ignored = second.makeCurrent()) {
      processOrder(harness.tracer());
    }
    // WHEN
    first.finishedSpans().forEach(first::markAsserted);
    second.markAsserted(first.finishedSpans().get(0));
    // THEN
    assertThat(first.unassertedSpans()).isEmpty();
    assertThat(second.unassertedSpans()).hasSize(3);
  }

  @Test
  void should_forget_marks_on_reset() {
    // GIVEN
    CaptureSession session = harness.openSession("order flow");
    try (Scope ignored = session.makeCurrent()) {
      processOrder(harness.tracer());
    }
    session.finishedSpans().forEach(session::markAsserted);
    // WHEN
    session.reset();
    try (Scope ignored = session.makeCurrent()) {
      harness.tracer().spanBuilder("retry").startSpan().end();
    }
    // THEN
    assertThat(session.unassertedSpans()).extracting(SpanData::getName).containsExactly("retry");
  }

  @Test
  void should_reject_a_null_span_naming_the_parameter() {
    CaptureSession session = harness.openSession("order flow");

    assertThatThrownBy(() -> session.markAsserted(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("span must not be null");
  }
}
