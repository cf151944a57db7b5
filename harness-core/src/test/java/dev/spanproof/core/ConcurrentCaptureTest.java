package dev.spanproof.core;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * A session's spans are kept in one lock-free stack until two threads contend for it, then in
 * stripes by thread: nothing may be lost or counted twice across that switch, and readers still see
 * start order.
 */
class ConcurrentCaptureTest {

  private static final int THREADS = 8;
  private static final int SPANS_PER_THREAD = 500;

  @Test
  void should_keep_every_span_and_decision_of_threads_racing_into_one_session() throws Exception {
    try (TracingHarness harness = TracingHarness.builder().build();
        CaptureSession session = harness.openSession("racing")) {
      startConcurrently(session, index -> true);

      List<SpanData> finished = session.finishedSpans();
      assertThat(finished).hasSize(THREADS * SPANS_PER_THREAD);
      assertThat(finished)
          .isSortedAccordingTo(Comparator.comparingLong(SpanData::getStartEpochNanos));
      assertThat(finished.stream().map(SpanData::getSpanId).distinct()).hasSize(finished.size());
      assertThat(session.startedSpanCount()).isEqualTo(THREADS * SPANS_PER_THREAD);
      assertThat(session.samplingDecisions()).hasSize(THREADS * SPANS_PER_THREAD);
      assertThat(session.spansBeyondLimit()).isZero();
    }
  }

  @Test
  void should_hold_the_limit_across_racing_threads_and_count_every_span_turned_away()
      throws Exception {
    int limit = 1_000;
    try (TracingHarness harness = TracingHarness.builder().maxSpans(limit).build();
        CaptureSession session = harness.openSession("racing past the limit")) {
      startConcurrently(session, index -> true);

      // Each racing thread may keep one span past the limit: it guards memory, not a count.
      assertThat(session.startedSpanCount()).isBetween(limit, limit + THREADS - 1);
      assertThat(session.startedSpanCount() + session.spansBeyondLimit())
          .isEqualTo(THREADS * SPANS_PER_THREAD);
      assertThatThrownBy(session::finishedSpans)
          .isInstanceOf(SpanLimitExceededException.class)
          .hasMessageStartingWith("[racing past the limit]");
    }
  }

  @Test
  void should_give_back_start_order_whatever_order_the_spans_were_added_in() {
    try (TracingHarness harness = TracingHarness.builder().build();
        CaptureSession session = harness.openSession("out of order")) {
      Context withSession = Context.root().with(session);
      // Added later, started earlier: as a thread that took its start time first and lost the race.
      harness
          .tracer()
          .spanBuilder("second")
          .setParent(withSession)
          .setStartTimestamp(20, NANOSECONDS)
          .startSpan()
          .end(30, NANOSECONDS);
      harness
          .tracer()
          .spanBuilder("first")
          .setParent(withSession)
          .setStartTimestamp(10, NANOSECONDS)
          .startSpan()
          .end(30, NANOSECONDS);

      assertThat(session.finishedSpans())
          .extracting(SpanData::getName)
          .containsExactly("first", "second");
    }
  }

  @Test
  void should_forget_spans_and_the_limit_on_reset() {
    try (TracingHarness harness = TracingHarness.builder().maxSpans(1).build();
        CaptureSession session = harness.openSession("reset")) {
      Context withSession = Context.root().with(session);
      harness.tracer().spanBuilder("kept").setParent(withSession).startSpan().end();
      harness.tracer().spanBuilder("beyond").setParent(withSession).startSpan().end();
      assertThatThrownBy(session::finishedSpans).isInstanceOf(SpanLimitExceededException.class);
      assertThatThrownBy(session::samplingDecisions).isInstanceOf(SpanLimitExceededException.class);

      session.reset();

      assertThat(session.spansBeyondLimit()).isZero();
      assertThat(session.finishedSpans()).isEmpty();
      harness.tracer().spanBuilder("after").setParent(withSession).startSpan().end();
      assertThat(session.finishedSpans()).extracting(SpanData::getName).containsExactly("after");
      assertThat(session.samplingDecisions()).hasSize(1);
    }
  }

  @Test
  void should_find_spans_left_unended_by_racing_threads() throws Exception {
    try (TracingHarness harness = TracingHarness.builder().build();
        CaptureSession session = harness.openSession("racing, some unended")) {
      // The last span of each thread stays open, wherever the thread's spans went.
      startConcurrently(session, index -> index < SPANS_PER_THREAD - 1);

      assertThat(session.unendedSpans()).hasSize(THREADS);
      assertThat(session.finishedSpans()).hasSize(THREADS * (SPANS_PER_THREAD - 1));
    }
  }

  /**
   * Each of the threads starts its spans in {@code session} at once; {@code ends} says which end.
   */
  private static void startConcurrently(CaptureSession session, IntPredicate ends)
      throws Exception {
    TracingHarness harness = session.harness();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      Context withSession = Context.root().with(session);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < SPANS_PER_THREAD; i++) {
                    Span span =
                        harness.tracer().spanBuilder("span").setParent(withSession).startSpan();
                    if (ends.test(i)) {
                      span.end();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> thread : done) {
        thread.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}
