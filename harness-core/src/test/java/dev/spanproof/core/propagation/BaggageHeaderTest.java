package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.TestHeaders.headers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Cases follow the W3C Baggage spec (baggage/HTTP_HEADER_FORMAT.md) and test/test_baggage.py. */
class BaggageHeaderTest {

  @Test
  void should_decode_the_spec_examples_split_over_headers() {
    // WHEN
    BaggageValidation validation =
        BaggageHeader.validate(
            headers(
                "baggage", "userId=Am%C3%A9lie",
                "Baggage", "serverNode = DF%2028, isProduction = false"));
    // THEN
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.entries())
        .containsExactly(
            Map.entry("userId", "Amélie"),
            Map.entry("serverNode", "DF 28"),
            Map.entry("isProduction", "false"));
  }

  @Test
  void should_accept_properties_equals_in_values_and_ows() {
    // W3C test/test_baggage.py: test_parse_multiple_ows, test_parse_multiple_equals
    // WHEN
    BaggageValidation validation =
        BaggageHeader.validate(
            headers(
                "baggage",
                "SomeKey \t = \t SomeValue \t ; \t SomeProp \t , \t SomeKey2 \t = \t SomeValue2"
                    + " \t ; \t ValueProp \t = \t PropVal,k=v=equals"));
    // THEN
    assertThat(validation.problems()).isEmpty();
    assertThat(validation.entries())
        .containsExactly(
            Map.entry("SomeKey", "SomeValue"),
            Map.entry("SomeKey2", "SomeValue2"),
            Map.entry("k", "v=equals"));
  }

  @Test
  void should_replace_malformed_utf8_with_replacement_character() {
    // WHEN
    BaggageValidation validation = BaggageHeader.validate(headers("baggage", "k=%FFok"));
    // THEN
    assertThat(validation.entries()).containsExactly(Map.entry("k", "\uFFFDok"));
  }

  @Test
  void should_drop_malformed_members_and_keep_the_rest() {
    // WHEN
    BaggageValidation validation =
        BaggageHeader.validate(
            headers("baggage", "good=1,bad key=2,raw=a b,pct=100%,noequals,,last=ok"));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.entries())
        .containsExactly(Map.entry("good", "1"), Map.entry("last", "ok"));
    assertThat(validation.problems())
        .containsExactly(
            "baggage: key \"bad key\" contains \" \", but a key must be an RFC 7230 token",
            "baggage: the value \"a b\" of key \"raw\" contains \" \", which must be"
                + " percent-encoded (only baggage-octets may appear as they are)",
            "baggage: the value \"100%\" of key \"pct\" has a \"%\" not followed by two hex"
                + " digits, but \"%\" must itself be percent-encoded",
            "baggage: list-member \"noequals\" has no \"=\" between key and value",
            "baggage: has an empty list-member, which the W3C Baggage grammar does not allow");
  }

  @Test
  void should_keep_last_duplicate_and_warn() {
    // WHEN
    BaggageValidation validation = BaggageHeader.validate(headers("baggage", "k=1,k=2"));
    // THEN
    assertThat(validation.entries()).containsExactly(Map.entry("k", "2"));
    assertThat(validation.warnings())
        .containsExactly(
            "baggage: key \"k\" occurs 2 times, which producers should avoid; the last value is"
                + " kept here");
  }

  @Test
  void should_warn_beyond_64_members_and_8192_bytes() {
    // GIVEN 65 members of 130 bytes each
    String members =
        IntStream.range(0, 65)
            .mapToObj(i -> String.format("k%03d=%s", i, "v".repeat(125)))
            .collect(Collectors.joining(","));
    // WHEN
    BaggageValidation validation = BaggageHeader.validate(headers("baggage", members));
    // THEN
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.entries()).hasSize(65);
    assertThat(validation.warnings())
        .containsExactly(
            "baggage: has 65 list-members, more than the 64 a receiver must propagate, so it may"
                + " drop some",
            "baggage: is 8514 bytes, more than the 8192 a receiver must propagate, so it may drop"
                + " list-members");
  }

  @Test
  void should_report_missing_header() {
    assertThat(BaggageHeader.validate(Map.of()).problems())
        .containsExactly("baggage: header is missing");
  }
}
