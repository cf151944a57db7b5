package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.report.ReportIndex;
import dev.spanproof.core.report.TestReport;
import dev.spanproof.core.report.WaterfallReport;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import io.opentelemetry.api.trace.StatusCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness on its own, as another test framework or a {@code main} method would use it. */
class WithoutJUnitExtensionTest {

  @Test
  void the_harness_captures_without_the_extension() {
    try (TracingHarness harness = TracingHarness.builder().build()) {
      new OrderService(harness.openTelemetry())
          .processOrder(new Order("o-90", "sku-1", 1, "4111-1111"));

      System.out.println(
          TraceRenderer.create().withAttributes("order.id").render(harness.traces()));
      assertThatTrace(harness.finishedSpans()).hasRoot("processOrder").hasSpanCount(3);
    }
  }

  @Test
  void a_failed_check_gets_a_waterfall_page_and_an_index(@TempDir Path reports) throws IOException {
    try (TracingHarness harness = TracingHarness.builder().build()) {
      new OrderService(harness.openTelemetry())
          .processOrder(new Order("o-91", "sku-1", 1, "4111-1111"));
      List<Trace> harnessTraces = harness.traces();
      SpanNode paymentSpan = harnessTraces.get(0).spansNamed("processPayment").get(0);
      AssertionError error =
          catchThrowableOfType(
              AssertionError.class,
              () ->
                  assertThatTrace(harness.finishedSpans())
                      .span("processPayment")
                      .hasStatus(StatusCode.ERROR));

      TestReport report =
          TestReport.failed(
              "checkout", harnessTraces, error.getMessage(), Set.of(paymentSpan.spanId()));
      Files.writeString(reports.resolve("checkout.html"), WaterfallReport.render(report));
      Files.writeString(
          reports.resolve("index.html"),
          ReportIndex.empty().with(report, "checkout.html").render());

      assertThat(Files.readString(reports.resolve("checkout.html")))
          .contains(
              "<li class=\"span mismatch\" id=\"span-"
                  + paymentSpan.span().getTraceId()
                  + "-"
                  + paymentSpan.spanId());
      assertThat(Files.readString(reports.resolve("index.html")))
          .contains("<p>1 test, 1 failed</p>", "<a href=\"checkout.html\">checkout</a>");
    }
  }
}
