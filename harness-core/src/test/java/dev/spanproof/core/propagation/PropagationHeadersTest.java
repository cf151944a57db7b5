package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.TestHeaders.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PropagationHeadersTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";

  @Test
  void should_list_formats_present_and_find_no_conflict_when_they_agree() {
    // GIVEN the same context in four formats
    Map<String, java.util.List<String>> headers =
        headers(
            "traceparent",
            "00-" + TRACE_ID + "-" + SPAN_ID + "-01",
            "b3",
            TRACE_ID + "-" + SPAN_ID + "-1",
            "X-B3-TraceId",
            TRACE_ID,
            "X-B3-SpanId",
            SPAN_ID,
            "uber-trace-id",
            TRACE_ID + ":" + SPAN_ID + ":0:1",
            "baggage",
            "k=v");
    // WHEN
    PropagationReport report = PropagationHeaders.inspect(headers);
    // THEN
    assertThat(report.formats())
        .containsExactly(
            PropagationFormat.W3C,
            PropagationFormat.B3_SINGLE,
            PropagationFormat.B3_MULTI,
            PropagationFormat.JAEGER);
    assertThat(report.validation(PropagationFormat.B3_MULTI))
        .hasValueSatisfying(validation -> assertThat(validation.isValid()).isTrue());
    assertThat(report.baggage()).hasValueSatisfying(b -> assertThat(b.entries()).containsKey("k"));
    assertThat(report.conflicts()).isEmpty();
    assertThat(report.problems()).isEmpty();
  }

  @Test
  void should_report_formats_that_disagree() {
    // GIVEN
    Map<String, java.util.List<String>> headers =
        headers(
            "traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01",
            "uber-trace-id", "abc:" + SPAN_ID + ":0:0");
    // WHEN
    PropagationReport report = PropagationHeaders.inspect(headers);
    // THEN
    assertThat(report.conflicts())
        .containsExactly(
            "traceparent and uber-trace-id: they disagree on the trace id"
                + " (\"4bf92f3577b34da6a3ce929d0e0e4736\" vs \"00000000000000000000000000000abc\"),"
                + " so which trace a receiver continues depends on its propagator order",
            "traceparent and uber-trace-id: they disagree on the sampled flag (\"true\" vs"
                + " \"false\"), so which trace a receiver continues depends on its propagator"
                + " order");
    assertThat(report.problems()).isEqualTo(report.conflicts());
  }

  @Test
  void should_not_compare_deferred_b3_sampling_and_should_collect_format_problems() {
    // GIVEN
    Map<String, java.util.List<String>> headers =
        headers(
            "traceparent",
            "00-" + TRACE_ID + "-" + SPAN_ID + "-01",
            "traceparent",
            "00-" + TRACE_ID + "-" + SPAN_ID + "-01",
            "X-B3-TraceId",
            TRACE_ID,
            "X-B3-SpanId",
            SPAN_ID);
    // WHEN
    PropagationReport report = PropagationHeaders.inspect(headers);
    // THEN
    assertThat(report.conflicts()).isEmpty();
    assertThat(report.problems())
        .singleElement()
        .asString()
        .startsWith("traceparent: header occurs 2 times");
    assertThat(report.toString()).startsWith("PropagationReport[formats=[W3C, B3_MULTI]]");
  }

  @Test
  void should_refuse_null_headers() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PropagationHeaders.inspect(null))
        .withMessage("headers must not be null");
  }
}
