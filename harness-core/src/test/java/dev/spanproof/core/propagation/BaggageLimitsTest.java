package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.TestHeaders.headers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The W3C Baggage limits hold up to and including their bound, and characters at the edges. */
class BaggageLimitsTest {

  private static String members(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> String.format("k%03d=v", i))
        .collect(Collectors.joining(","));
  }

  @Test
  void should_propagate_64_members_without_a_warning() {
    // WHEN
    BaggageValidation validation = BaggageHeader.validate(headers("baggage", members(64)));
    // THEN
    assertThat(validation.entries()).hasSize(64);
    assertThat(validation.warnings()).isEmpty();
  }

  @Test
  void should_allow_180_members_and_refuse_181() {
    // WHEN
    BaggageValidation most = BaggageHeader.validate(headers("baggage", members(180)));
    BaggageValidation tooMany = BaggageHeader.validate(headers("baggage", members(181)));
    // THEN
    assertThat(most.problems()).isEmpty();
    assertThat(most.warnings())
        .containsExactly(
            "baggage: has 180 list-members, more than the 64 a receiver must propagate, so it may"
                + " drop some");
    assertThat(tooMany.isValid()).isFalse();
    assertThat(tooMany.problems())
        .containsExactly(
            "baggage: has 181 list-members, but the W3C Baggage grammar allows at most 180");
  }

  @Test
  void should_count_8192_bytes_over_several_headers_with_the_comma_that_joins_them() {
    // GIVEN two headers of 4095 and 4096 bytes: 8192 bytes once joined by a comma
    String first = "a=" + "x".repeat(4093);
    String second = "b=" + "y".repeat(4094);
    // WHEN
    BaggageValidation fits = BaggageHeader.validate(headers("baggage", first, "baggage", second));
    BaggageValidation over =
        BaggageHeader.validate(headers("baggage", first, "baggage", second + "y"));
    // THEN
    assertThat(fits.warnings()).isEmpty();
    assertThat(over.warnings())
        .containsExactly(
            "baggage: is 8193 bytes, more than the 8192 a receiver must propagate, so it may drop"
                + " list-members");
  }

  @Test
  void should_accept_the_first_and_last_baggage_octets_and_refuse_the_characters_around_them() {
    // WHEN
    BaggageValidation edges = BaggageHeader.validate(headers("baggage", "k=!~"));
    BaggageValidation delete = BaggageHeader.validate(headers("baggage", "k=a\u007f"));
    // THEN
    assertThat(edges.entries()).containsExactly(Map.entry("k", "!~"));
    assertThat(delete.problems())
        .containsExactly(
            "baggage: the value \"a\\u007f\" of key \"k\" contains \"\\u007f\", which must be"
                + " percent-encoded (only baggage-octets may appear as they are)");
  }

  @Test
  void should_quote_a_tilde_as_it_is_in_a_problem() {
    // WHEN
    BaggageValidation validation = BaggageHeader.validate(headers("baggage", "k=~ x"));
    // THEN
    assertThat(validation.problems())
        .containsExactly(
            "baggage: the value \"~ x\" of key \"k\" contains \" \", which must be percent-encoded"
                + " (only baggage-octets may appear as they are)");
  }

  @Test
  void should_say_a_member_starting_with_equals_has_an_empty_key() {
    // WHEN
    BaggageValidation validation = BaggageHeader.validate(headers("baggage", "=v,k=1"));
    // THEN
    assertThat(validation.entries()).containsExactly(Map.entry("k", "1"));
    assertThat(validation.problems())
        .containsExactly("baggage: list-member \"=v\" has an empty key");
  }

  @Test
  void should_shorten_a_long_value_in_a_problem_to_its_ends() {
    // GIVEN a value of 81 characters, one more than a message quotes whole
    String value = "a".repeat(40) + " " + "b".repeat(40);
    String eightyCharacters = "c".repeat(78) + " x";
    // WHEN
    BaggageValidation longValue = BaggageHeader.validate(headers("baggage", "k=" + value));
    BaggageValidation eighty = BaggageHeader.validate(headers("baggage", "k=" + eightyCharacters));
    // THEN
    assertThat(longValue.problems())
        .containsExactly(
            "baggage: the value \""
                + "a".repeat(40)
                + "…"
                + "b".repeat(40)
                + "\" of key \"k\" contains \" \", which must be percent-encoded (only"
                + " baggage-octets may appear as they are)");
    assertThat(eighty.problems())
        .containsExactly(
            "baggage: the value \""
                + eightyCharacters
                + "\" of key \"k\" contains \" \", which must be percent-encoded (only"
                + " baggage-octets may appear as they are)");
  }
}
