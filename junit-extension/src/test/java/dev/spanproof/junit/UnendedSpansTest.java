package dev.spanproof.junit;

import static dev.spanproof.junit.EngineRuns.failureMessages;
import static dev.spanproof.junit.EngineRuns.fixedIds;
import static dev.spanproof.junit.EngineRuns.onlyFailureWithoutLineNumbers;
import static dev.spanproof.junit.EngineRuns.run;
import static dev.spanproof.junit.EngineRuns.withoutLineNumbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.StartStackRecording;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class UnendedSpansTest {

  private static final String ONE_STACK_PER_NAME_NOTE =
      "Start stacks are recorded for the first span of each name, and the first scope to make it"
          + " current, in a test class (spanproof.startStacks=test: in each test);"
          + " spanproof.startStacks=every or recordStartStacks(StartStackRecording.EVERY_SPAN)"
          + " records every span's and scope's own.";

  /** Stands for the user's code that starts a span and forgets to end it. */
  static final class PaymentClient {
    private final Tracer tracer;

    PaymentClient(Tracer tracer) {
      this.tracer = tracer;
    }

    void charge() {
      tracer.spanBuilder("processPayment").startSpan();
    }

    /** Ends the span only when the card is accepted: the bug is on the declined path. */
    void chargeCard(boolean accepted) {
      Span span = tracer.spanBuilder("authorizeCard").startSpan();
      if (accepted) {
        span.end();
      }
    }
  }

  static class LeavesSpanOpen {
    @RegisterExtension
    static final TracingExtension tracing = fixedIds(Duration.ofMillis(20)).build();

    @Test
    void forgetsToEnd(Tracer tracer) {
      new PaymentClient(tracer).charge();
    }
  }

  @Test
  void should_fail_a_test_that_leaves_a_span_unended_showing_its_own_frames_of_the_start_stack() {
    EngineExecutionResults results = run(LeavesSpanOpen.class);

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .satisfies(
            message ->
                assertThat(withoutLineNumbers(message))
                    .isEqualTo(
                        "test [LeavesSpanOpen.forgetsToEnd(Tracer)] left 1 span started but not"
                            + " ended (waited 20 ms for it to end):\n"
                            + "  span [processPayment] (trace 00000000000000000000000000000001,"
                            + " span 0000000000000001) was started but never ended, started at:\n"
                            + "  \tat "
                            + PaymentClient.class.getName()
                            + ".charge(UnendedSpansTest.java:N)\n"
                            + "  \tat "
                            + LeavesSpanOpen.class.getName()
                            + ".forgetsToEnd(UnendedSpansTest.java:N)\n"
                            + "Every started span must be ended, typically with span.end() in a"
                            + " finally block: an unended span is never exported."));
  }

  static class LeavesSecondSpanOfANameOpen {
    @RegisterExtension static final TracingExtension tracing = fixedIds(Duration.ZERO).build();

    @Test
    void declinedCardLeavesSpanOpen(Tracer tracer) {
      PaymentClient client = new PaymentClient(tracer);
      client.chargeCard(true);
      client.chargeCard(false);
    }
  }

  @Test
  void should_show_a_later_span_with_the_start_stack_of_the_first_span_of_its_name() {
    EngineExecutionResults results = run(LeavesSecondSpanOfANameOpen.class);

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .satisfies(
            message ->
                assertThat(withoutLineNumbers(message))
                    .isEqualTo(
                        "test [LeavesSecondSpanOfANameOpen.declinedCardLeavesSpanOpen(Tracer)] left"
                            + " 1 span started but not ended (waited 0 ms for it to end):\n"
                            + "  span [authorizeCard] (trace 00000000000000000000000000000002,"
                            + " span 0000000000000002) was started but never ended; its own start"
                            + " stack was not recorded, the first [authorizeCard] span (span"
                            + " 0000000000000001) started at:\n"
                            + "  \tat "
                            + PaymentClient.class.getName()
                            + ".chargeCard(UnendedSpansTest.java:N)\n"
                            + "  \tat "
                            + LeavesSecondSpanOfANameOpen.class.getName()
                            + ".declinedCardLeavesSpanOpen(UnendedSpansTest.java:N)\n"
                            + "Every started span must be ended, typically with span.end() in a"
                            + " finally block: an unended span is never exported.\n"
                            + ONE_STACK_PER_NAME_NOTE));
  }

  /** Two tests: the first ends its span, the second, run after it, leaves one of its name open. */
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class LeavesSpanOfANameOpenInALaterTest {
    @RegisterExtension static final TracingExtension tracing = fixedIds(Duration.ZERO).build();

    @Test
    void a_acceptedCard(Tracer tracer) {
      new PaymentClient(tracer).chargeCard(true);
    }

    @Test
    void b_declinedCard(Tracer tracer) {
      new PaymentClient(tracer).chargeCard(false);
    }
  }

  @Test
  void should_show_a_span_of_a_later_test_with_the_stack_taken_in_the_first_test_naming_it() {
    EngineExecutionResults results = run(LeavesSpanOfANameOpenInALaterTest.class);

    assertThat(onlyFailureWithoutLineNumbers(results))
        .isEqualTo(
            "test [LeavesSpanOfANameOpenInALaterTest.b_declinedCard(Tracer)] left 1"
                + " span started but not ended (waited 0 ms for it to end):\n"
                + "  span [authorizeCard] (trace 00000000000000000000000000000002,"
                + " span 0000000000000002) was started but never ended; its own start"
                + " stack was not recorded, the first [authorizeCard] span (span"
                + " 0000000000000001, in test"
                + " [LeavesSpanOfANameOpenInALaterTest.a_acceptedCard(Tracer)]) started"
                + " at:\n"
                + "  \tat "
                + PaymentClient.class.getName()
                + ".chargeCard(UnendedSpansTest.java:N)\n"
                + "  \tat "
                + LeavesSpanOfANameOpenInALaterTest.class.getName()
                + ".a_acceptedCard(UnendedSpansTest.java:N)\n"
                + "Every started span must be ended, typically with span.end() in a"
                + " finally block: an unended span is never exported.\n"
                + ONE_STACK_PER_NAME_NOTE);
  }

  @Test
  void should_record_the_first_span_of_each_name_in_each_test_when_the_parameter_says_test() {
    EngineExecutionResults results =
        run(
            LeavesSpanOfANameOpenInALaterTest.class,
            Map.of(SpanproofConfiguration.START_STACKS_PROPERTY_NAME, "test"));

    assertThat(onlyFailureWithoutLineNumbers(results))
        .contains(
            "span 0000000000000002) was started but never ended, started at:\n"
                + "  \tat "
                + PaymentClient.class.getName()
                + ".chargeCard(UnendedSpansTest.java:N)\n"
                + "  \tat "
                + LeavesSpanOfANameOpenInALaterTest.class.getName()
                + ".b_declinedCard(UnendedSpansTest.java:N)\n");
  }

  @Test
  void should_show_every_spans_own_start_stack_when_the_parameter_asks_for_every() {
    EngineExecutionResults results =
        run(
            LeavesSecondSpanOfANameOpen.class,
            Map.of(SpanproofConfiguration.START_STACKS_PROPERTY_NAME, "every"));

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .satisfies(
            message ->
                assertThat(withoutLineNumbers(message))
                    .isEqualTo(
                        "test [LeavesSecondSpanOfANameOpen.declinedCardLeavesSpanOpen(Tracer)] left"
                            + " 1 span started but not ended (waited 0 ms for it to end):\n"
                            + "  span [authorizeCard] (trace 00000000000000000000000000000002,"
                            + " span 0000000000000002) was started but never ended, started"
                            + " at:\n"
                            + "  \tat "
                            + PaymentClient.class.getName()
                            + ".chargeCard(UnendedSpansTest.java:N)\n"
                            + "  \tat "
                            + LeavesSecondSpanOfANameOpen.class.getName()
                            + ".declinedCardLeavesSpanOpen(UnendedSpansTest.java:N)\n"
                            + "Every started span must be ended, typically with span.end() in a"
                            + " finally block: an unended span is never exported."));
  }

  static class RecordsEveryStartStack {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder()
            .recordStartStacks(StartStackRecording.EVERY_SPAN)
            .gracePeriod(Duration.ZERO)
            .build();

    @Test
    void declinedCardLeavesSpanOpen(Tracer tracer) {
      PaymentClient client = new PaymentClient(tracer);
      client.chargeCard(true);
      client.chargeCard(false);
    }
  }

  @Test
  void
      should_record_every_spans_own_start_stack_when_the_builder_asks_whatever_the_parameter_says() {
    EngineExecutionResults results =
        run(
            RecordsEveryStartStack.class,
            Map.of(SpanproofConfiguration.START_STACKS_PROPERTY_NAME, "true"));

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .contains(") was started but never ended, started at:\n  \tat ")
        .doesNotContain("its own start stack was not recorded");
  }

  @Test
  void should_refuse_a_null_start_stack_recording_naming_the_parameter() {
    assertThatThrownBy(
            () -> TracingExtension.builder().recordStartStacks((StartStackRecording) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("recording must not be null");
  }

  @Test
  void should_say_how_to_see_start_stacks_when_they_are_off() {
    EngineExecutionResults results =
        run(
            LeavesSpanOpen.class,
            Map.of(SpanproofConfiguration.START_STACKS_PROPERTY_NAME, "false"));

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .isEqualTo(
            "test [LeavesSpanOpen.forgetsToEnd(Tracer)] left 1 span started but not ended (waited"
                + " 20 ms for it to end):\n"
                + "  span [processPayment] (trace 00000000000000000000000000000001, span"
                + " 0000000000000001) was started but never ended; enable start stacks to see"
                + " where it started\n"
                + "Every started span must be ended, typically with span.end() in a finally"
                + " block: an unended span is never exported.\n"
                + "Start stacks are off here (recordStartStacks(false) or"
                + " spanproof.startStacks=false); turn them on to see where each span started.");
  }

  @ExtendWith(TracingExtension.class)
  static class EndsSpanLateOnAnotherThread {
    @Test
    void endsAsynchronously(Tracer tracer) {
      Span span = tracer.spanBuilder("async-call").startSpan();
      var unused =
          CompletableFuture.runAsync(
              span::end, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
    }
  }

  @Test
  void should_wait_for_spans_that_end_on_another_thread_within_the_grace_period() {
    EngineExecutionResults results = run(EndsSpanLateOnAnotherThread.class);

    assertThat(failureMessages(results.allEvents())).isEmpty();
    results.testEvents().assertStatistics(stats -> stats.succeeded(1));
  }

  static class WarnsOnUnended {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder().unendedSpans(SpanPolicy.WARN).gracePeriod(Duration.ZERO).build();

    @Test
    void forgetsToEnd(Tracer tracer) {
      tracer.spanBuilder("left-open").startSpan();
    }
  }

  @Test
  void should_log_unended_spans_once_and_pass_when_asked_to_warn() {
    EngineExecutionResults results;
    try (LoggedWarnings logged = LoggedWarnings.record();
        StandardStreams streams = StandardStreams.capture()) {
      results = run(WarnsOnUnended.class);

      assertThat(logged.warnings())
          .singleElement()
          .asString()
          .startsWith(
              "test [WarnsOnUnended.forgetsToEnd(Tracer)] left 1 span started but not ended");
      assertThat(streams.out()).isEmpty();
      assertThat(streams.err()).isEmpty();
    }
    results.testEvents().assertStatistics(stats -> stats.succeeded(1));
    assertThat(results.allEvents().reportingEntryPublished().count()).isZero();
  }

  static class IgnoresUnended {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder().unendedSpans(SpanPolicy.IGNORE).build();

    @Test
    void forgetsToEnd(Tracer tracer) {
      tracer.spanBuilder("left-open").startSpan();
    }
  }

  @Test
  void should_say_nothing_about_unended_spans_when_asked_to_ignore_them() {
    try (LoggedWarnings logged = LoggedWarnings.record()) {
      EngineExecutionResults results = run(IgnoresUnended.class);

      results.testEvents().assertStatistics(stats -> stats.succeeded(1));
      assertThat(logged.all()).isEmpty();
    }
  }
}
