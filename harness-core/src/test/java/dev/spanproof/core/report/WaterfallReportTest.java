package dev.spanproof.core.report;

import static dev.spanproof.core.report.ReportSpans.TRACE_ID;
import static dev.spanproof.core.report.ReportSpans.linkTo;
import static dev.spanproof.core.report.ReportSpans.span;
import static dev.spanproof.core.report.ReportSpans.spanId;
import static dev.spanproof.core.report.ReportSpans.withEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The waterfall page, read back with an HTML5 parser that tokenizes as browsers do. */
class WaterfallReportTest {

  private static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";
  private static final String HOSTILE_VALUE = "</script><script>alert(1)</script>";

  private static Resource service(String name) {
    return Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), name));
  }

  private static Trace orderTrace() {
    SpanData root =
        span("processOrder", 1, 0, 0, 100)
            .setKind(SpanKind.SERVER)
            .setStatus(StatusData.ok())
            .setAttributes(Attributes.of(AttributeKey.longKey("order.id"), 42L))
            .setTotalAttributeCount(1)
            .setResource(service("orders"))
            .build();
    SpanData inventory =
        span("validateInventory", 2, 1, 10, 30)
            .setKind(SpanKind.CLIENT)
            .setResource(service("orders"))
            .build();
    SpanData payment =
        withEvent(
            span("processPayment", 3, 1, 50, 100)
                .setResource(service("orders"))
                .setStatus(StatusData.create(StatusCode.ERROR, "card declined"))
                .setLinks(List.of(linkTo(2)))
                .setTotalRecordedLinks(1),
            75,
            "exception");
    return Trace.of(List.of(root, inventory, payment));
  }

  @Test
  void should_draw_a_bar_per_span_on_a_shared_axis_nested_with_kind_status_and_event_marks() {
    Document page =
        Jsoup.parse(
            WaterfallReport.render(TestReport.passed("test [T.t()]", List.of(orderTrace()))));

    assertThat(page.select(".bar")).hasSize(3);
    Element payment = page.getElementById("span-" + TRACE_ID + "-" + spanId(3));
    assertThat(payment.selectFirst(".name").text()).isEqualTo("processPayment");
    assertThat(payment.selectFirst(".name").attr("style")).isEqualTo("padding-left:1em");
    assertThat(payment.selectFirst(".kind").text()).isEqualTo("INTERNAL");
    assertThat(payment.selectFirst(".bar").className()).isEqualTo("bar status-ERROR");
    assertThat(payment.selectFirst(".bar").attr("style")).isEqualTo("left:50.000%;width:50.000%");
    assertThat(payment.selectFirst(".event").attr("style")).isEqualTo("left:50.000%");
    assertThat(payment.selectFirst(".event").attr("title")).isEqualTo("exception");
    assertThat(payment.selectFirst(".dur").text()).isEqualTo("50.0 ms");
    assertThat(payment.selectFirst("a").attr("href"))
        .isEqualTo("#span-" + TRACE_ID + "-" + spanId(2));
    assertThat(page.select(".tick").eachText())
        .containsExactly("0 ns", "25.0 ms", "50.0 ms", "75.0 ms", "100 ms");
    assertThat(page.selectFirst(".outcome").text())
        .isEqualTo("passed · 3 spans in 1 trace · 100 ms");
    assertThat(page.select("pre.failure")).isEmpty();
  }

  @Test
  void should_show_attributes_events_links_and_resource_in_each_spans_details() {
    Document page =
        Jsoup.parse(WaterfallReport.render(TestReport.passed("t", List.of(orderTrace()))));

    Element root = page.getElementById("span-" + TRACE_ID + "-" + spanId(1));
    assertThat(root.select(".details td").eachText())
        .containsExactly(
            "span id",
            spanId(1),
            "parent",
            "none: a root",
            "kind",
            "SERVER",
            "status",
            "OK",
            "start",
            "+0 ns",
            "order.id",
            "42",
            "service.name",
            "orders");
    assertThat(root.select(".details summary").eachText())
        .containsExactly("attributes (1)", "resource (1)");
    Element payment = page.getElementById("span-" + TRACE_ID + "-" + spanId(3));
    assertThat(payment.select(".details li").eachText())
        .containsExactly("exception at +25.0 ms", "span " + spanId(2) + " in trace " + TRACE_ID);
  }

  @Test
  void should_head_a_failed_tests_page_with_its_message_and_highlight_the_span_it_is_about() {
    TestReport failed =
        TestReport.failed(
            "test [T.t()]",
            List.of(orderTrace()),
            "Expecting span [processPayment] …",
            Set.of(spanId(3)));

    Document page = Jsoup.parse(WaterfallReport.render(failed));

    assertThat(page.selectFirst("pre.failure").wholeText())
        .isEqualTo("Expecting span [processPayment] …");
    assertThat(page.select("li.mismatch .name").eachText()).containsExactly("processPayment");
    assertThat(page.selectFirst(".outcome").text()).startsWith("failed · ");
  }

  @Test
  void should_load_nothing_from_anywhere_and_allow_only_its_own_script() {
    String html = WaterfallReport.render(TestReport.passed("t", List.of(orderTrace())));
    Document page = Jsoup.parse(html);

    assertThat(page.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .matches(
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]{44}';"
                + " base-uri 'none'; form-action 'none'");
    assertThat(page.select("[src], link, img, iframe, object, embed")).isEmpty();
    assertThat(html).doesNotContain("http://", "https://", "url(", "@import");
  }

  @Test
  void should_escape_hostile_span_fields_so_that_nothing_executes() {
    SpanData hostile =
        withEvent(
            span(HOSTILE_NAME, 1, 0, 0, 10)
                .setStatus(StatusData.create(StatusCode.ERROR, HOSTILE_VALUE))
                .setAttributes(
                    Attributes.of(
                        AttributeKey.stringKey(HOSTILE_NAME),
                        HOSTILE_VALUE,
                        AttributeKey.stringKey("quote"),
                        "\" onmouseover=\"alert(1)"))
                .setTotalAttributeCount(2)
                .setResource(
                    Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), HOSTILE_VALUE))),
            5,
            HOSTILE_VALUE + "\u2028<!--");
    TestReport report =
        TestReport.failed(
            HOSTILE_NAME, List.of(Trace.of(List.of(hostile))), HOSTILE_VALUE, Set.of());

    String html = WaterfallReport.render(report);
    Document page = Jsoup.parse(html);

    assertThat(html).doesNotContain(HOSTILE_NAME, HOSTILE_VALUE, "<script>alert", "<!--");
    assertThat(page.select("img")).isEmpty();
    assertThat(page.select("script")).hasSize(2);
    assertThat(page.select("script").last().data()).isEqualTo(PageAssets.SCRIPT);
    for (Element element : page.getAllElements()) {
      for (Attribute attribute : element.attributes()) {
        assertThat(attribute.getKey())
            .as("attribute of <%s>", element.tagName())
            .doesNotStartWith("on");
      }
    }
    assertThat(page.selectFirst(".name").text()).isEqualTo(HOSTILE_NAME);
    assertThat(page.selectFirst("title").text()).isEqualTo(HOSTILE_NAME);
    assertThat(page.select(".details td").eachText())
        .contains(HOSTILE_NAME, HOSTILE_VALUE, "\" onmouseover=\"alert(1)");
    JsonArray data =
        JsonParser.parseString(page.getElementById("spanproof-data").data()).getAsJsonArray();
    assertThat(data.get(0).getAsJsonObject().get("name").getAsString()).isEqualTo(HOSTILE_NAME);
  }

  @Test
  void should_name_each_spans_service_when_the_trace_crosses_services() {
    SpanData client =
        span("GET", 1, 0, 0, 100).setKind(SpanKind.CLIENT).setResource(service("orders")).build();
    SpanData server =
        span("GET /inventory", 2, 1, 10, 90)
            .setKind(SpanKind.SERVER)
            .setResource(service("<inventory>"))
            .build();
    SpanData unnamed = span("audit", 3, 2, 20, 30).build();

    Document page =
        Jsoup.parse(
            WaterfallReport.render(
                TestReport.passed(
                    "test [T.t()]", List.of(Trace.of(List.of(client, server, unnamed))))));

    assertThat(page.select(".kind").eachText())
        .containsExactly("CLIENT orders", "SERVER <inventory>", "INTERNAL no service.name");
    assertThat(page.select(".service").eachText())
        .containsExactly("orders", "<inventory>", "no service.name");
  }

  @Test
  void should_leave_the_service_out_when_every_span_has_the_same() {
    Document page =
        Jsoup.parse(
            WaterfallReport.render(TestReport.passed("test [T.t()]", List.of(orderTrace()))));

    assertThat(page.select(".service")).isEmpty();
  }

  @Test
  void should_say_so_when_the_test_captured_no_spans() {
    Document page = Jsoup.parse(WaterfallReport.render(TestReport.passed("t", List.of())));

    assertThat(page.select(".bar")).isEmpty();
    assertThat(page.select("body > p").eachText())
        .containsExactly("passed · 0 spans in 0 traces · 0 ns", "The test captured no spans.");
  }

  @Test
  void should_name_the_missing_argument() {
    assertThatThrownBy(() -> WaterfallReport.render(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("test must not be null");
    assertThatThrownBy(() -> TestReport.failed("t", List.of(), null, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failureMessage must not be null");
  }
}
