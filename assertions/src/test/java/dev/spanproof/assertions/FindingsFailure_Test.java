package dev.spanproof.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.lint.Finding;
import dev.spanproof.core.lint.FindingLevel;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How rule findings become a failure: failing ones first, the rest listed, failing spans marked.
 */
class FindingsFailure_Test {

  private final TestTraces traces = new TestTraces();
  private final Trace trace = Trace.of(traces.orderTrace());
  private final SpanNode order = trace.spansNamed("processOrder").get(0);
  private final SpanNode payment = trace.spansNamed("processPayment").get(0);

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_not_fail_when_no_finding_has_a_failing_level() {
    Finding improvement =
        Finding.about(payment.span(), FindingLevel.IMPROVEMENT, "missing_attribute", "a", "advice");

    assertThat(
            FindingsFailure.of(
                "Expecting", trace, List.of(improvement), EnumSet.of(FindingLevel.VIOLATION)))
        .isEmpty();
  }

  @Test
  void should_list_failing_findings_then_the_others_and_mark_each_span_once_per_rule() {
    Finding deprecated =
        Finding.about(
            payment.span(),
            FindingLevel.VIOLATION,
            "deprecated",
            "http.method",
            "http.method is deprecated: use http.request.method");
    Finding alsoDeprecated =
        Finding.about(
            payment.span(),
            FindingLevel.VIOLATION,
            "deprecated",
            "http.url",
            "http.url is deprecated: use url.full");
    Finding twoRoots =
        Finding.aboutSpans(
            List.of(order.span(), payment.span()),
            FindingLevel.VIOLATION,
            "several_roots",
            "expected one root");
    Finding advice =
        Finding.about(order.span(), FindingLevel.IMPROVEMENT, "missing_attribute", null, "advice");

    Failure failure =
        FindingsFailure.of(
                "Expecting trace to pass lint",
                trace,
                List.of(deprecated, advice, alsoDeprecated, twoRoots),
                EnumSet.of(FindingLevel.VIOLATION))
            .orElseThrow();

    assertThat(failure.message())
        .isEqualTo(
            """
            Expecting trace to pass lint
            but found 3 findings:
              - violation deprecated [processPayment]: http.method is deprecated: use \
            http.request.method
              - violation deprecated [processPayment]: http.url is deprecated: use url.full
              - violation several_roots [processOrder and 1 more]: expected one root
            and, not failing the assertion:
              - improvement missing_attribute [processOrder]: advice""");
    assertThat(failure.marks())
        .containsOnly(
            Map.entry(payment, "deprecated, several_roots"), Map.entry(order, "several_roots"));
  }
}
