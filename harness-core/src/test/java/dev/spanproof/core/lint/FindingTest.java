package dev.spanproof.core.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.TracingHarness;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingTest {

  @Test
  void reads_as_the_line_listed_under_a_trace() {
    try (TracingHarness harness = TracingHarness.builder().build()) {
      harness.tracer().spanBuilder("GET /orders").startSpan().end();
      harness.tracer().spanBuilder("GET /users").startSpan().end();
      List<SpanData> spans = harness.finishedSpans();

      Finding one =
          Finding.about(
              spans.get(0),
              FindingLevel.VIOLATION,
              "deprecated",
              "http.method",
              "http.method is deprecated: use http.request.method");
      Finding two =
          Finding.aboutSpans(spans, FindingLevel.INFORMATION, "several_roots", "two roots");

      assertThat(one)
          .hasToString(
              "violation deprecated [GET /orders]: http.method is deprecated: use"
                  + " http.request.method");
      assertThat(one.attribute()).contains("http.method");
      assertThat(two).hasToString("information several_roots [GET /orders and 1 more]: two roots");
      assertThat(two.attribute()).isEmpty();
      assertThat(two.spans()).isEqualTo(spans);
    }
  }

  @Test
  void names_the_missing_part() {
    assertThatThrownBy(() -> Finding.aboutSpans(List.of(), FindingLevel.VIOLATION, null, "message"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("Finding: ruleId must not be null");
  }
}
