package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.internal.FirstOfEachName;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StartStackRecordingTest {

  /** Stands for the user's code: two places that start a span of the same name. */
  private static final class Repository {
    private final TracingHarness harness;

    Repository(TracingHarness harness) {
      this.harness = harness;
    }

    Span findOrder() {
      return harness.tracer().spanBuilder("query").startSpan();
    }

    Span findCustomer() {
      return harness.tracer().spanBuilder("query").startSpan();
    }
  }

  @Test
  void should_record_the_first_span_of_each_name_and_point_later_ones_to_it() {
    try (TracingHarness harness = harness(StartStackRecording.FIRST_OF_EACH_NAME)) {
      CaptureSession session = harness.openSession("test");
      try (Scope ignored = session.makeCurrent()) {
        Repository repository = new Repository(harness);
        repository.findOrder();
        repository.findCustomer();
      }
      List<UnendedSpan> unended = session.unendedSpans();

      UnendedSpan first = unended.get(0);
      assertThat(methodsOf(first.startStack().orElseThrow()))
          .startsWith(
              "findOrder", "should_record_the_first_span_of_each_name_and_point_later_ones_to_it");
      assertThat(first.sameNameStartStack()).isEmpty();
      UnendedSpan second = unended.get(1);
      assertThat(second.startStack()).isEmpty();
      assertThat(second.sameNameStartStack()).isEqualTo(first.startStack());
      assertThat(withoutLineNumbers(second.describe()))
          .isEqualTo(
              "span [query] (trace 00000000000000000000000000000002, span 0000000000000002) was"
                  + " started but never ended; its own start stack was not recorded, the first"
                  + " [query] span (span 0000000000000001) started at:\n"
                  + "\tat "
                  + Repository.class.getName()
                  + ".findOrder(StartStackRecordingTest.java:N)\n"
                  + "\tat "
                  + StartStackRecordingTest.class.getName()
                  + ".should_record_the_first_span_of_each_name_and_point_later_ones_to_it"
                  + "(StartStackRecordingTest.java:N)");
    }
  }

  @Test
  void should_record_each_name_once_per_harness_and_name_the_session_it_was_taken_in() {
    try (TracingHarness harness = harness(StartStackRecording.FIRST_OF_EACH_NAME_PER_HARNESS)) {
      CaptureSession one = harness.openSession("one");
      CaptureSession other = harness.openSession("other");
      try (Scope ignored = one.makeCurrent()) {
        new Repository(harness).findOrder();
        new Repository(harness).findCustomer();
      }
      try (Scope ignored = other.makeCurrent()) {
        new Repository(harness).findCustomer();
      }

      UnendedSpan first = one.unendedSpans().get(0);
      UnendedSpan sameSession = one.unendedSpans().get(1);
      UnendedSpan otherSession = other.unendedSpans().get(0);
      assertThat(methodsOf(first.startStack().orElseThrow())).startsWith("findOrder");
      assertThat(sameSession.sameNameStartStack()).isEqualTo(first.startStack());
      assertThat(sameSession.sameNameStackSession()).isEmpty();
      assertThat(otherSession.startStack()).isEmpty();
      assertThat(otherSession.sameNameStartStack()).isEqualTo(first.startStack());
      assertThat(otherSession.sameNameStackSession()).contains("one");
      assertThat(withoutLineNumbers(otherSession.describe()))
          .startsWith(
              "span [query] (trace 00000000000000000000000000000003, span 0000000000000003) was"
                  + " started but never ended; its own start stack was not recorded, the first"
                  + " [query] span (span 0000000000000001, in one) started at:\n"
                  + "\tat "
                  + Repository.class.getName()
                  + ".findOrder(StartStackRecordingTest.java:N)\n");
    }
  }

  @Test
  void should_give_names_past_the_harness_table_bound_their_own_stacks() {
    try (TracingHarness harness = harness(StartStackRecording.FIRST_OF_EACH_NAME_PER_HARNESS)) {
      CaptureSession session = harness.openSession("names with ids");
      try (Scope ignored = session.makeCurrent()) {
        for (int i = 0; i < FirstOfEachName.MAX_NAMES; i++) {
          harness.tracer().spanBuilder("GET /orders/" + i).startSpan().end();
        }
        harness.tracer().spanBuilder("GET /orders/beyond").startSpan();
        harness.tracer().spanBuilder("GET /orders/beyond").startSpan();
      }

      assertThat(session.unendedSpans())
          .hasSize(2)
          .allSatisfy(span -> assertThat(span.startStack()).isPresent());
    }
  }

  @Test
  void should_record_each_name_once_per_session() {
    try (TracingHarness harness = harness(StartStackRecording.FIRST_OF_EACH_NAME)) {
      CaptureSession one = harness.openSession("one");
      CaptureSession other = harness.openSession("other");
      try (Scope ignored = one.makeCurrent()) {
        harness.tracer().spanBuilder("query").startSpan();
        harness.tracer().spanBuilder("send").startSpan();
      }
      try (Scope ignored = other.makeCurrent()) {
        harness.tracer().spanBuilder("query").startSpan();
      }

      assertThat(one.unendedSpans())
          .allSatisfy(span -> assertThat(span.startStack()).as(span.name()).isPresent());
      assertThat(other.unendedSpans())
          .singleElement()
          .satisfies(span -> assertThat(span.startStack()).isPresent());
    }
  }

  @Test
  void should_record_the_first_span_of_a_name_again_after_a_reset() {
    try (TracingHarness harness = harness(StartStackRecording.FIRST_OF_EACH_NAME)) {
      CaptureSession session = harness.openSession("test");
      try (Scope ignored = session.makeCurrent()) {
        harness.tracer().spanBuilder("query").startSpan();
        session.reset();
        harness.tracer().spanBuilder("query").startSpan();
      }

      assertThat(session.unendedSpans())
          .singleElement()
          .satisfies(span -> assertThat(span.startStack()).isPresent());
    }
  }

  @Test
  void should_record_every_spans_own_stack_when_asked_to() {
    try (TracingHarness harness = harness(StartStackRecording.EVERY_SPAN)) {
      CaptureSession session = harness.openSession("test");
      try (Scope ignored = session.makeCurrent()) {
        Repository repository = new Repository(harness);
        repository.findOrder();
        repository.findCustomer();
      }

      assertThat(session.unendedSpans())
          .extracting(span -> span.startStack().orElseThrow().get(0).getMethodName())
          .containsExactly("findOrder", "findCustomer");
      assertThat(session.unendedSpans())
          .allSatisfy(span -> assertThat(span.sameNameStartStack()).isEmpty());
    }
  }

  @Test
  void should_record_no_stack_when_off() {
    try (TracingHarness harness = harness(StartStackRecording.OFF)) {
      CaptureSession session = harness.openSession("test");
      try (Scope ignored = session.makeCurrent()) {
        harness.tracer().spanBuilder("query").startSpan();
      }

      UnendedSpan unended = session.unendedSpans().get(0);
      assertThat(unended.startStack()).isEmpty();
      assertThat(unended.sameNameStartStack()).isEmpty();
      assertThat(harness.recordsStartStacks()).isFalse();
    }
  }

  @Test
  void should_record_the_own_stack_of_every_span_without_a_session() {
    try (TracingHarness harness = harness(StartStackRecording.FIRST_OF_EACH_NAME)) {
      Repository repository = new Repository(harness);
      repository.findOrder();
      repository.findCustomer();

      assertThat(harness.unownedSpanReports())
          .extracting(span -> span.startStack().orElseThrow().get(0).getMethodName())
          .containsExactly("findOrder", "findCustomer");
      assertThat(harness.unendedUnownedSpans())
          .allSatisfy(span -> assertThat(span.sameNameStartStack()).isEmpty());
    }
  }

  @Test
  void should_take_one_stack_per_name_when_threads_race_to_start_the_first() throws Exception {
    try (TracingHarness harness = harness(StartStackRecording.FIRST_OF_EACH_NAME)) {
      CaptureSession session = harness.openSession("test");
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        threads.add(
            new Thread(
                () -> {
                  try (Scope ignored = session.makeCurrent()) {
                    start.await();
                    for (int i = 0; i < 50; i++) {
                      harness.tracer().spanBuilder("query").startSpan();
                    }
                  } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }));
      }
      threads.forEach(Thread::start);
      start.countDown();
      for (Thread thread : threads) {
        thread.join();
      }

      List<UnendedSpan> unended = session.unendedSpans();
      assertThat(unended).hasSize(200);
      List<UnendedSpan> withOwnStack =
          unended.stream().filter(span -> span.startStack().isPresent()).toList();
      assertThat(withOwnStack).hasSize(1);
      Set<List<StackTraceElement>> pointedTo =
          unended.stream()
              .filter(span -> span.startStack().isEmpty())
              .map(span -> span.sameNameStartStack().orElseThrow())
              .collect(Collectors.toSet());
      assertThat(pointedTo).containsExactly(withOwnStack.get(0).startStack().orElseThrow());
    }
  }

  @Test
  void should_map_the_boolean_switch_to_one_stack_per_name_or_none() {
    try (TracingHarness on = TracingHarness.builder().recordStartStacks(true).build();
        TracingHarness off = TracingHarness.builder().recordStartStacks(false).build();
        TracingHarness unset = TracingHarness.builder().build()) {
      assertThat(on.startStackRecording())
          .isEqualTo(StartStackRecording.FIRST_OF_EACH_NAME_PER_HARNESS);
      assertThat(on.recordsStartStacks()).isTrue();
      assertThat(off.startStackRecording()).isEqualTo(StartStackRecording.OFF);
      assertThat(unset.startStackRecording()).isEqualTo(StartStackRecording.OFF);
    }
  }

  @Test
  void should_reject_a_null_recording() {
    assertThatThrownBy(() -> TracingHarness.builder().recordStartStacks(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("recording must not be null");
  }

  private static TracingHarness harness(StartStackRecording recording) {
    return TracingHarness.builder()
        .recordStartStacks(recording)
        .idGenerator(new SequentialIds())
        .build();
  }

  private static List<String> methodsOf(List<StackTraceElement> frames) {
    return frames.stream().map(StackTraceElement::getMethodName).toList();
  }

  private static String withoutLineNumbers(String text) {
    return text.replaceAll("\\.java:\\d+\\)", ".java:N)");
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
