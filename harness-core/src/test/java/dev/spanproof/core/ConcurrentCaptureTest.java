package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
      startConcurrently(harness, session);

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
      startConcurrently(harness, session);

      // Each racing thread may keep one span past the limit: it guards memory, not a count.
      assertThat(session.startedSpanCount()).isBetween(limit, limit + THREADS - 1);
      assertThat(session.startedSpanCount() + session.spansBeyondLimit())
          .isEqualTo(THREADS * SPANS_PER_THREAD);
      assertThatThrownBy(session::finishedSpans)
          .isInstanceOf(SpanLimitExceededException.class)
          .hasMessageStartingWith("[racing past the limit]");
    }
  }

  private static void startConcurrently(TracingHarness harness, CaptureSession session)
      throws Exception {
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
                    harness.tracer().spanBuilder("span").setParent(withSession).startSpan().end();
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
