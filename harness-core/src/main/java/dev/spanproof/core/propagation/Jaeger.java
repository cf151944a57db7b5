package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.Headers.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks Jaeger's {@code uber-trace-id: {trace-id}:{span-id}:{parent-span-id}:{flags}} header as
 * documented by Jaeger's client libraries: hex ids whose leading zeros may be omitted, a trace-id
 * of up to 128 bits, flags bit 1 sampled and bit 2 debug. The value may be percent-encoded ({@code
 * %3A} for {@code :}).
 */
public final class Jaeger {

  static final String HEADER = "uber-trace-id";

  private static final String ZEROS = "00000000000000000000000000000000";

  private Jaeger() {}

  /**
   * Checks the {@code uber-trace-id} header of a request.
   *
   * @param headers header names (any case) to all their values, in received order
   * @return the validation; never {@code null}
   * @throws IllegalArgumentException if {@code headers} is {@code null}
   */
  public static JaegerValidation validate(Map<String, List<String>> headers) {
    Headers.requireNonNull(headers);
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> values = Headers.values(headers, HEADER);
    if (values.isEmpty()) {
      problems.add(HEADER + ": header is missing");
      return new JaegerValidation(null, null, 0, problems, warnings);
    }
    if (values.size() > 1) {
      problems.add(
          HEADER
              + ": header occurs "
              + values.size()
              + " times, but a request carries one trace; no rule says which one a receiver uses");
      return new JaegerValidation(null, null, 0, problems, warnings);
    }
    if (values.get(0) == null) {
      problems.add(HEADER + ": value is null");
      return new JaegerValidation(null, null, 0, problems, warnings);
    }
    String value = decode(Headers.trimOws(values.get(0)), problems);
    if (value == null) {
      return new JaegerValidation(null, null, 0, problems, warnings);
    }
    String[] fields = value.split(":", -1);
    if (fields.length != 4) {
      problems.add(
          HEADER
              + ": value "
              + quote(value)
              + " has "
              + fields.length
              + " colon-separated fields, but Jaeger requires"
              + " {trace-id}:{span-id}:{parent-span-id}:{flags}");
      return new JaegerValidation(null, null, 0, problems, warnings);
    }
    checkHex("trace-id", fields[0], 32, true, problems);
    checkHex("span-id", fields[1], 16, true, problems);
    checkHex("parent-span-id", fields[2], 16, false, problems);
    checkHex("flags", fields[3], 2, false, problems);
    if (!problems.isEmpty()) {
      return new JaegerValidation(null, null, 0, problems, warnings);
    }
    return new JaegerValidation(
        pad(fields[0], 32),
        pad(fields[1], 16),
        Integer.parseInt(fields[3], 16),
        problems,
        warnings);
  }

  private static void checkHex(
      String part, String field, int maxLength, boolean nonZero, List<String> problems) {
    if (field.isEmpty() || field.length() > maxLength) {
      problems.add(
          HEADER
              + ": "
              + part
              + " "
              + quote(field)
              + " has "
              + field.length()
              + " characters, but Jaeger requires 1 to "
              + maxLength
              + " lowercase hex characters");
      return;
    }
    int bad = Headers.firstNonLowerHex(field);
    if (bad >= 0) {
      problems.add(
          HEADER
              + ": "
              + part
              + " "
              + quote(field)
              + " contains "
              + quote(field.charAt(bad))
              + ", but Jaeger allows only lowercase hex characters (0-9, a-f)");
    } else if (nonZero && Headers.isAllZeros(field)) {
      problems.add(
          HEADER + ": " + part + " " + quote(field) + " is zero, which Jaeger treats as invalid");
    }
  }

  /** Percent-decodes the value, which is ASCII; returns null after reporting a broken escape. */
  private static String decode(String value, List<String> problems) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    StringBuilder decoded = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '%') {
        decoded.append(c);
        continue;
      }
      int code = i + 2 < value.length() ? hexByte(value.charAt(i + 1), value.charAt(i + 2)) : -1;
      if (code < 0) {
        problems.add(
            HEADER
                + ": value "
                + quote(value)
                + " has a \"%\" not followed by two hex digits, so it cannot be percent-decoded");
        return null;
      }
      decoded.append((char) code);
      i += 2;
    }
    return decoded.toString();
  }

  private static int hexByte(char high, char low) {
    int h = Headers.hexValue(high);
    int l = Headers.hexValue(low);
    return h < 0 || l < 0 ? -1 : h * 16 + l;
  }

  private static String pad(String hex, int length) {
    return ZEROS.substring(0, length - hex.length()) + hex;
  }
}
