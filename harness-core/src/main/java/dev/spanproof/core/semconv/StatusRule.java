package dev.spanproof.core.semconv;

import java.util.List;

/**
 * Which values of an attribute make an operation an error, e.g. {@code http.response.status_code}
 * 500 to 599 on HTTP servers, or every gRPC code but {@code OK} on gRPC clients.
 *
 * @param attribute the attribute that decides
 * @param error the values (or {@code from..to} number ranges) that are errors; empty with {@code
 *     errorExcept}
 * @param errorExcept the values that are not errors, all others being errors; empty with {@code
 *     error}
 */
record StatusRule(String attribute, List<String> error, List<String> errorExcept) {

  StatusRule {
    error = List.copyOf(error);
    errorExcept = List.copyOf(errorExcept);
  }

  /** Whether the operation failed according to the value {@code value} of the attribute. */
  boolean isError(Object value) {
    String text = value.toString();
    if (!errorExcept.isEmpty()) {
      return !errorExcept.contains(text);
    }
    for (String entry : error) {
      int range = entry.indexOf("..");
      if (range < 0 ? entry.equals(text) : inRange(value, entry, range)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inRange(Object value, String entry, int separator) {
    if (!(value instanceof Long number)) {
      return false;
    }
    return number >= Long.parseLong(entry.substring(0, separator))
        && number <= Long.parseLong(entry.substring(separator + 2));
  }

  /** The error values in words, for findings: {@code 500..599} or {@code every value but OK}. */
  String errorsInWords() {
    return errorExcept.isEmpty()
        ? String.join(", ", error)
        : "every value but " + String.join(", ", errorExcept);
  }
}
