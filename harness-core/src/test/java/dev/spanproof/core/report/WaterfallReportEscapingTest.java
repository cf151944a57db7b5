package dev.spanproof.core.report;

import static dev.spanproof.core.report.ReportSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random names and values built from the characters that matter to HTML, attributes, JSON and
 * script elements: whatever they are, the page shows them as they were and adds no element.
 */
class WaterfallReportEscapingTest {

  private static final String[] PIECES = {
    "<", ">", "&", "\"", "'", "/", "\\", "</script>", "<!--", "-->", "<script>", "&amp;", "&#60;",
    "\u2028", "\u2029", "\n", "\t", "=", " on", "x", "é", "😀", "]]>", "<![CDATA[", "`", "${"
  };

  static LongStream seeds() {
    return LongStream.range(0, 200).map(i -> 0x5eed_0000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void should_show_any_value_as_it_was_and_add_no_element(long seed) {
    Random random = new Random(seed);
    String name = hostile(random);
    String value = hostile(random);
    SpanData spanData =
        span(name, 1, 0, 0, 10)
            .setAttributes(Attributes.of(AttributeKey.stringKey("payload"), value))
            .setTotalAttributeCount(1)
            .build();

    Document page =
        Jsoup.parse(
            WaterfallReport.render(
                TestReport.failed("t", List.of(Trace.of(List.of(spanData))), value, Set.of())));

    String seedNote = "seed " + seed;
    Element row = page.selectFirst("li.span");
    assertThat(row.selectFirst(".name").wholeText()).as(seedNote).isEqualTo(name);
    assertThat(row.selectFirst(".name").attr("title")).as(seedNote).isEqualTo(name);
    assertThat(row.select(".details td").get(row.select(".details td").size() - 1).wholeText())
        .as(seedNote)
        .isEqualTo(value);
    assertThat(page.selectFirst("pre.failure").wholeText()).as(seedNote).isEqualTo(value);
    assertThat(page.select("script")).as(seedNote).hasSize(2);
    assertThat(page.select("body *").stream().map(Element::tagName).distinct())
        .as(seedNote)
        .allMatch(
            Set.of(
                    "h1", "p", "pre", "section", "h2", "code", "div", "span", "ol", "li", "details",
                    "summary", "table", "tbody", "tr", "td", "script")
                ::contains);
    String json = page.getElementById("spanproof-data").data();
    assertThat(
            JsonParser.parseString(json)
                .getAsJsonArray()
                .get(0)
                .getAsJsonObject()
                .get("name")
                .getAsString())
        .as(seedNote)
        .isEqualTo(name);
  }

  private static String hostile(Random random) {
    StringBuilder out = new StringBuilder();
    int pieces = 1 + random.nextInt(12);
    for (int i = 0; i < pieces; i++) {
      out.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return out.toString();
  }
}
