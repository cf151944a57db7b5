package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A harness built inside a test that another harness's session is current around (as {@code
 * TracingExtension} makes its test's session current): its spans belong to that session.
 */
class NestedHarnessTest {

  private final TracingHarness outer = TracingHarness.builder().build();
  private final TracingHarness inner = TracingHarness.builder().build();

  @AfterEach
  void closeHarnesses() {
    inner.close();
    outer.close();
  }

  @Test
  void should_fail_saying_where_the_spans_went_when_another_harness_session_took_them() {
    // GIVEN the outer harness's session is current, as the extension's is inside a test
    try (CaptureSession test = outer.openSession("OrderTest.ordersAreTraced()");
        Scope ignored = test.makeCurrent()) {
      // WHEN the inner harness's SDK starts a span there
      inner.tracer().spanBuilder("processOrder").startSpan().end();
      // THEN the span is the test's, and the inner harness says so instead of holding nothing
      assertThat(test.finishedSpans())
          .extracting(SpanData::getName)
          .containsExactly("processOrder");
      String thread = Thread.currentThread().getName();
      assertThatThrownBy(inner::finishedSpans)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "this TracingHarness holds no spans: the spans its OpenTelemetry started on thread ["
                  + thread
                  + "] went to capture session [OrderTest.ordersAreTraced()] of another"
                  + " TracingHarness, which is current there. A span belongs to the session in the"
                  + " context it starts in, whichever harness starts it, and TracingExtension makes"
                  + " its test's session current around each test. Either open a session of this"
                  + " harness and make it current around the code it traces (try (CaptureSession"
                  + " session = harness.openSession(\"...\"); Scope scope = session.makeCurrent())"
                  + " { ... }) and read its spans before closing it, or use the extension's harness"
                  + " (its injected OpenTelemetry, and assertThatTrace()) instead of building"
                  + " another one inside the test.");
      assertThatThrownBy(inner::traces).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void should_tell_its_own_session_from_the_other_harnesses_of_the_same_name() {
    // GIVEN the inner harness has an open session named as the test's, but not current
    try (CaptureSession test = outer.openSession("OrderTest.ordersAreTraced()");
        CaptureSession namesake = inner.openSession("OrderTest.ordersAreTraced()");
        Scope ignored = test.makeCurrent()) {
      // WHEN the inner harness's SDK starts a span in the test's session
      inner.tracer().spanBuilder("processOrder").startSpan().end();
      // THEN the namesake does not hide where the span went
      assertThat(namesake.finishedSpans()).isEmpty();
      assertThatThrownBy(inner::finishedSpans)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(
              "went to capture session [OrderTest.ordersAreTraced()] of another TracingHarness");
    }
  }

  @Test
  void should_notice_a_thread_going_from_its_own_session_to_the_others_of_the_same_name() {
    // GIVEN the inner harness's namesake session was current on this thread first
    try (CaptureSession test = outer.openSession("OrderTest.ordersAreTraced()");
        CaptureSession namesake = inner.openSession("OrderTest.ordersAreTraced()")) {
      try (Scope ownFirst = namesake.makeCurrent()) {
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
      }
      // WHEN the inner harness's SDK then starts a span in the test's session
      try (Scope ignored = test.makeCurrent()) {
        inner.tracer().spanBuilder("processOrder").startSpan().end();
        // THEN the switch between sessions of one name is seen
        assertThatThrownBy(inner::finishedSpans).isInstanceOf(IllegalStateException.class);
      }
    }
  }

  @Test
  void should_capture_into_its_own_session_made_current_inside_the_other() {
    // GIVEN
    try (CaptureSession test = outer.openSession("OrderTest.ordersAreTraced()");
        Scope ignored = test.makeCurrent()) {
      // WHEN the inner harness's code runs in a session of its own, as the message advises
      try (CaptureSession own = inner.openSession("inner work");
          Scope alsoIgnored = own.makeCurrent()) {
        inner.tracer().spanBuilder("processOrder").startSpan().end();
        // THEN
        assertThat(inner.finishedSpans())
            .extracting(SpanData::getName)
            .containsExactly("processOrder");
      }
      assertThat(test.finishedSpans()).isEmpty();
    }
  }

  @Test
  void should_hold_no_spans_without_complaint_when_it_started_none() {
    // GIVEN
    try (CaptureSession test = outer.openSession("OrderTest.ordersAreTraced()");
        Scope ignored = test.makeCurrent()) {
      outer.tracer().spanBuilder("processOrder").startSpan().end();
      // WHEN, THEN: the inner harness started nothing, so nothing of it went elsewhere
      assertThat(inner.finishedSpans()).isEmpty();
      assertThat(inner.traces()).isEmpty();
    }
  }
}
