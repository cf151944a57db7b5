package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.TestHeaders.headers;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cases follow Jaeger's documented propagation format for {@code uber-trace-id}. */
class JaegerTest {

  @Test
  void should_accept_full_header() {
    // WHEN
    JaegerValidation validation =
        Jaeger.validate(
            headers("uber-trace-id", "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:3"));
    // THEN
    assertThat(validation.format()).isEqualTo(PropagationFormat.JAEGER);
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(validation.parentId()).isEqualTo("00f067aa0ba902b7");
    assertThat(validation.isSampled()).isTrue();
    assertThat(validation.isDebug()).isTrue();
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void should_left_pad_short_ids_and_decode_percent_encoding() {
    // WHEN
    JaegerValidation validation =
        Jaeger.validate(headers("Uber-Trace-Id", "deadbeef%3Abeef%3a0%3A00"));
    // THEN
    assertThat(validation.traceId()).isEqualTo("000000000000000000000000deadbeef");
    assertThat(validation.parentId()).isEqualTo("000000000000beef");
    assertThat(validation.isSampled()).isFalse();
  }

  @Test
  void should_reject_zero_trace_id_and_bad_fields() {
    // WHEN
    JaegerValidation validation = Jaeger.validate(headers("uber-trace-id", "0:xyz:0:1"));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "uber-trace-id: trace-id \"0\" is zero, which Jaeger treats as invalid",
            "uber-trace-id: span-id \"xyz\" contains \"x\", but Jaeger allows only lowercase hex"
                + " characters (0-9, a-f)");
  }

  @Test
  void should_reject_wrong_field_count_and_too_long_ids() {
    assertThat(Jaeger.validate(headers("uber-trace-id", "abc:def:1")).problems())
        .containsExactly(
            "uber-trace-id: value \"abc:def:1\" has 3 colon-separated fields, but Jaeger requires"
                + " {trace-id}:{span-id}:{parent-span-id}:{flags}");
    assertThat(Jaeger.validate(headers("uber-trace-id", "1".repeat(33) + ":1:0:1")).problems())
        .singleElement()
        .asString()
        .endsWith("has 33 characters, but Jaeger requires 1 to 32 lowercase hex characters");
  }

  @Test
  void should_reject_repeated_header_and_broken_percent_encoding() {
    assertThat(
            Jaeger.validate(headers("uber-trace-id", "1:1:0:1", "uber-trace-id", "2:2:0:1"))
                .problems())
        .containsExactly(
            "uber-trace-id: header occurs 2 times, but a request carries one trace; no rule says"
                + " which one a receiver uses");
    assertThat(Jaeger.validate(headers("uber-trace-id", "1%3:1:0:1")).problems())
        .containsExactly(
            "uber-trace-id: value \"1%3:1:0:1\" has a \"%\" not followed by two hex digits, so it"
                + " cannot be percent-decoded");
  }
}
