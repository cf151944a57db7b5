package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.assertThatTraces;
import static dev.spanproof.assertions.TraceAssertions.awaitTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The assertions as users meet them: through the real extension, reading the test's own session.
 */
@ExtendWith(TracingExtension.class)
class TracingExtensionIntegration_Test {

  @Test
  void should_assert_on_the_current_tests_trace(Tracer tracer) {
    // GIVEN
    Span order = tracer.spanBuilder("processOrder").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = order.makeCurrent()) {
      tracer.spanBuilder("validateInventory").startSpan().end();
      tracer
          .spanBuilder("processPayment")
          .setSpanKind(SpanKind.CLIENT)
          .startSpan()
          .setStatus(StatusCode.OK)
          .end();
    } finally {
      order.end();
    }
    // WHEN/THEN
    assertThatTrace()
        .hasRoot("processOrder")
        .hasSpanCount(3)
        .hasStructure(span("processOrder", span("validateInventory"), span("processPayment")))
        .span("processPayment")
        .hasKind(SpanKind.CLIENT)
        .hasStatus(StatusCode.OK)
        .hasParent("processOrder");
    assertThatTraces().hasTraceCount(1).hasNoUnendedSpans();
  }

  @Test
  void should_name_the_test_once_in_messages() {
    assertThatThrownBy(TraceAssertions::assertThatTrace)
        .hasMessageStartingWith(
            "Expecting test [TracingExtensionIntegration_Test.should_name_the_test_once_in_messages()]"
                + " to hold exactly one trace, but it has none");
  }

  @Test
  void should_wait_for_spans_ended_on_another_thread(Tracer tracer) throws InterruptedException {
    // GIVEN sendEmail has started (untilComplete cannot know of spans not started yet) but may
    // end after the request
    Span request = tracer.spanBuilder("POST /orders").startSpan();
    CountDownLatch emailStarted = new CountDownLatch(1);
    try (Scope ignored = request.makeCurrent()) {
      var unused =
          CompletableFuture.runAsync(
              Context.current()
                  .wrap(
                      () -> {
                        Span email = tracer.spanBuilder("sendEmail").startSpan();
                        emailStarted.countDown();
                        email.end();
                      }));
      emailStarted.await();
    } finally {
      request.end();
    }
    // WHEN/THEN
    awaitTrace().untilComplete().hasSpanCount(2).span("sendEmail").hasParent("POST /orders");
  }
}
