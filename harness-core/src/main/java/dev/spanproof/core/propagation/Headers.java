package dev.spanproof.core.propagation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Case-insensitive header access and the small text helpers every validator shares. */
final class Headers {

  /** Values longer than this are shortened in messages so a problem stays one readable line. */
  private static final int MAX_QUOTED_LENGTH = 80;

  private Headers() {}

  static void requireNonNull(Map<String, List<String>> headers) {
    if (headers == null) {
      throw new IllegalArgumentException("headers must not be null");
    }
  }

  /**
   * All occurrences of a header, in map order. A null list counts as one occurrence with a null
   * value, so callers report it instead of failing.
   */
  static List<String> values(Map<String, List<String>> headers, String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
        if (header.getValue() == null) {
          values.add(null);
        } else {
          values.addAll(header.getValue());
        }
      }
    }
    return Collections.unmodifiableList(values);
  }

  static boolean isPresent(Map<String, List<String>> headers, String name) {
    return headers.keySet().stream().anyMatch(key -> key != null && key.equalsIgnoreCase(name));
  }

  /** HTTP optional whitespace (RFC 9110 section 5.6.3): space and horizontal tab only. */
  static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  static String trimOws(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isOws(value.charAt(start))) {
      start++;
    }
    while (end > start && isOws(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }

  static boolean isLowerHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  /** The value of an ASCII hex digit of either case, or -1. */
  static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  /** The first character that is not lowercase hex, or -1 when there is none. */
  static int firstNonLowerHex(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!isLowerHex(value.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  static boolean isAllZeros(String value) {
    return value.chars().allMatch(c -> c == '0');
  }

  /** A value in double quotes, control and non-ASCII characters escaped, long values shortened. */
  static String quote(String value) {
    if (value.length() <= MAX_QUOTED_LENGTH) {
      return '"' + escape(value) + '"';
    }
    int half = MAX_QUOTED_LENGTH / 2;
    return '"'
        + escape(value.substring(0, half))
        + "…"
        + escape(value.substring(value.length() - half))
        + '"';
  }

  private static String escape(String value) {
    StringBuilder escaped = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\t') {
        escaped.append("\\t");
      } else if (c < 0x20 || c > 0x7e) {
        escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  static String quote(char c) {
    return quote(String.valueOf(c));
  }

  static String times(int count) {
    return count == 1 ? "once" : count + " times";
  }

  /** Appends "problem: …" and "warning: …" lines to a one-line summary. */
  static String appendLines(StringBuilder summary, List<String> problems, List<String> warnings) {
    problems.forEach(
        problem -> summary.append(System.lineSeparator()).append("  problem: ").append(problem));
    warnings.forEach(
        warning -> summary.append(System.lineSeparator()).append("  warning: ").append(warning));
    return summary.toString();
  }
}
