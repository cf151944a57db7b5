package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.Headers.quote;

import dev.spanproof.core.propagation.HeaderProblem.Kind;
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
  private static final String WHEN_ZERO = " is zero, which Jaeger treats as invalid";
  private static final HexField TRACE_ID = upTo("trace-id", 32, WHEN_ZERO);
  private static final HexField SPAN_ID = upTo("span-id", 16, WHEN_ZERO);
  private static final HexField PARENT_SPAN_ID = upTo("parent-span-id", 16, null);
  private static final HexField FLAGS = upTo("flags", 2, null);

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
    Findings findings = new Findings();
    List<String> values = findings.occurrences(headers, HEADER, "");
    if (values.isEmpty()) {
      return new JaegerValidation(null, null, 0, findings);
    }
    if (values.size() > 1) {
      findings.problem(
          HEADER,
          Kind.REPEATED,
          "header occurs "
              + values.size()
              + " times, but a request carries one trace; no rule says which one a receiver uses");
      return new JaegerValidation(null, null, 0, findings);
    }
    if (!findings.isNotNull(HEADER, values.get(0))) {
      return new JaegerValidation(null, null, 0, findings);
    }
    String value = decode(Headers.trimOws(values.get(0)), findings);
    if (value == null) {
      return new JaegerValidation(null, null, 0, findings);
    }
    String[] fields = value.split(":", -1);
    if (fields.length != 4) {
      findings.problem(
          HEADER,
          Kind.MALFORMED,
          "value "
              + quote(value)
              + " has "
              + fields.length
              + " colon-separated fields, but Jaeger requires"
              + " {trace-id}:{span-id}:{parent-span-id}:{flags}");
      return new JaegerValidation(null, null, 0, findings);
    }
    TRACE_ID.check(HEADER, fields[0], findings);
    SPAN_ID.check(HEADER, fields[1], findings);
    PARENT_SPAN_ID.check(HEADER, fields[2], findings);
    FLAGS.check(HEADER, fields[3], findings);
    if (!findings.problems().isEmpty()) {
      return new JaegerValidation(null, null, 0, findings);
    }
    return new JaegerValidation(
        pad(fields[0], 32), pad(fields[1], 16), Integer.parseInt(fields[3], 16), findings);
  }

  /** A field of 1 to {@code maxLength} characters, as Jaeger lets leading zeros go. */
  private static HexField upTo(String name, int maxLength, String whenZero) {
    return new HexField(
        "Jaeger", name, n -> n >= 1 && n <= maxLength, "1 to " + maxLength, whenZero);
  }

  /** Percent-decodes the value, which is ASCII; returns null after reporting a broken escape. */
  private static String decode(String value, Findings findings) {
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
        findings.problem(
            HEADER,
            Kind.MALFORMED,
            "value "
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
