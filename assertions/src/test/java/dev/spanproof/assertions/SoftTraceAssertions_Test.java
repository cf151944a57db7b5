package dev.spanproof.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.spanproof.core.CaptureSession;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SoftTraceAssertions_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_when_every_soft_assertion_holds() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    SoftTraceAssertions.assertSoftly(
        softly -> {
          softly.assertThatTrace(spans).hasRoot("processOrder").hasSpanCount(3);
          softly
              .assertThatTrace(spans)
              .span("processPayment")
              .hasKind(SpanKind.CLIENT)
              .returnToTrace()
              .span("validateInventory")
              .hasParent("processOrder");
        });
  }

  @Test
  void should_collect_every_failure_including_failed_navigation() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    SoftTraceAssertions softly = new SoftTraceAssertions();
    // WHEN
    softly
        .assertThatTrace(spans)
        .span("processPayment")
        .hasKind(SpanKind.PRODUCER)
        .hasStatus(StatusCode.OK);
    softly.assertThatTrace(spans).span("refund").hasKind(SpanKind.CLIENT).hasStatus(StatusCode.OK);
    softly.assertThatTrace(spans).root().child("validateInventory").hasKind(SpanKind.CLIENT);
    softly.assertThatTrace(spans).hasSpanCount(3);
    // THEN: kind and status of processPayment, the missing span (once), the child's kind
    assertThat(softly.errorsCollected())
        .extracting(SoftTraceAssertions_Test::firstLine)
        .containsExactly(
            "Expecting span [processPayment] to have the kind:",
            "Expecting span [processPayment] to have the status:",
            "Expecting trace 00000000000000000000000000000001 to have a span named:",
            "Expecting span [validateInventory] to have the kind:");
    assertThatThrownBy(softly::assertAll).hasMessageContaining("Multiple Failures (4 failures)");
  }

  @Test
  void should_collect_a_missing_session_once() {
    SoftTraceAssertions softly = new SoftTraceAssertions();
    // WHEN
    softly
        .assertThatTrace()
        .hasRoot("processOrder")
        .span("processPayment")
        .hasKind(SpanKind.CLIENT);
    // THEN
    assertThat(softly.errorsCollected())
        .singleElement()
        .satisfies(
            error ->
                assertThat(error)
                    .hasMessageStartingWith(
                        "\nExpecting a spanproof capture session to be current"));
  }

  @Test
  void should_read_the_current_session_softly() {
    // GIVEN
    try (CaptureSession session = traces.harness.openSession("soft");
        Scope ignored = session.makeCurrent()) {
      traces.orderTrace();
      SoftTraceAssertions softly = new SoftTraceAssertions();
      // WHEN
      softly.assertThatTrace().hasRoot("processOrder").hasSpanCount(2);
      // THEN
      assertThat(softly.errorsCollected())
          .singleElement()
          .satisfies(
              error ->
                  assertThat(error)
                      .hasMessageStartingWith(
                          "\nExpecting trace 00000000000000000000000000000001 to have this many spans:"));
    }
  }

  @Test
  void should_collect_trace_count_and_unknown_root_failures() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    SoftTraceAssertions softly = new SoftTraceAssertions();
    // WHEN
    softly.assertThatTraces(spans).hasTraceCount(2).traceWithRoot("refund").hasSpanCount(1);
    softly.assertThatTraces(spans).traceWithRoot("processOrder").hasSpanCount(4);
    softly.assertThatTraces().hasTraceCount(1);
    // THEN
    assertThat(softly.errorsCollected())
        .extracting(SoftTraceAssertions_Test::firstLine)
        .containsExactly(
            "Expecting the given spans to hold this many traces:",
            "Expecting the given spans to have exactly one trace with the root:",
            "Expecting trace 00000000000000000000000000000001 to have this many spans:",
            "Expecting a spanproof capture session to be current, but there is none.");
  }

  @Test
  void should_start_each_failure_of_the_report_on_its_own_line() {
    // GIVEN a failed span assertion, a failed navigation and a failed entry point
    List<SpanData> spans = traces.orderTrace();
    SoftTraceAssertions softly = new SoftTraceAssertions();
    softly.assertThatTrace(spans).span("processPayment").hasKind(SpanKind.PRODUCER);
    softly.assertThatTraces(spans).traceWithRoot("refund").hasSpanCount(1);
    softly.assertThatTrace().hasSpanCount(1);
    // WHEN
    AssertionError report = catchThrowableOfType(AssertionError.class, softly::assertAll);
    // THEN: "-- failure N --" on a line of its own, as AssertJ's own messages have it
    assertThat(report.getMessage().replaceAll("Test\\.java:\\d+\\)", "Test.java:N)"))
        .isEqualTo(
            """

            Multiple Failures (3 failures)
            -- failure 1 --
            Expecting span [processPayment] to have the kind:
              PRODUCER
            but it has:
              CLIENT

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- expected kind PRODUCER
            at SoftTraceAssertions_Test.should_start_each_failure_of_the_report_on_its_own_line(SoftTraceAssertions_Test.java:N)
            -- failure 2 --
            Expecting the given spans to have exactly one trace with the root:
              span [refund]
            but found 0; the roots are [processOrder]

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception
            at SoftTraceAssertions_Test.should_start_each_failure_of_the_report_on_its_own_line(SoftTraceAssertions_Test.java:N)
            -- failure 3 --
            Expecting a spanproof capture session to be current, but there is none.
            assertThatTrace() and assertThatTraces() read the current test's spans: annotate the test class \
            with @ExtendWith(TracingExtension.class) (or register TracingExtension with @RegisterExtension), \
            or make a CaptureSession current yourself; to check spans from elsewhere, pass them to \
            assertThatTrace(Collection<SpanData>).
            at SoftTraceAssertions_Test.should_start_each_failure_of_the_report_on_its_own_line(SoftTraceAssertions_Test.java:N)""");
  }

  /** The first line of text: soft failures start with a line break. */
  private static String firstLine(Throwable error) {
    return error.getMessage().strip().lines().findFirst().orElseThrow();
  }
}
