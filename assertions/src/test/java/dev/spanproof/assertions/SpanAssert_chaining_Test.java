package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.assertions.SpanAssert_isSampled_Test.RecordOnlySampler;
import dev.spanproof.core.TracingHarness;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every passing check returns the very assert it was called on, so that checks chain, and a chained
 * check still runs: {@code span.hasX().hasY()} fails on Y.
 */
class SpanAssert_chaining_Test {

  private static final String SCOPE = TracingHarness.TEST_TRACER_SCOPE;

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  static Stream<Arguments> passingChecksOnProcessPayment() {
    return Stream.of(
        check("hasChildrenNamed", s -> s.hasChildrenNamed("retry", 0)),
        check("doesNotHaveAttribute", s -> s.doesNotHaveAttribute("payment.card")),
        check("hasInstrumentationScope", s -> s.hasInstrumentationScope(SCOPE)),
        check(
            "spanDataSatisfies",
            s -> s.spanDataSatisfies(data -> assertThat(data.getName()).endsWith("Payment"))),
        check("hasLinkCount", s -> s.hasLinkCount(0)),
        check("hasSpanId", s -> s.hasSpanId("0000000000000003")),
        check("endsAt", s -> s.endsAt(TestTraces.BASE_NANOS + 9_000_000)),
        check("hasDurationAtLeast", s -> s.hasDurationAtLeast(Duration.ofMillis(5))),
        check("hasTotalRecordedEvents", s -> s.hasTotalRecordedEvents(1)),
        check("hasTotalRecordedLinks", s -> s.hasTotalRecordedLinks(0)),
        check("hasChildren", s -> s.hasChildren()));
  }

  private static Arguments check(String name, UnaryOperator<SpanAssert> check) {
    return Arguments.of(name, check);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("passingChecksOnProcessPayment")
  void should_return_the_same_assert_from_a_passing_check(
      String name, UnaryOperator<SpanAssert> check) {
    // GIVEN
    SpanAssert payment = assertThatTrace(traces.orderTrace()).span("processPayment");
    // WHEN
    SpanAssert returned = check.apply(payment);
    // THEN
    assertThat(returned).as(name).isSameAs(payment);
  }

  @Test
  void should_return_the_same_assert_from_the_checks_of_a_root_span() {
    // GIVEN
    SpanAssert order = assertThatTrace(traces.orderTrace()).span("processOrder");
    // WHEN/THEN
    assertThat(order.hasNoException()).isSameAs(order);
  }

  @Test
  void should_return_the_same_assert_from_endsBeforeStartOf() {
    // GIVEN
    SpanAssert inventory = assertThatTrace(traces.orderTrace()).span("validateInventory");
    // WHEN/THEN
    assertThat(inventory.endsBeforeStartOf("processPayment")).isSameAs(inventory);
  }

  @Test
  void should_return_the_same_assert_from_hasExceptionWithStackTrace() {
    // GIVEN
    List<SpanData> spans =
        traces.record(
            span("pay", 0, 1).with(s -> s.recordException(new IllegalStateException("declined"))));
    SpanAssert pay = assertThatTrace(spans).root();
    // WHEN/THEN
    assertThat(pay.hasExceptionWithStackTrace()).isSameAs(pay);
  }

  @Test
  void should_return_the_same_assert_from_isNotSampled() {
    try (SamplingFixture test = new SamplingFixture(new RecordOnlySampler())) {
      // GIVEN
      test.processOrder();
      SpanAssert order = assertThatTrace().span("processOrder");
      // WHEN/THEN
      assertThat(order.isNotSampled()).isSameAs(order);
    }
  }

  @Test
  void should_return_the_same_assert_from_hasLinkTo_a_span() {
    // GIVEN
    SpanData produced = traces.record(span("publish", 0, 1)).get(0);
    SpanContext producer = produced.getSpanContext();
    List<SpanData> consumer = traces.record(span("process batch", 2, 5).link(producer));
    SpanAssert batch = assertThatTrace(consumer).root();
    // WHEN/THEN
    assertThat(batch.hasLinkTo(produced)).isSameAs(batch);
  }
}
