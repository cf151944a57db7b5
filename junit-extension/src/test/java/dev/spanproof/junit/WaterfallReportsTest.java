package dev.spanproof.junit;

import static dev.spanproof.junit.EngineRuns.failureMessages;
import static dev.spanproof.junit.EngineRuns.failures;
import static dev.spanproof.junit.EngineRuns.run;
import static dev.spanproof.junit.SpanproofConfiguration.PRINT_TRACES_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.REPORT_DIRECTORY_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.REPORT_HTML_PROPERTY_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.AssertionFailedError;

/** Waterfall reports per test, the index, and the report's path in the failure message. */
class WaterfallReportsTest {

  private static final String FAILED_MESSAGE_START =
      "Expecting span [validateInventory] to have status ERROR but was UNSET\n\n";

  @ExtendWith(TracingExtension.class)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class Orders {
    @Test
    @Order(1)
    void passes(Tracer tracer) {
      tracer.spanBuilder("processOrder").startSpan().end();
    }

    /** Fails as spanproof's assertions do: the message draws the trace, marking the span. */
    @Test
    @Order(2)
    void failsOnInventory(Tracer tracer, CaptureSession session) {
      Span root = tracer.spanBuilder("processOrder").startSpan();
      try (var ignored = root.makeCurrent()) {
        tracer.spanBuilder("validateInventory").startSpan().end();
      } finally {
        root.end();
      }
      Trace trace = Trace.of(session.finishedSpans());
      SpanNode inventory = trace.spansNamed("validateInventory").get(0);
      throw new AssertionFailedError(
          FAILED_MESSAGE_START
              + TraceRenderer.create().withMark(inventory, "expected ERROR").render(trace),
          "ERROR",
          "UNSET");
    }
  }

  static class ThrowsIllegalState {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder().htmlReports(HtmlReports.FAILED).build();

    @Test
    void breaks(Tracer tracer) {
      tracer.spanBuilder("processOrder").startSpan().end();
      throw new IllegalStateException("no stock");
    }
  }

  static class SkipsOnAssumption {
    @Test
    @ExtendWith(TracingExtension.class)
    void skips(Tracer tracer) {
      tracer.spanBuilder("processOrder").startSpan().end();
      Assumptions.assumeTrue(false, "not on this machine");
    }
  }

  static class LeavesSpanUnended {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder().gracePeriod(java.time.Duration.ZERO).build();

    @Test
    void leaves(Tracer tracer) {
      tracer.spanBuilder("neverEnded").startSpan();
    }
  }

  @Test
  void should_write_a_failed_tests_report_naming_it_in_the_failure_message(@TempDir Path reports)
      throws Exception {
    // Straight through the engine: EngineRuns turns reports off unless told, and this is the
    // default.
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter(REPORT_DIRECTORY_PROPERTY_NAME, reports.toString())
            .selectors(DiscoverySelectors.selectClass(Orders.class))
            .execute();

    Path report =
        reports
            .resolve(Orders.class.getName())
            .resolve("failsOnInventory_Tracer_CaptureSession_.html");
    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .satisfies(
            message ->
                assertThat(message)
                    .startsWith(FAILED_MESSAGE_START)
                    .endsWith(
                        "  <-- expected ERROR\n\nWaterfall report: "
                            + report.toAbsolutePath().normalize()));
    AssertionFailedError failure = (AssertionFailedError) failures(results.testEvents()).get(0);
    assertThat(failure.getExpected().getValue()).isEqualTo("ERROR");
    assertThat(failure.getActual().getValue()).isEqualTo("UNSET");
    assertThat(failure.getStackTrace()[0].getMethodName()).isEqualTo("failsOnInventory");

    Document page = Jsoup.parse(report.toFile());
    assertThat(page.select(".bar")).hasSize(2);
    assertThat(page.select("li.mismatch .name").eachText()).containsExactly("validateInventory");
    assertThat(page.selectFirst("pre.failure").wholeText())
        .startsWith(FAILED_MESSAGE_START)
        .endsWith("  <-- expected ERROR");
    try (var files = Files.list(reports.resolve(Orders.class.getName()))) {
      assertThat(files).hasSize(1);
    }
    Document index = Jsoup.parse(reports.resolve("index.html").toFile());
    assertThat(index.select("tr").eachText())
        .containsExactly("test outcome spans traces duration", index.select("tr").get(1).text())
        .element(1)
        .asString()
        .startsWith("test [Orders.failsOnInventory(Tracer, CaptureSession)] failed 2 1 ");
    assertThat(index.select("a").eachAttr("href"))
        .containsExactly(Orders.class.getName() + "/failsOnInventory_Tracer_CaptureSession_.html");
  }

  @Test
  void should_write_every_tests_report_and_list_them_in_the_index_when_asked_for_all(
      @TempDir Path reports) throws Exception {
    run(
        Orders.class,
        Map.of(
            REPORT_HTML_PROPERTY_NAME, "all", REPORT_DIRECTORY_PROPERTY_NAME, reports.toString()));

    Document index = Jsoup.parse(reports.resolve("index.html").toFile());
    assertThat(index.select("td.outcome").eachText()).containsExactly("passed", "failed");
    assertThat(index.select("body > p").text()).isEqualTo("2 tests, 1 failed");
    Document passed =
        Jsoup.parse(
            reports.resolve(Orders.class.getName()).resolve("passes_Tracer_.html").toFile());
    assertThat(passed.select(".bar")).hasSize(1);
    assertThat(passed.select("pre.failure")).isEmpty();
  }

  @Test
  void should_name_the_index_once_on_standard_output_when_the_run_prints_its_traces(
      @TempDir Path reports) {
    try (StandardStreams streams = StandardStreams.capture()) {
      run(
          Orders.class,
          Map.of(
              REPORT_HTML_PROPERTY_NAME,
              "all",
              REPORT_DIRECTORY_PROPERTY_NAME,
              reports.toString(),
              PRINT_TRACES_PROPERTY_NAME,
              "true"));

      String line =
          "Waterfall reports of this run: "
              + reports.toAbsolutePath().normalize().resolve("index.html").toUri();
      assertThat(streams.out().lines().filter(each -> each.startsWith("Waterfall reports")))
          .containsExactly(line);
    }
  }

  @Test
  void should_not_name_the_index_when_the_run_does_not_print_its_traces(@TempDir Path reports) {
    try (StandardStreams streams = StandardStreams.capture()) {
      run(
          Orders.class,
          Map.of(
              REPORT_HTML_PROPERTY_NAME,
              "all",
              REPORT_DIRECTORY_PROPERTY_NAME,
              reports.toString()));

      assertThat(streams.out()).doesNotContain("Waterfall reports");
    }
  }

  @Test
  void should_write_nothing_and_leave_the_message_alone_when_off(@TempDir Path reports) {
    EngineExecutionResults results =
        run(
            Orders.class,
            Map.of(
                REPORT_HTML_PROPERTY_NAME,
                "off",
                REPORT_DIRECTORY_PROPERTY_NAME,
                reports.toString()));

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .satisfies(message -> assertThat(message).endsWith("  <-- expected ERROR"));
    assertThat(reports).isEmptyDirectory();
  }

  @Test
  void should_keep_other_failures_as_they_are_and_name_the_report_in_a_suppressed_line(
      @TempDir Path reports) {
    EngineExecutionResults results =
        run(ThrowsIllegalState.class, Map.of(REPORT_DIRECTORY_PROPERTY_NAME, reports.toString()));

    Throwable failure = failures(results.testEvents()).get(0);
    Path report =
        reports.resolve(ThrowsIllegalState.class.getName()).resolve("breaks_Tracer_.html");
    assertThat(failure).isExactlyInstanceOf(IllegalStateException.class).hasMessage("no stock");
    assertThat(failure.getSuppressed())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .hasMessage("Waterfall report: " + report.toAbsolutePath().normalize()));
    assertThat(report).exists();
  }

  @Test
  void should_name_the_report_in_the_extensions_own_failures(@TempDir Path reports) {
    EngineExecutionResults results =
        run(
            LeavesSpanUnended.class,
            Map.of(
                REPORT_HTML_PROPERTY_NAME,
                "failed",
                REPORT_DIRECTORY_PROPERTY_NAME,
                reports.toString(),
                SpanproofConfiguration.START_STACKS_PROPERTY_NAME,
                "false"));

    Path report = reports.resolve(LeavesSpanUnended.class.getName()).resolve("leaves_Tracer_.html");
    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .satisfies(
            message ->
                assertThat(message)
                    .startsWith(
                        "test [LeavesSpanUnended.leaves(Tracer)] left 1 span started but not ended")
                    .endsWith("\n\nWaterfall report: " + report.toAbsolutePath().normalize()));
    assertThat(report).exists();
  }

  @Test
  void should_leave_a_skipped_test_alone(@TempDir Path reports) {
    EngineExecutionResults results =
        run(
            SkipsOnAssumption.class,
            Map.of(
                REPORT_HTML_PROPERTY_NAME,
                "failed",
                REPORT_DIRECTORY_PROPERTY_NAME,
                reports.toString()));

    assertThat(results.testEvents().aborted().count()).isOne();
    assertThat(
            results.testEvents().aborted().stream()
                .flatMap(event -> event.getPayload(TestExecutionResult.class).stream())
                .flatMap(result -> result.getThrowable().stream())
                .flatMap(thrown -> java.util.Arrays.stream(thrown.getSuppressed())))
        .isEmpty();
    assertThat(reports).isEmptyDirectory();
  }

  @Test
  void should_let_builder_options_win_over_the_parameters(@TempDir Path reports) {
    run(
        ThrowsIllegalState.class,
        Map.of(
            REPORT_HTML_PROPERTY_NAME, "off", REPORT_DIRECTORY_PROPERTY_NAME, reports.toString()));

    assertThat(reports.resolve(ThrowsIllegalState.class.getName()).resolve("breaks_Tracer_.html"))
        .exists();
  }

  @Test
  void should_write_to_target_spanproof_reports_by_default() throws Exception {
    Path report =
        Path.of(
            "target",
            "spanproof-reports",
            ThrowsIllegalState.class.getName(),
            "breaks_Tracer_.html");
    Files.deleteIfExists(report);

    run(ThrowsIllegalState.class);

    assertThat(report).exists();
  }

  @Test
  void should_reject_an_unknown_value_naming_the_parameter() {
    EngineExecutionResults results =
        run(Orders.class, Map.of(REPORT_HTML_PROPERTY_NAME, "sometimes"));

    assertThat(failureMessages(results.allEvents()))
        .contains(
            "configuration parameter spanproof.report.html must be failed, all or off, but was"
                + " sometimes");
  }
}
