package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.TestHeaders.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cases marked "W3C test/test.py: …" come from the receiver conformance suite of the W3C Trace
 * Context recommendation (w3c/trace-context, test/test.py at acab820, strict level 2, spec level
 * 2). The suite's AdvancedTest cases (several callbacks per request) test a service's outgoing
 * calls, not header parsing, so they have no counterpart here.
 */
class TraceContextTest {

  private static final String TRACE_ID = "12345678901234567890123456789012";
  private static final String PARENT_ID = "1234567890123456";
  private static final String VALID = "00-" + TRACE_ID + "-" + PARENT_ID + "-00";

  // --- traceparent ------------------------------------------------------------------------------

  @Test
  void should_reject_request_without_headers() {
    // W3C test/test.py: test_both_traceparent_and_tracestate_missing
    // GIVEN no trace headers
    // WHEN
    TraceContextValidation validation = TraceContext.validate(Map.of());
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.traceId()).isNull();
    assertThat(validation.parentId()).isNull();
    assertThat(validation.version()).isNull();
    assertThat(validation.isSampled()).isFalse();
    assertThat(validation.problems())
        .containsExactly("traceparent: header is missing, so a receiver starts a new trace");
  }

  @Test
  void should_accept_traceparent_without_tracestate() {
    // W3C test/test.py: test_traceparent_included_tracestate_missing
    // GIVEN
    Map<String, List<String>> headers =
        headers("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.version()).isEqualTo("00");
    assertThat(validation.traceId()).isEqualTo(TRACE_ID);
    assertThat(validation.parentId()).isEqualTo(PARENT_ID);
    assertThat(validation.isSampled()).isTrue();
    assertThat(validation.isRandom()).isFalse();
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.problems()).isEmpty();
    assertThat(validation.warnings()).isEmpty();
  }

  @Test
  void should_reject_duplicated_traceparent() {
    // W3C test/test.py: test_traceparent_duplicated
    // GIVEN
    Map<String, List<String>> headers =
        headers(
            "traceparent", "00-12345678901234567890123456789011-1234567890123456-01",
            "traceparent", "00-12345678901234567890123456789012-1234567890123456-01");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "traceparent: header occurs 2 times, but a request carries a single traceparent;"
                + " a receiver must not pick one and starts a new trace");
  }

  @Test
  void should_reject_duplicated_traceparent_sent_under_differently_cased_names() {
    // GIVEN the same header twice, once per spelling
    Map<String, List<String>> headers = headers("traceparent", VALID, "TraceParent", VALID);
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems()).singleElement().asString().contains("occurs 2 times");
  }

  @Test
  void should_reject_traceparents_joined_into_one_value() {
    // GIVEN two traceparent values combined with a comma, as an HTTP stack may do
    Map<String, List<String>> headers = headers("traceparent", VALID + ", " + VALID);
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .singleElement()
        .asString()
        .endsWith(
            " contains \",\", as if several traceparent headers were joined into one;"
                + " a receiver must not pick one and starts a new trace");
  }

  @Test
  void should_accept_comma_in_the_unknown_fields_of_a_future_version() {
    // GIVEN a receiver must not assume anything about fields after the first 55 characters
    Map<String, List<String>> headers =
        headers("traceparent", "cc-" + TRACE_ID + "-" + PARENT_ID + "-01-x,y");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"trace-parent", "trace.parent"})
  void should_ignore_misspelled_traceparent_header_names(String name) {
    // W3C test/test.py: test_traceparent_header_name
    // GIVEN
    Map<String, List<String>> headers = headers(name, VALID);
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly("traceparent: header is missing, so a receiver starts a new trace");
  }

  @ParameterizedTest
  @ValueSource(strings = {"TraceParent", "TrAcEpArEnT", "TRACEPARENT"})
  void should_match_traceparent_header_name_in_any_case(String name) {
    // W3C test/test.py: test_traceparent_header_name_valid_casing
    // GIVEN
    Map<String, List<String>> headers = headers(name, VALID);
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.traceId()).isEqualTo(TRACE_ID);
  }

  @Test
  void should_reject_version_00_with_extra_trailing_characters() {
    // W3C test/test.py: test_traceparent_version_0x00 (first case)
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers("traceparent", VALID + "."));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "traceparent: trace-flags \"00.\" has 3 characters, but the W3C Trace Context spec"
                + " requires exactly 2 lowercase hex characters");
  }

  @Test
  void should_reject_version_00_with_extra_fields() {
    // W3C test/test.py: test_traceparent_version_0x00 (second case)
    // GIVEN
    Map<String, List<String>> headers =
        headers("traceparent", VALID + "-what-the-future-will-be-like");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "traceparent: a version-00 value is exactly 55 characters, but this one continues"
                + " with \"-what-the-future-will-be-like\", so a receiver starts a new trace");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cc-12345678901234567890123456789012-1234567890123456-01",
        "cc-12345678901234567890123456789012-1234567890123456-01-what-the-future-will-be-like"
      })
  void should_accept_future_version_that_starts_like_version_00(String traceparent) {
    // W3C test/test.py: test_traceparent_version_0xcc (first and second case)
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers("traceparent", traceparent));
    // THEN
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.version()).isEqualTo("cc");
    assertThat(validation.traceId()).isEqualTo(TRACE_ID);
    assertThat(validation.isSampled()).isTrue();
    assertThat(validation.problems()).isEmpty();
    assertThat(validation.warnings())
        .containsExactly(
            "traceparent: version \"cc\" is newer than 00, so a receiver reads only the"
                + " version-00 fields and propagates version 00");
  }

  @Test
  void should_reject_future_version_whose_flags_are_not_followed_by_a_dash() {
    // W3C test/test.py: test_traceparent_version_0xcc (third case)
    // GIVEN
    Map<String, List<String>> headers =
        headers(
            "traceparent",
            "cc-12345678901234567890123456789012-1234567890123456-01.what-the-future-will-be-like");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "traceparent: trace-flags \"01.what\" has 7 characters, but the W3C Trace Context"
                + " spec requires exactly 2 lowercase hex characters");
  }

  @Test
  void should_reject_future_version_shorter_than_version_00() {
    // GIVEN a future version must still carry the four version-00 fields
    Map<String, List<String>> headers =
        headers("traceparent", "01-12345678901234567890123456789012-1234567890123456");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "traceparent: value \"01-12345678901234567890123456789012-1234567890123456\" has 3"
                + " dash-separated fields, but the W3C Trace Context spec requires"
                + " version-trace-id-parent-id-trace-flags");
  }

  @Test
  void should_reject_version_ff() {
    // W3C test/test.py: test_traceparent_version_0xff
    // GIVEN
    Map<String, List<String>> headers =
        headers("traceparent", "ff-12345678901234567890123456789012-1234567890123456-01");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "traceparent: version \"ff\" is forbidden by the W3C Trace Context spec"
                + " (version 255 is invalid)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // W3C test/test.py: test_traceparent_version_illegal_characters
        ".0-12345678901234567890123456789012-1234567890123456-01",
        "0.-12345678901234567890123456789012-1234567890123456-01",
        // W3C test/test.py: test_traceparent_version_too_long
        "000-12345678901234567890123456789012-1234567890123456-01",
        "0000-12345678901234567890123456789012-1234567890123456-01",
        // W3C test/test.py: test_traceparent_version_too_short
        "0-12345678901234567890123456789012-1234567890123456-01",
        // uppercase hex is not HEXDIGLC
        "0A-12345678901234567890123456789012-1234567890123456-01"
      })
  void should_reject_unparseable_version(String traceparent) {
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers("traceparent", traceparent));
    // THEN
    String version = traceparent.substring(0, traceparent.indexOf('-'));
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "traceparent: version \""
                + version
                + "\" is not 2 lowercase hex characters followed by \"-\","
                + " so a receiver starts a new trace");
  }

  @Test
  void should_reject_all_zero_trace_id() {
    // W3C test/test.py: test_traceparent_trace_id_all_zero
    // GIVEN
    Map<String, List<String>> headers =
        headers("traceparent", "00-00000000000000000000000000000000-1234567890123456-01");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.traceId()).isNull();
    assertThat(validation.problems())
        .containsExactly(
            "traceparent: trace-id \"00000000000000000000000000000000\" is all zeros, which the"
                + " W3C Trace Context spec forbids (an invalid trace-id)");
  }

  @Test
  void should_reject_all_zero_parent_id() {
    // W3C test/test.py: test_traceparent_parent_id_all_zero
    // GIVEN
    Map<String, List<String>> headers =
        headers("traceparent", "00-12345678901234567890123456789012-0000000000000000-01");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "traceparent: parent-id \"0000000000000000\" is all zeros, which the W3C Trace Context"
                + " spec forbids (an invalid parent-id)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // W3C test/test.py: test_traceparent_trace_id_illegal_characters
        "00-.2345678901234567890123456789012-1234567890123456-01|trace-id|\".\"",
        "00-1234567890123456789012345678901.-1234567890123456-01|trace-id|\".\"",
        // W3C test/test.py: test_traceparent_parent_id_illegal_characters
        "00-12345678901234567890123456789012-.234567890123456-01|parent-id|\".\"",
        "00-12345678901234567890123456789012-123456789012345.-01|parent-id|\".\"",
        // W3C test/test.py: test_traceparent_trace_flags_illegal_characters
        "00-12345678901234567890123456789012-1234567890123456-.0|trace-flags|\".\"",
        "00-12345678901234567890123456789012-1234567890123456-0.|trace-flags|\".\"",
        // uppercase hex: the spec's HEXDIGLC is lowercase only
        "00-1234567890123456789012345678901A-1234567890123456-01|trace-id|\"A\"",
        "00-12345678901234567890123456789012-123456789012345F-01|parent-id|\"F\"",
        "00-12345678901234567890123456789012-1234567890123456-0A|trace-flags|\"A\"",
        // whitespace inside the value is not optional whitespace
        "00-12345678901234567890123456789012-1234567890123456- 1|trace-flags|\" \""
      })
  void should_reject_non_lowercase_hex_characters(String testCase) {
    // GIVEN
    String[] parts = testCase.split("\\|", -1);
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers("traceparent", parts[0]));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .singleElement()
        .asString()
        .startsWith("traceparent: " + parts[1] + " \"")
        .endsWith(
            " contains "
                + parts[2]
                + ", but the W3C Trace Context spec allows only lowercase hex characters (0-9,"
                + " a-f)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // W3C test/test.py: test_traceparent_trace_id_too_long
        "00-123456789012345678901234567890123-1234567890123456-01|trace-id|33|32",
        // W3C test/test.py: test_traceparent_trace_id_too_short
        "00-1234567890123456789012345678901-1234567890123456-01|trace-id|31|32",
        // W3C test/test.py: test_traceparent_parent_id_too_long
        "00-12345678901234567890123456789012-12345678901234567-01|parent-id|17|16",
        // W3C test/test.py: test_traceparent_parent_id_too_short
        "00-12345678901234567890123456789012-123456789012345-01|parent-id|15|16",
        // W3C test/test.py: test_traceparent_trace_flags_too_long
        "00-12345678901234567890123456789012-1234567890123456-001|trace-flags|3|2",
        // W3C test/test.py: test_traceparent_trace_flags_too_short
        "00-12345678901234567890123456789012-1234567890123456-1|trace-flags|1|2"
      })
  void should_reject_fields_of_wrong_length(String testCase) {
    // GIVEN
    String[] parts = testCase.split("\\|", -1);
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers("traceparent", parts[0]));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .singleElement()
        .asString()
        .startsWith("traceparent: " + parts[1] + " \"")
        .endsWith(
            " has "
                + parts[2]
                + " characters, but the W3C Trace Context spec requires exactly "
                + parts[3]
                + " lowercase hex characters");
  }

  @Test
  void should_report_every_broken_field() {
    // GIVEN
    Map<String, List<String>> headers =
        headers("traceparent", "00-00000000000000000000000000000000-0000000000000000-zz");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.problems()).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // W3C test/test.py: test_traceparent_ows_handling
        " " + VALID,
        "\t" + VALID,
        VALID + " ",
        VALID + "\t",
        "\t " + VALID + " \t"
      })
  void should_ignore_leading_and_trailing_optional_whitespace(String traceparent) {
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers("traceparent", traceparent));
    // THEN
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.traceId()).isEqualTo(TRACE_ID);
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void should_not_treat_other_whitespace_as_optional_whitespace() {
    // GIVEN a line feed is not OWS (RFC 9110: space and horizontal tab only)
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers("traceparent", VALID + "\n"));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "traceparent: trace-flags \"00\\u000a\" has 3 characters, but the W3C Trace Context"
                + " spec requires exactly 2 lowercase hex characters");
  }

  @Test
  void should_read_random_flag() {
    // W3C test/test.py: TraceContext2Test.test_propagates_random_flag
    // GIVEN
    Map<String, List<String>> headers =
        headers("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-02");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.isRandom()).isTrue();
    assertThat(validation.isSampled()).isFalse();
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void should_read_sampled_flag_as_a_single_bit() {
    // GIVEN 03 = sampled and random: sampled is bit 0x01, not the whole byte
    Map<String, List<String>> headers =
        headers("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-03");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isSampled()).isTrue();
    assertThat(validation.isRandom()).isTrue();
  }

  @Test
  void should_report_reserved_flags_of_version_00_but_still_accept_it() {
    // GIVEN flags 0x05: sampled plus reserved bit 0x04, which senders must leave zero
    Map<String, List<String>> headers =
        headers("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-05");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.isSampled()).isTrue();
    assertThat(validation.isRandom()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "traceparent: trace-flags \"05\" set reserved bits (0x04), which the W3C Trace Context"
                + " spec requires senders to leave zero; a receiver ignores them");
  }

  @Test
  void should_report_null_traceparent_value() {
    // GIVEN
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("traceparent", Arrays.asList((String) null));
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems()).containsExactly("traceparent: value is null");
  }

  @Test
  void should_report_null_header_list_and_ignore_null_names() {
    // GIVEN
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("traceparent", null);
    headers.put(null, List.of(VALID));
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.problems()).containsExactly("traceparent: value is null");
  }

  @Test
  void should_refuse_null_headers() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TraceContext.validate(null))
        .withMessage("headers must not be null");
  }

  // --- tracestate -------------------------------------------------------------------------------

  @Test
  void should_discard_tracestate_without_traceparent() {
    // W3C test/test.py: test_tracestate_included_traceparent_missing
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers("tracestate", "foo=1,bar=2"));
    // THEN
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.problems())
        .containsExactly(
            "traceparent: header is missing, so a receiver starts a new trace",
            "tracestate: received without a traceparent, which makes it invalid,"
                + " so a receiver must discard it");
  }

  @Test
  void should_not_parse_tracestate_when_traceparent_is_invalid() {
    // GIVEN
    Map<String, List<String>> headers =
        headers(
            "traceparent", "00-00000000000000000000000000000000-1234567890123456-01",
            "tracestate", "foo=1");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.warnings())
        .containsExactly(
            "tracestate: not parsed because the traceparent is invalid;"
                + " a receiver must not parse tracestate then and drops it");
  }

  @Test
  void should_inherit_tracestate_with_traceparent() {
    // W3C test/test.py: test_tracestate_included_traceparent_included
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", "foo=1,bar=2"));
    // THEN
    assertThat(validation.tracestateMembers()).containsExactly("foo=1", "bar=2");
    assertThat(validation.problems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"trace-state", "trace.state"})
  void should_ignore_misspelled_tracestate_header_names(String name) {
    // W3C test/test.py: test_tracestate_header_name
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, name, "foo=1"));
    // THEN
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.problems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TraceState", "TrAcEsTaTe", "TRACESTATE"})
  void should_match_tracestate_header_name_in_any_case(String name) {
    // W3C test/test.py: test_tracestate_header_name_valid_casing
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, name, "foo=1"));
    // THEN
    assertThat(validation.tracestateMembers()).containsExactly("foo=1");
  }

  @Test
  void should_accept_empty_tracestate_headers() {
    // W3C test/test.py: test_tracestate_empty_header
    assertThat(TraceContext.validate(headers("traceparent", VALID, "tracestate", "")))
        .satisfies(
            validation -> {
              assertThat(validation.isValid()).isTrue();
              assertThat(validation.tracestateMembers()).isEmpty();
              assertThat(validation.problems()).isEmpty();
            });
    assertThat(
            TraceContext.validate(
                    headers("traceparent", VALID, "tracestate", "foo=1", "tracestate", ""))
                .tracestateMembers())
        .containsExactly("foo=1");
    assertThat(
            TraceContext.validate(
                    headers("traceparent", VALID, "tracestate", "", "tracestate", "foo=1"))
                .tracestateMembers())
        .containsExactly("foo=1");
  }

  @Test
  void should_combine_several_tracestate_headers_in_order() {
    // W3C test/test.py: test_tracestate_multiple_headers_different_keys
    // GIVEN
    Map<String, List<String>> headers =
        headers(
            "traceparent", VALID,
            "tracestate", "foo=1,bar=2",
            "tracestate", "rojo=1,congo=2",
            "tracestate", "baz=3");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.tracestateMembers())
        .containsExactly("foo=1", "bar=2", "rojo=1", "congo=2", "baz=3");
  }

  @Test
  void should_ignore_empty_list_members() {
    // GIVEN empty and whitespace-only list-members, which the spec allows
    Map<String, List<String>> headers =
        headers("traceparent", VALID, "tracestate", ",foo=1, ,\t,bar=2,");
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.tracestateMembers()).containsExactly("foo=1", "bar=2");
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void should_keep_tracestate_with_duplicated_keys_and_report_them() {
    // W3C test/test.py: test_tracestate_duplicated_keys (since w3c/trace-context#477 the
    // tracestate is inherited; a receiver keeps the duplicates or drops all but one)
    assertThat(
            TraceContext.validate(headers("traceparent", VALID, "tracestate", "foo=1,foo=1"))
                .tracestateMembers())
        .containsExactly("foo=1");
    assertThat(
            TraceContext.validate(
                    headers("traceparent", VALID, "tracestate", "foo=1", "tracestate", "foo=1"))
                .tracestateMembers())
        .containsExactly("foo=1");
    assertThat(
            TraceContext.validate(
                    headers("traceparent", VALID, "tracestate", "foo=1", "tracestate", "foo=2"))
                .tracestateMembers())
        .containsExactly("foo=1");
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", "foo=1,foo=2"));
    // THEN
    assertThat(validation.tracestateMembers()).containsExactly("foo=1");
    assertThat(validation.problems())
        .containsExactly(
            "tracestate: key \"foo\" occurs 2 times, but the W3C Trace Context spec lets each key"
                + " occur once; a receiver may keep or drop the duplicates, and the first one is"
                + " kept here");
  }

  @Test
  void should_accept_all_allowed_characters() {
    // W3C test/test.py: test_tracestate_all_allowed_characters
    // GIVEN
    String key = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
    String keyWithAt = key + "@a-z0-9_-*/";
    String value =
        IntStream.rangeClosed(0x20, 0x7e)
            .filter(c -> c != ',' && c != '=')
            .mapToObj(Character::toString)
            .collect(Collectors.joining());
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(
            headers(
                "traceparent", VALID,
                "tracestate", key + "=" + value,
                "tracestate", keyWithAt + "=" + value));
    // THEN
    assertThat(validation.tracestateMembers())
        .containsExactly(key + "=" + value, keyWithAt + "=" + value);
    assertThat(validation.problems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo=1 \t , \t bar=2, \t baz=3", "foo=1\t \t,\t \tbar=2,\t \tbaz=3"})
  void should_ignore_whitespace_around_list_members(String tracestate) {
    // W3C test/test.py: test_tracestate_ows_handling (first two cases)
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", tracestate));
    // THEN
    assertThat(validation.tracestateMembers()).containsExactly("foo=1", "bar=2", "baz=3");
  }

  @ParameterizedTest
  @ValueSource(strings = {" foo=1", "\tfoo=1", "foo=1 ", "foo=1\t", "\t foo=1 \t"})
  void should_ignore_whitespace_around_a_single_member(String tracestate) {
    // W3C test/test.py: test_tracestate_ows_handling (remaining cases)
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", tracestate));
    // THEN
    assertThat(validation.tracestateMembers()).containsExactly("foo=1");
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void should_keep_leading_spaces_of_a_value() {
    // GIVEN the spec: "All leading spaces MUST be preserved as part of the value"
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", "foo=  1  "));
    // THEN
    assertThat(validation.tracestateMembers()).containsExactly("foo=  1");
  }

  @Test
  void should_drop_tracestate_with_space_before_equals() {
    // W3C test/test.py: test_tracestate_key_illegal_characters (first case)
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", "foo =1"));
    // THEN
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.problems())
        .containsExactly(
            "tracestate: key \"foo \" contains \" \", but the W3C Trace Context spec allows only"
                + " a-z, 0-9, \"_\", \"-\", \"*\", \"/\" and \"@\" in a key, so the whole"
                + " tracestate is dropped");
  }

  @Test
  void should_drop_tracestate_with_uppercase_key() {
    // W3C test/test.py: test_tracestate_key_illegal_characters (second case)
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", "FOO=1"));
    // THEN
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.problems())
        .containsExactly(
            "tracestate: key \"FOO\" starts with \"F\", but the W3C Trace Context spec requires a"
                + " lowercase letter or digit first, so the whole tracestate is dropped");
  }

  @Test
  void should_drop_tracestate_with_dot_in_key() {
    // W3C test/test.py: test_tracestate_key_illegal_characters (third case)
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", "foo.bar=1"));
    // THEN
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.problems()).singleElement().asString().contains("contains \".\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo@=1,bar=2", "foo@@bar=1,bar=2", "foo@bar@baz=1,bar=2"})
  void should_accept_at_signs_after_the_first_key_character(String tracestate) {
    // W3C test/test.py: test_tracestate_key_illegal_vendor_format (cases 1, 3, 4; the key grammar
    // since w3c/trace-context#386 has "@" as an ordinary key character, tests fixed in #584)
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", tracestate));
    // THEN
    assertThat(validation.tracestateMembers()).containsExactly(tracestate.split(","));
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void should_drop_tracestate_with_key_starting_with_at_sign() {
    // W3C test/test.py: test_tracestate_key_illegal_vendor_format (case 2)
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", "@foo=1,bar=2"));
    // THEN
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.problems())
        .containsExactly(
            "tracestate: key \"@foo\" starts with \"@\", but the W3C Trace Context spec requires a"
                + " lowercase letter or digit first, so the whole tracestate is dropped");
  }

  @Test
  void should_accept_key_starting_with_digit() {
    // GIVEN key = ( lcalpha / DIGIT ) 0*255 ( keychar )
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", "1vendor=x"));
    // THEN
    assertThat(validation.tracestateMembers()).containsExactly("1vendor=x");
  }

  @Test
  void should_accept_32_list_members() {
    // W3C test/test.py: test_tracestate_member_count_limit (first case)
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headersWithMembers(32));
    // THEN
    assertThat(validation.tracestateMembers()).hasSize(32).startsWith("bar01=01");
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void should_drop_tracestate_with_33_list_members() {
    // W3C test/test.py: test_tracestate_member_count_limit (second case)
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headersWithMembers(33));
    // THEN
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.problems())
        .containsExactly(
            "tracestate: has 33 list-members, but the W3C Trace Context spec allows at most 32,"
                + " so the whole tracestate is dropped");
  }

  @ParameterizedTest
  @ValueSource(ints = {256, 241, 242, 2})
  void should_accept_keys_up_to_256_characters(int variant) {
    // W3C test/test.py: test_tracestate_key_length_limit (cases 1, 3, 4, 5)
    // GIVEN
    String key =
        switch (variant) {
          case 256 -> "z".repeat(256);
          case 241 -> "t".repeat(241) + "@" + "v".repeat(14);
          case 242 -> "t".repeat(242) + "@v";
          default -> "t@" + "v".repeat(15);
        };
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(
            headers("traceparent", VALID, "tracestate", "foo=1", "tracestate", key + "=1"));
    // THEN
    assertThat(validation.tracestateMembers()).containsExactly("foo=1", key + "=1");
  }

  @Test
  void should_drop_tracestate_with_257_character_key() {
    // W3C test/test.py: test_tracestate_key_length_limit (case 2)
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(
            headers(
                "traceparent", VALID, "tracestate", "foo=1", "tracestate", "z".repeat(257) + "=1"));
    // THEN
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.problems())
        .singleElement()
        .asString()
        .endsWith(
            " has 257 characters, but the W3C Trace Context spec allows at most 256, so the whole"
                + " tracestate is dropped");
  }

  @Test
  void should_drop_tracestate_with_equals_in_value() {
    // W3C test/test.py: test_tracestate_value_illegal_characters (first case)
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", "foo=bar=baz"));
    // THEN
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.problems())
        .containsExactly(
            "tracestate: the value \"bar=baz\" of key \"foo\" contains \"=\", but the W3C Trace"
                + " Context spec allows only printable ASCII (0x20-0x7E) except \",\" and \"=\","
                + " so the whole tracestate is dropped");
  }

  @Test
  void should_drop_tracestate_with_empty_value() {
    // W3C test/test.py: test_tracestate_value_illegal_characters (second case)
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", "foo=,bar=3"));
    // THEN
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.problems())
        .containsExactly(
            "tracestate: the value of key \"foo\" is empty, but the W3C Trace Context spec"
                + " requires 1 to 256 characters, so the whole tracestate is dropped");
  }

  @Test
  void should_limit_values_to_256_characters() {
    // GIVEN
    String ok = "a=" + "v".repeat(256);
    String tooLong = "b=" + "v".repeat(257);
    // THEN
    assertThat(
            TraceContext.validate(headers("traceparent", VALID, "tracestate", ok))
                .tracestateMembers())
        .containsExactly(ok);
    assertThat(
            TraceContext.validate(headers("traceparent", VALID, "tracestate", tooLong)).problems())
        .containsExactly(
            "tracestate: the value of key \"b\" has 257 characters, but the W3C Trace Context spec"
                + " allows at most 256, so the whole tracestate is dropped");
  }

  @Test
  void should_drop_tracestate_with_control_character_in_value() {
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", "foo=a\u0001b"));
    // THEN
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.problems()).singleElement().asString().contains("contains \"\\u0001\"");
  }

  @Test
  void should_drop_tracestate_with_member_without_equals() {
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", "foo=1,bar"));
    // THEN
    assertThat(validation.tracestateMembers()).isEmpty();
    assertThat(validation.problems())
        .containsExactly(
            "tracestate: list-member \"bar\" has no \"=\" between key and value, so the whole"
                + " tracestate is dropped");
  }

  @Test
  void should_report_null_tracestate_value_and_keep_the_others() {
    // GIVEN
    Map<String, List<String>> headers = headers("traceparent", VALID);
    headers.put("tracestate", Arrays.asList("foo=1", null));
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN
    assertThat(validation.tracestateMembers()).containsExactly("foo=1");
    assertThat(validation.problems()).containsExactly("tracestate: value is null");
  }

  @Test
  void should_warn_when_tracestate_exceeds_what_receivers_must_propagate() {
    // GIVEN 5 members of 120 characters and one of 130: 735 characters with the commas
    List<String> members = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      members.add("k" + i + "=" + "v".repeat(117));
    }
    members.add(2, "big=" + "v".repeat(126));
    Map<String, List<String>> headers =
        headers("traceparent", VALID, "tracestate", String.join(",", members));
    // WHEN
    TraceContextValidation validation = TraceContext.validate(headers);
    // THEN all members still propagate, but a truncating receiver drops big first, then k5
    assertThat(validation.tracestateMembers()).isEqualTo(members);
    assertThat(validation.problems()).isEmpty();
    assertThat(validation.warnings())
        .containsExactly(
            "tracestate: 735 characters, more than the 512 a receiver should propagate at least;"
                + " a receiver that truncates drops whole list-members, those over 128 characters"
                + " first, then from the right: here the keys \"big\", \"k5\"");
  }

  @Test
  void should_not_warn_at_exactly_512_characters() {
    // GIVEN members of 256 and 255 characters plus a comma: exactly 512
    String first = "a=" + "v".repeat(254);
    String second = "b=" + "v".repeat(253);
    // WHEN
    TraceContextValidation validation =
        TraceContext.validate(headers("traceparent", VALID, "tracestate", first + "," + second));
    // THEN
    assertThat(validation.warnings()).isEmpty();
  }

  @Test
  void should_describe_itself() {
    // GIVEN
    TraceContextValidation validation =
        TraceContext.validate(
            headers(
                "traceparent",
                "00-" + TRACE_ID + "-" + PARENT_ID + "-03",
                "tracestate",
                "foo=1,bar=2"));
    // WHEN
    String text = validation.toString();
    // THEN
    assertThat(text)
        .isEqualTo(
            "TraceContextValidation[valid, version=00, traceId="
                + TRACE_ID
                + ", parentId="
                + PARENT_ID
                + ", sampled=true, random=true, tracestate=foo=1,bar=2]");
    assertThat(TraceContext.validate(Map.of()).toString())
        .isEqualTo(
            "TraceContextValidation[invalid]"
                + System.lineSeparator()
                + "  problem: traceparent: header is missing, so a receiver starts a new trace");
  }

  private static Map<String, List<String>> headersWithMembers(int count) {
    List<String> members = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      members.add(String.format("bar%02d=%02d", i, i));
    }
    Map<String, List<String>> headers = headers("traceparent", VALID);
    List<String> tracestates = new ArrayList<>();
    for (int from = 0; from < count; from += 10) {
      tracestates.add(String.join(",", members.subList(from, Math.min(count, from + 10))));
    }
    headers.put("tracestate", tracestates);
    return headers;
  }
}
