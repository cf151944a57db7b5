package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.assertThatTraces;
import static dev.spanproof.assertions.TraceAssertions.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.CaptureSession;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which spans an assertion touches, as strict assertion mode counts them: a span the test selected
 * (by name or by navigating to it) or that a passing trace check named; checks that name no span
 * touch nothing. The order trace: processOrder with validateInventory and processPayment.
 */
class StrictAssertionMode_touchedSpans_Test {

  private final TestTraces traces = new TestTraces();
  private CaptureSession session;
  private Scope inSession;

  @BeforeEach
  void recordTheOrderTraceInASession() {
    session = traces.harness.openSession("order flow");
    inSession = session.makeCurrent();
    traces.orderTrace();
  }

  @AfterEach
  void close() {
    inSession.close();
    session.close();
    traces.close();
  }

  private List<String> untouched() {
    return session.unassertedSpans().stream().map(SpanData::getName).toList();
  }

  @Test
  void should_touch_nothing_before_any_assertion() {
    assertThat(untouched()).containsExactly("processOrder", "validateInventory", "processPayment");
  }

  @Test
  void should_touch_the_span_selected_by_name() {
    // WHEN
    assertThatTrace().span("processPayment").hasParent("processOrder");
    // THEN
    assertThat(untouched()).containsExactly("processOrder", "validateInventory");
  }

  @Test
  void should_touch_the_spans_navigated_to() {
    // WHEN
    assertThatTrace().root().child("validateInventory").parent().isRoot();
    // THEN
    assertThat(untouched()).containsExactly("processPayment");
  }

  @Test
  void should_touch_the_root_that_hasRoot_names() {
    // WHEN
    assertThatTrace().hasRoot("processOrder");
    // THEN
    assertThat(untouched()).containsExactly("validateInventory", "processPayment");
  }

  @Test
  void should_touch_the_spans_that_hasSpanNamed_and_hasSpansNamed_name() {
    // WHEN
    assertThatTrace().hasSpanNamed("validateInventory").hasSpansNamed("processPayment", 1);
    // THEN
    assertThat(untouched()).containsExactly("processOrder");
  }

  @Test
  void should_touch_every_span_a_passing_structure_check_matched() {
    // WHEN
    assertThatTrace()
        .hasStructureInOrder(
            span("processOrder", span("validateInventory"), span("processPayment")));
    // THEN
    assertThat(untouched()).isEmpty();
  }

  @Test
  void should_touch_the_root_of_the_trace_selected_by_its_root() {
    // WHEN
    assertThatTraces().traceWithRoot("processOrder").hasSpanCount(3);
    // THEN
    assertThat(untouched()).containsExactly("validateInventory", "processPayment");
  }

  @Test
  void should_touch_nothing_by_checks_that_name_no_span() {
    // WHEN
    assertThatTrace()
        .hasSpanCount(3)
        .hasDepth(2)
        .hasSingleRoot()
        .hasNoOrphans()
        .hasNoSpanNamed("refund")
        .hasNoRepeatedSiblings(1);
    // THEN
    assertThat(untouched()).containsExactly("processOrder", "validateInventory", "processPayment");
  }

  @Test
  void should_touch_nothing_by_a_structure_check_that_failed_softly() {
    // GIVEN
    SoftTraceAssertions softly = new SoftTraceAssertions();
    // WHEN
    softly.assertThatTrace().hasStructure(span("processOrder", span("processPayment")));
    // THEN
    assertThat(softly.errorsCollected()).hasSize(1);
    assertThat(untouched()).containsExactly("processOrder", "validateInventory", "processPayment");
  }

  @Test
  void should_touch_spans_selected_softly() {
    // GIVEN
    SoftTraceAssertions softly = new SoftTraceAssertions();
    // WHEN
    softly.assertThatTrace().span("validateInventory").hasParent("processOrder");
    // THEN
    assertThat(softly.errorsCollected()).isEmpty();
    assertThat(untouched()).containsExactly("processOrder", "processPayment");
  }

  @Test
  void should_record_touches_in_the_session_current_where_the_assert_was_created() {
    // GIVEN the same spans, asserted on a thread where no session is current
    List<SpanData> spans = session.finishedSpans();
    // WHEN
    CompletableFuture.runAsync(
            () ->
                assertThatTrace(spans)
                    .hasStructure(
                        span("processOrder", span("validateInventory"), span("processPayment")))
                    .span("processPayment")
                    .hasKind(SpanKind.CLIENT))
        .join();
    // THEN
    assertThat(untouched()).containsExactly("processOrder", "validateInventory", "processPayment");
  }
}
