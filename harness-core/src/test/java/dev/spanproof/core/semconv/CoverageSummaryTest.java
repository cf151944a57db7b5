package dev.spanproof.core.semconv;

import static dev.spanproof.core.semconv.HttpConventionsTest.client;
import static dev.spanproof.core.semconv.TestSpans.span;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.INTERNAL;
import static io.opentelemetry.api.trace.SpanKind.PRODUCER;
import static io.opentelemetry.api.trace.StatusCode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.lint.Finding;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The printable summary of what a check covered. */
class CoverageSummaryTest {

  @Test
  void should_count_spans_per_convention_and_list_the_rest_and_unknown_attributes() {
    List<SpanData> spans =
        List.of(
            span("processOrder", INTERNAL, UNSET, "order.id", "o-1"),
            client("GET", UNSET, 200),
            client("GET", UNSET, 200, "order.id", "o-1"),
            span(
                "SELECT t",
                CLIENT,
                UNSET,
                "db.system.name",
                "h2database",
                "db.query.summary",
                "SELECT t"),
            span("publish orders", PRODUCER, UNSET, "messaging.system", "kafka"));

    SemanticConventions rules = SemanticConventions.bundled();
    List<Finding> findings = rules.check(spans, DatabaseConventionMode.STABLE);
    System.out.println(rules.coverage(spans, DatabaseConventionMode.STABLE));

    CoverageSummary summary = rules.coverage(spans, DatabaseConventionMode.STABLE);
    assertThat(findings).extracting(Finding::ruleId).contains("ambiguous_type");

    assertThat(summary.spanCounts())
        .containsExactly(
            Map.entry(SemanticConvention.HTTP_CLIENT, 2),
            Map.entry(SemanticConvention.DATABASE_CLIENT, 1));
    assertThat(summary.spansWithoutConvention()).containsExactly("processOrder");
    assertThat(summary.undecidedSpans()).containsExactly("publish orders");
    assertThat(summary.unknownAttributes())
        .containsExactly(Map.entry("order.id", List.of("processOrder", "GET")));
    assertThat(summary)
        .hasToString(
            """
            Semantic conventions 1.43.0 (database: stable conventions), 5 spans
              HTTP client: 2 spans
              database client: 1 span
              no convention: 1 span (processOrder)
              undecided: 1 span (publish orders)
            Attributes no rule knows: order.id (processOrder, GET)""");
  }

  @Test
  void should_say_when_every_attribute_is_known() {
    CoverageSummary summary =
        SemanticConventions.bundled()
            .coverage(List.of(client("GET", UNSET, 200)), DatabaseConventionMode.OLD);

    assertThat(summary)
        .hasToString(
            """
            Semantic conventions 1.43.0 (database: old conventions), 1 span
              HTTP client: 1 span
            Attributes no rule knows: none""");
  }

  @Test
  void should_name_a_null_argument() {
    assertThatThrownBy(
            () -> SemanticConventions.bundled().coverage(null, DatabaseConventionMode.STABLE))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(
            "coverage(Collection<SpanData> spans, DatabaseConventionMode mode): spans must not be null");
  }
}
