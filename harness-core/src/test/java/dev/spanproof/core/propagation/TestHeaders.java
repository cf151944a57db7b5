package dev.spanproof.core.propagation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds request headers in received order; repeated names add occurrences. */
final class TestHeaders {

  private TestHeaders() {}

  /**
   * Alternating names and values, e.g. {@code headers("traceparent", "00-…", "tracestate", "a=1")}.
   */
  static Map<String, List<String>> headers(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers
          .computeIfAbsent(namesAndValues[i], name -> new ArrayList<>())
          .add(namesAndValues[i + 1]);
    }
    return headers;
  }
}
