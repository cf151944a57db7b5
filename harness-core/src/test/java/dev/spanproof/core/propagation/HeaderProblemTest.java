package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.TestHeaders.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.spanproof.core.propagation.HeaderProblem.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The structured side of every validation: each problem's header and kind, alongside the same
 * sentence {@code problems()} has, and the trace-flags byte.
 */
class HeaderProblemTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";

  @Test
  void should_give_each_traceparent_and_tracestate_problem_its_header_and_kind() {
    // GIVEN an all-zero trace-id, an uppercase parent-id and a short trace-flags field
    Map<String, List<String>> headers =
        headers("traceparent", "00-" + "0".repeat(32) + "-00F067AA0BA902B7-1");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.headerProblems())
        .extracting(HeaderProblem::header, HeaderProblem::kind)
        .containsExactly(
            tuple("traceparent", Kind.ZERO_ID),
            tuple("traceparent", Kind.INVALID_CHARACTER),
            tuple("traceparent", Kind.WRONG_LENGTH));
    assertThat(validation.headerProblems())
        .extracting(HeaderProblem::message)
        .isEqualTo(validation.problems());
  }

  @Test
  void should_name_tracestate_as_the_header_of_its_own_problems() {
    // GIVEN a valid traceparent and a tracestate with a duplicated key and no traceparent problem
    Map<String, List<String>> headers =
        headers("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01", "tracestate", "a=1,a=2");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.headerProblems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.header()).isEqualTo("tracestate");
              assertThat(problem.kind()).isEqualTo(Kind.DUPLICATE_KEY);
              assertThat(problem.message())
                  .isEqualTo(
                      "tracestate: key \"a\" occurs 2 times, but the W3C Trace Context spec lets"
                          + " each key occur once; a receiver may keep or drop the duplicates,"
                          + " and the first one is kept here");
            });
  }

  @Test
  void should_mark_a_tracestate_without_traceparent_as_inconsistent() {
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers("tracestate", "a=1"));
    // THEN
    assertThat(validation.headerProblems())
        .extracting(HeaderProblem::header, HeaderProblem::kind)
        .containsExactly(
            tuple("traceparent", Kind.MISSING), tuple("tracestate", Kind.INCONSISTENT));
  }

  @ParameterizedTest(name = "trace-flags {0}")
  @CsvSource({"00, 0, false", "01, 1, true", "03, 3, true", "02, 2, false", "ff, 255, true"})
  void should_expose_the_trace_flags_byte(String field, int flags, boolean sampled) {
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(
            headers("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-" + field));
    // THEN
    assertThat(validation.traceFlags()).isEqualTo(flags);
    assertThat(validation.isSampled()).isEqualTo(sampled);
  }

  @Test
  void should_mark_reserved_trace_flags_bits() {
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-ff"));
    // THEN
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.headerProblems())
        .extracting(HeaderProblem::kind)
        .containsExactly(Kind.RESERVED_FLAGS);
  }

  @Test
  void should_have_no_trace_flags_without_a_valid_traceparent() {
    // WHEN
    TraceContextValidation validation = TraceContext.validate(Map.of());
    // THEN
    assertThat(validation.traceFlags()).isZero();
    assertThat(validation.headerProblems())
        .containsExactly(
            new HeaderProblem(
                "traceparent",
                Kind.MISSING,
                "traceparent: header is missing, so a receiver starts a new trace"));
  }

  @Test
  void should_report_the_same_hex_field_rules_in_the_same_words_for_every_format() {
    // GIVEN a trace id with an uppercase character in each format
    String upper = "4BF92F3577B34DA6A3CE929D0E0E4736";
    // WHEN
    List<HeaderProblem> w3c =
        TraceContext.validate(headers("traceparent", "00-" + upper + "-" + SPAN_ID + "-01"))
            .headerProblems();
    List<HeaderProblem> b3 =
        B3.validateSingle(headers("b3", upper + "-" + SPAN_ID)).headerProblems();
    List<HeaderProblem> b3Multi =
        B3.validateMulti(headers("X-B3-TraceId", upper, "X-B3-SpanId", SPAN_ID)).headerProblems();
    List<HeaderProblem> jaeger =
        Jaeger.validate(headers("uber-trace-id", upper + ":" + SPAN_ID + ":0:1")).headerProblems();
    // THEN
    assertThat(List.of(w3c, b3, b3Multi, jaeger))
        .flatExtracting(problems -> problems)
        .extracting(HeaderProblem::header, HeaderProblem::kind, HeaderProblem::message)
        .containsExactly(
            tuple(
                "traceparent",
                Kind.INVALID_CHARACTER,
                "traceparent: trace-id \""
                    + upper
                    + "\" contains \"B\", but the W3C Trace Context spec allows only lowercase"
                    + " hex characters (0-9, a-f)"),
            tuple(
                "b3",
                Kind.INVALID_CHARACTER,
                "b3: TraceId \""
                    + upper
                    + "\" contains \"B\", but B3 allows only lowercase hex characters (0-9, a-f)"),
            tuple(
                "X-B3-TraceId",
                Kind.INVALID_CHARACTER,
                "X-B3-TraceId: \""
                    + upper
                    + "\" contains \"B\", but B3 allows only lowercase hex characters (0-9, a-f)"),
            tuple(
                "uber-trace-id",
                Kind.INVALID_CHARACTER,
                "uber-trace-id: trace-id \""
                    + upper
                    + "\" contains \"B\", but Jaeger allows only lowercase hex characters"
                    + " (0-9, a-f)"));
  }

  @Test
  void should_report_a_missing_header_with_kind_missing_in_every_format() {
    // WHEN
    List<HeaderProblem> problems =
        List.of(
                TraceContext.validate(Map.of()).headerProblems(),
                B3.validateSingle(Map.of()).headerProblems(),
                B3.validateMulti(Map.of()).headerProblems(),
                Jaeger.validate(Map.of()).headerProblems(),
                BaggageHeader.validate(Map.of()).headerProblems())
            .stream()
            .flatMap(List::stream)
            .toList();
    // THEN
    assertThat(problems)
        .extracting(HeaderProblem::header, HeaderProblem::kind, HeaderProblem::message)
        .containsExactly(
            tuple(
                "traceparent",
                Kind.MISSING,
                "traceparent: header is missing, so a receiver starts a new trace"),
            tuple("b3", Kind.MISSING, "b3: header is missing"),
            tuple("X-B3-*", Kind.MISSING, "X-B3-*: no B3 multiple headers were received"),
            tuple("uber-trace-id", Kind.MISSING, "uber-trace-id: header is missing"),
            tuple("baggage", Kind.MISSING, "baggage: header is missing"));
  }

  @Test
  void should_give_b3_and_jaeger_problems_their_header_and_kind() {
    // GIVEN
    Map<String, List<String>> b3 =
        headers("X-B3-TraceId", TRACE_ID, "X-B3-Sampled", "true", "X-B3-Flags", "1", "b3", "0-0-x");
    // WHEN
    List<HeaderProblem> multi = B3.validateMulti(b3).headerProblems();
    List<HeaderProblem> single = B3.validateSingle(b3).headerProblems();
    List<HeaderProblem> jaeger =
        Jaeger.validate(headers("uber-trace-id", "1:2:0:1", "uber-trace-id", "1:2:0:1"))
            .headerProblems();
    // THEN
    assertThat(multi)
        .extracting(HeaderProblem::header, HeaderProblem::kind)
        .containsExactly(
            tuple("X-B3-SpanId", Kind.MISSING),
            tuple("X-B3-Sampled", Kind.INVALID_SAMPLING),
            tuple("X-B3-Sampled", Kind.INCONSISTENT));
    assertThat(single)
        .extracting(HeaderProblem::header, HeaderProblem::kind)
        .containsExactly(
            tuple("b3", Kind.WRONG_LENGTH),
            tuple("b3", Kind.WRONG_LENGTH),
            tuple("b3", Kind.INVALID_SAMPLING));
    assertThat(jaeger)
        .extracting(HeaderProblem::header, HeaderProblem::kind)
        .containsExactly(tuple("uber-trace-id", Kind.REPEATED));
  }

  @Test
  void should_give_baggage_problems_their_header_and_kind() {
    // WHEN
    BaggageValidation validation = BaggageHeader.validate(headers("baggage", "k=v v,=x,,"));
    // THEN
    assertThat(validation.headerProblems())
        .extracting(HeaderProblem::header, HeaderProblem::kind)
        .containsExactly(
            tuple("baggage", Kind.INVALID_CHARACTER),
            tuple("baggage", Kind.MALFORMED),
            tuple("baggage", Kind.MALFORMED),
            tuple("baggage", Kind.MALFORMED));
    assertThat(validation.headerProblems())
        .extracting(HeaderProblem::message)
        .isEqualTo(validation.problems());
  }

  @Test
  void should_list_every_problem_of_a_report_with_conflicts_last() {
    // GIVEN a valid traceparent, a Jaeger header of another trace and a broken b3
    Map<String, List<String>> headers =
        headers(
            "traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01",
            "b3", "x",
            "uber-trace-id", "abc:" + SPAN_ID + ":0:1");
    // WHEN
    PropagationReport report = PropagationHeaders.inspect(headers);
    // THEN
    assertThat(report.headerProblems())
        .extracting(HeaderProblem::header, HeaderProblem::kind)
        .containsExactly(tuple("b3", Kind.MALFORMED), tuple("traceparent", Kind.FORMATS_DISAGREE));
    assertThat(report.headerProblems())
        .extracting(HeaderProblem::message)
        .isEqualTo(report.problems());
    assertThat(report.headerProblems().get(1).message()).isEqualTo(report.conflicts().get(0));
  }

  @Test
  void should_equal_a_problem_with_the_same_header_kind_and_message() {
    // GIVEN
    HeaderProblem problem = new HeaderProblem("b3", Kind.MISSING, "b3: header is missing");
    // WHEN / THEN
    assertThat(problem)
        .isEqualTo(new HeaderProblem("b3", Kind.MISSING, "b3: header is missing"))
        .hasSameHashCodeAs(new HeaderProblem("b3", Kind.MISSING, "b3: header is missing"))
        .isNotEqualTo(new HeaderProblem("b3", Kind.MALFORMED, "b3: header is missing"))
        .hasToString("MISSING: b3: header is missing");
  }
}
