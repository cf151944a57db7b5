package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.TestHeaders.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Percent escapes anywhere in uber-trace-id, at its very start and end too. */
class JaegerPercentEncodingTest {

  @Test
  void should_decode_an_escape_at_the_start_of_the_value() {
    // WHEN
    JaegerValidation validation = Jaeger.validate(headers("uber-trace-id", "%31:2:0:1"));
    // THEN
    assertThat(validation.problems()).isEmpty();
    assertThat(validation.traceId()).isEqualTo("00000000000000000000000000000001");
  }

  @Test
  void should_decode_an_escape_at_the_end_of_the_value() {
    // WHEN
    JaegerValidation sampled = Jaeger.validate(headers("uber-trace-id", "1:2:0:%31"));
    JaegerValidation notSampled = Jaeger.validate(headers("uber-trace-id", "1:2:0:%30"));
    // THEN
    assertThat(sampled.isValid()).isTrue();
    assertThat(sampled.isSampled()).isTrue();
    assertThat(notSampled.isValid()).isTrue();
    assertThat(notSampled.isSampled()).isFalse();
  }

  @Test
  void should_refuse_an_escape_cut_off_by_the_end_of_the_value() {
    // WHEN
    JaegerValidation validation = Jaeger.validate(headers("uber-trace-id", "1:2:0:1%3"));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.traceId()).isNull();
    assertThat(validation.problems())
        .containsExactly(
            "uber-trace-id: value \"1:2:0:1%3\" has a \"%\" not followed by two hex digits, so it"
                + " cannot be percent-decoded");
  }

  @Test
  void should_report_a_null_value_instead_of_failing() {
    // WHEN
    JaegerValidation validation =
        Jaeger.validate(Map.of("uber-trace-id", Arrays.asList((String) null)));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems()).containsExactly("uber-trace-id: value is null");
  }

  @Test
  void should_refuse_null_headers() {
    assertThatThrownBy(() -> Jaeger.validate(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("headers must not be null");
  }
}
