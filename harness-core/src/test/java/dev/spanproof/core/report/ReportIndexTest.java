package dev.spanproof.core.report;

import static dev.spanproof.core.report.ReportSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.trace.Trace;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class ReportIndexTest {

  @Test
  void should_list_each_test_with_outcome_span_count_and_duration_linking_to_its_page() {
    Trace trace =
        Trace.of(
            List.of(span("processOrder", 1, 0, 0, 40).build(), span("pay", 2, 1, 5, 9).build()));
    ReportIndex index =
        ReportIndex.empty()
            .with(TestReport.passed("test [A.ok()]", List.of(trace)), "A/ok_.html")
            .with(
                TestReport.failed("test [A.<b>bad</b>()]", List.of(), "boom", Set.of()),
                "A/bad\".html");

    Document page = Jsoup.parse(index.render());

    assertThat(index.size()).isEqualTo(2);
    assertThat(page.select("body > p").text()).isEqualTo("2 tests, 1 failed");
    assertThat(page.select("tr").eachText())
        .containsExactly(
            "test outcome spans traces duration",
            "test [A.ok()] passed 2 1 40.0 ms",
            "test [A.<b>bad</b>()] failed 0 0 0 ns");
    assertThat(page.select("a").eachAttr("href")).containsExactly("A/ok_.html", "A/bad\".html");
    assertThat(page.select("b")).isEmpty();
  }
}
