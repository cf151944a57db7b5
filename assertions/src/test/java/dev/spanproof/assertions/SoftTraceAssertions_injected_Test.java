package dev.spanproof.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SoftTraceAssertions works with AssertJ's own JUnit extension, as the README says. */
@ExtendWith(SoftAssertionsExtension.class)
class SoftTraceAssertions_injected_Test {

  @InjectSoftAssertions private SoftTraceAssertions softly;

  @Test
  void should_be_injected_and_collect() {
    try (TestTraces traces = new TestTraces()) {
      softly.assertThatTrace(traces.orderTrace()).span("processPayment").hasKind(SpanKind.CLIENT);
    }
    assertThat(softly.wasSuccess()).isTrue();
  }
}
