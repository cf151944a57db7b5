package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UnownedSpanReportsTest {

  private final TracingHarness harness = TracingHarness.builder().build();

  @AfterEach
  void closeHarness() {
    harness.close();
  }

  @Test
  void should_report_an_unowned_span_as_values_with_its_thread() throws InterruptedException {
    // WHEN
    Span[] started = new Span[1];
    onThread("worker-a", () -> started[0] = harness.tracer().spanBuilder("lost").startSpan());
    // THEN
    assertThat(harness.unownedSpanReports())
        .singleElement()
        .satisfies(
            lost -> {
              assertThat(lost.name()).isEqualTo("lost");
              assertThat(lost.traceId()).isEqualTo(started[0].getSpanContext().getTraceId());
              assertThat(lost.spanId()).isEqualTo(started[0].getSpanContext().getSpanId());
              assertThat(lost.hasEnded()).isFalse();
              assertThat(lost.reason()).isEqualTo("started outside any capture session");
              assertThat(lost.closedSession()).isEmpty();
              assertThat(lost.threadName()).isEqualTo("worker-a");
              assertThat(lost.startStack()).isEmpty();
              assertThat(lost.likelyTest()).isEmpty();
            });
    started[0].end();
    assertThat(harness.unownedSpanReports()).singleElement().matches(UnownedSpan::hasEnded);
  }

  @Test
  void should_name_the_test_last_seen_on_a_thread_of_the_same_pool() throws InterruptedException {
    // GIVEN two tests that ran on threads of one pool, the second one last
    CaptureSession first = harness.openSession("OrderTest.first()");
    CaptureSession second = harness.openSession("OrderTest.second()");
    onThread("pool-7-thread-1", () -> makeCurrentBriefly(first));
    onThread("pool-7-thread-3", () -> makeCurrentBriefly(second));
    // WHEN spans start without a session on another thread of that pool, and of another pool
    onThread("pool-7-thread-2", () -> harness.tracer().spanBuilder("same-pool").startSpan().end());
    onThread("pool-8-thread-1", () -> harness.tracer().spanBuilder("other-pool").startSpan().end());
    // THEN
    assertThat(harness.unownedSpanReports())
        .extracting(UnownedSpan::name, span -> span.likelyTest().orElse("none"))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("same-pool", "OrderTest.second()"),
            org.assertj.core.groups.Tuple.tuple("other-pool", "none"));
  }

  @Test
  void should_count_a_thread_that_started_a_session_span_as_seen_with_that_session()
      throws InterruptedException {
    // GIVEN a test whose context reached a pool thread through a span's parent context
    CaptureSession session = harness.openSession("PaymentTest.pays()");
    io.opentelemetry.context.Context withSession =
        io.opentelemetry.context.Context.root().with(session);
    onThread(
        "ForkJoinPool-1-worker-1",
        () -> harness.tracer().spanBuilder("owned").setParent(withSession).startSpan().end());
    // WHEN a span on a sibling thread loses the context
    onThread(
        "ForkJoinPool-1-worker-2", () -> harness.tracer().spanBuilder("lost").startSpan().end());
    // THEN
    assertThat(harness.unownedSpanReports())
        .singleElement()
        .satisfies(lost -> assertThat(lost.likelyTest()).hasValue("PaymentTest.pays()"));
  }

  @Test
  void should_give_the_start_stack_from_the_first_frame_outside_the_sdk() {
    try (TracingHarness stacks = TracingHarness.builder().recordStartStacks(true).build()) {
      stacks.tracer().spanBuilder("lost").startSpan().end();
      List<StackTraceElement> stack = stacks.unownedSpanReports().get(0).startStack().orElseThrow();
      assertThat(stack.get(0).getClassName()).isEqualTo(UnownedSpanReportsTest.class.getName());
      assertThat(stack.get(0).getMethodName())
          .isEqualTo("should_give_the_start_stack_from_the_first_frame_outside_the_sdk");
    }
  }

  @Test
  void should_say_a_span_started_after_its_session_closed_and_name_that_session() {
    CaptureSession session = harness.openSession("OrderTest.late()");
    io.opentelemetry.context.Context withSession =
        io.opentelemetry.context.Context.root().with(session);
    session.close();
    harness.tracer().spanBuilder("late").setParent(withSession).startSpan().end();
    assertThat(harness.unownedSpanReports())
        .singleElement()
        .satisfies(
            late -> {
              assertThat(late.reason()).isEqualTo("started after [OrderTest.late()] was closed");
              assertThat(late.closedSession()).hasValue("OrderTest.late()");
            });
  }

  @Test
  void should_count_unowned_spans_past_the_limit_instead_of_keeping_them() {
    try (TracingHarness small = TracingHarness.builder().maxSpans(2).build()) {
      for (int i = 0; i < 5; i++) {
        small.tracer().spanBuilder("lost-" + i).startSpan().end();
      }
      assertThat(small.unownedSpanReports())
          .extracting(UnownedSpan::name)
          .containsExactlyInAnyOrder("lost-0", "lost-1");
      assertThat(small.unownedSpansNotKept()).isEqualTo(3);
      assertThat(small.maxSpans()).isEqualTo(2);
    }
    assertThat(harness.unownedSpansNotKept()).isZero();
    assertThat(harness.unownedSpanReports()).isEmpty();
  }

  private static void makeCurrentBriefly(CaptureSession session) {
    try (Scope ignored = session.makeCurrent()) {
      // Being current is what the harness remembers.
    }
  }

  private static void onThread(String name, Runnable work) throws InterruptedException {
    Thread thread = new Thread(work, name);
    thread.start();
    thread.join();
  }
}
