package dev.spanproof.wiremock;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads WireMock requests the way the core validators want them. */
final class WireMockRequests {

  private WireMockRequests() {}

  /** Header names to all received values, in received order; a header sent twice has two values. */
  static Map<String, List<String>> headers(Request request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader header : request.getHeaders().all()) {
      headers.computeIfAbsent(header.key(), key -> new ArrayList<>()).addAll(header.values());
    }
    headers.replaceAll((name, values) -> Collections.unmodifiableList(values));
    return Collections.unmodifiableMap(headers);
  }

  /** All values of a header, any case; empty when absent. */
  static List<String> values(Map<String, List<String>> headers, String name) {
    List<String> values = new ArrayList<>();
    headers.forEach(
        (key, received) -> {
          if (key.equalsIgnoreCase(name)) {
            values.addAll(received);
          }
        });
    return values;
  }

  /** The URL's path, without the query string. */
  static String path(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** {@code GET /inventory?sku=1}. */
  static String describe(Request request) {
    return request.getMethod() + " " + request.getUrl();
  }
}
