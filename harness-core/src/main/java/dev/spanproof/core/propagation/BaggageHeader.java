package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.Headers.quote;

import dev.spanproof.core.propagation.HeaderProblem.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks W3C Baggage headers: {@code key=value} list-members with optional {@code ;}-separated
 * properties, keys are RFC 7230 tokens, values are baggage-octets with everything else
 * percent-encoded. Several {@code baggage} headers combine into one list.
 */
public final class BaggageHeader {

  static final String HEADER = "baggage";

  private static final int MAX_MEMBERS_IN_GRAMMAR = 180;
  private static final int MAX_MEMBERS_PROPAGATED = 64;
  private static final int MAX_BYTES_PROPAGATED = 8192;
  private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

  private BaggageHeader() {}

  /**
   * Checks the {@code baggage} headers of a request.
   *
   * @param headers header names (any case) to all their values, in received order
   * @return the validation; never {@code null}
   * @throws IllegalArgumentException if {@code headers} is {@code null}
   */
  public static BaggageValidation validate(Map<String, List<String>> headers) {
    Headers.requireNonNull(headers);
    Findings findings = new Findings();
    List<String> values = findings.occurrences(headers, HEADER, "");
    List<String> members = new ArrayList<>();
    int bytes = 0;
    for (String value : values) {
      if (!findings.isNotNull(HEADER, value)) {
        continue;
      }
      if (value.isEmpty()) {
        continue;
      }
      bytes += value.getBytes(StandardCharsets.UTF_8).length + (members.isEmpty() ? 0 : 1);
      for (String member : value.split(",", -1)) {
        members.add(Headers.trimOws(member));
      }
    }
    if (members.size() > MAX_MEMBERS_IN_GRAMMAR) {
      findings.problem(
          HEADER,
          Kind.TOO_MANY_MEMBERS,
          "has "
              + members.size()
              + " list-members, but the W3C Baggage grammar allows at most 180");
    } else if (members.size() > MAX_MEMBERS_PROPAGATED) {
      findings.warning(
          HEADER,
          "has "
              + members.size()
              + " list-members, more than the 64 a receiver must propagate, so it may drop some");
    }
    if (bytes > MAX_BYTES_PROPAGATED) {
      findings.warning(
          HEADER,
          "is "
              + bytes
              + " bytes, more than the 8192 a receiver must propagate, so it may drop list-members");
    }
    Map<String, String> entries = new LinkedHashMap<>();
    Map<String, Integer> occurrences = new LinkedHashMap<>();
    for (String member : members) {
      if (member.isEmpty()) {
        findings.problem(
            HEADER,
            Kind.MALFORMED,
            "has an empty list-member, which the W3C Baggage grammar does not allow");
        continue;
      }
      String[] parts = member.split(";", -1);
      int mark = findings.mark();
      String[] keyAndValue = keyAndValue(parts[0], true, findings);
      for (int i = 1; i < parts.length; i++) {
        keyAndValue(parts[i], false, findings);
      }
      if (keyAndValue != null && !findings.addedSince(mark)) {
        entries.put(keyAndValue[0], decode(keyAndValue[1]));
        occurrences.merge(keyAndValue[0], 1, Integer::sum);
      }
    }
    occurrences.forEach(
        (key, count) -> {
          if (count > 1) {
            findings.warning(
                HEADER,
                "key "
                    + quote(key)
                    + " occurs "
                    + count
                    + " times, which producers should avoid; the last value is kept here");
          }
        });
    return new BaggageValidation(entries, findings);
  }

  /** Checks {@code key OWS "=" OWS value} (or, for a property, a lone key). */
  private static String[] keyAndValue(String text, boolean member, Findings findings) {
    String what = member ? "list-member " : "property ";
    int equals = text.indexOf('=');
    if (equals < 0 && member) {
      findings.problem(
          HEADER,
          Kind.MALFORMED,
          what + quote(Headers.trimOws(text)) + " has no \"=\" between key and value");
      return null;
    }
    String key = Headers.trimOws(equals < 0 ? text : text.substring(0, equals));
    String value = equals < 0 ? "" : Headers.trimOws(text.substring(equals + 1));
    if (key.isEmpty()) {
      findings.problem(
          HEADER, Kind.MALFORMED, what + quote(Headers.trimOws(text)) + " has an empty key");
      return null;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!isTokenChar(c)) {
        findings.problem(
            HEADER,
            Kind.INVALID_CHARACTER,
            "key "
                + quote(key)
                + " contains "
                + quote(c)
                + ", but a key must be an RFC 7230 token");
        return null;
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        if (i + 2 >= value.length()
            || Headers.hexValue(value.charAt(i + 1)) < 0
            || Headers.hexValue(value.charAt(i + 2)) < 0) {
          findings.problem(
              HEADER,
              Kind.INVALID_CHARACTER,
              "the value "
                  + quote(value)
                  + " of key "
                  + quote(key)
                  + " has a \"%\" not followed by two hex digits, but \"%\" must itself be"
                  + " percent-encoded");
          return null;
        }
      } else if (!isBaggageOctet(c)) {
        findings.problem(
            HEADER,
            Kind.INVALID_CHARACTER,
            "the value "
                + quote(value)
                + " of key "
                + quote(key)
                + " contains "
                + quote(c)
                + ", which must be percent-encoded (only baggage-octets may appear as they are)");
        return null;
      }
    }
    return new String[] {key, value};
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || TOKEN_SYMBOLS.indexOf(c) >= 0;
  }

  /** US-ASCII except controls, whitespace, DQUOTE, comma, semicolon and backslash. */
  private static boolean isBaggageOctet(char c) {
    return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
  }

  /** Percent-decodes to UTF-8; malformed sequences become U+FFFD, as the spec requires. */
  private static String decode(String value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        bytes.write(
            Headers.hexValue(value.charAt(i + 1)) * 16 + Headers.hexValue(value.charAt(i + 2)));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
