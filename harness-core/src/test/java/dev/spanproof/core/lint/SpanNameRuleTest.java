package dev.spanproof.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.trace.Trace;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which span names hold a value of their own, and what the finding calls it. */
class SpanNameRuleTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET /orders/42                                   | a number (42)",
        "get_account/42                                   | a number (42)",
        "charge 1234567                                   | a number (1234567)",
        "GET /orders/3f2b8c1e-9d4a-4e5b-8c6d-7e8f9a0b1c2d | a UUID (3f2b8c1e-9d4a-4e5b-8c6d-7e8f9a0b1c2d)",
        "load 4bf92f3577b34da6                            | an id in hex (4bf92f3577b34da6)",
        "GET https://api.example.com/orders               | a full URL",
        "GET /orders?customer=7                           | a query string",
      })
  void finds_values_in_names(String name, String value) {
    assertThat(findings(name))
        .singleElement()
        .extracting(Finding::message)
        .isEqualTo(
            "the name holds "
                + value
                + ", so every call gets a name of its own: name the kind of operation (e.g. by"
                + " route or template) and put values in attributes");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /orders/{orderId}",
        "GET /v2/orders",
        "SELECT order_line",
        "processPayment",
        "GET localhost:8080",
        "publish orders",
        "HTTP/1.1 GET",
        "deadbeefcafebabe-free name"
      })
  void accepts_names_of_operations(String name) {
    assertThat(findings(name)).isEmpty();
  }

  private static List<Finding> findings(String name) {
    try (TracingHarness harness = TracingHarness.builder().build()) {
      harness.tracer().spanBuilder(name).startSpan().end();
      return TraceLint.only("high_cardinality_span_name").check(Trace.of(harness.finishedSpans()));
    }
  }
}
