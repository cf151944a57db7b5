package dev.spanproof.core.report;

import static dev.spanproof.core.report.ReportSpans.span;
import static dev.spanproof.core.report.ReportSpans.withEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads reports in a real browser: headless Chromium (Debian's {@code chromium} package, or the
 * binary named by the {@code spanproof.chromium} system property). Skipped, saying so in one line,
 * where there is none.
 */
class WaterfallReportBrowserTest {

  /** If it ran, the injected code would leave this attribute on the body. */
  private static final String PWNED = "data-pwned";

  private static final Path OUTPUT = Path.of("target", "browser-check");

  private static Optional<Path> chromium;

  @BeforeAll
  static void findChromium() {
    chromium = locateChromium();
    if (chromium.isEmpty()) {
      // One line in the build's output, as the docs promise; the tests below are then skipped.
      System.out.println(
          "spanproof: browser checks of the HTML reports skipped: no chromium on the PATH"
              + " (install Debian's chromium package, or pass -Dspanproof.chromium=/path/to/chrome)");
    }
  }

  @Test
  void should_draw_a_bar_per_span_run_its_own_script_and_log_nothing() throws Exception {
    assumeTrue(chromium.isPresent(), "no chromium");
    SpanData root = span("processOrder", 1, 0, 0, 100).build();
    SpanData inventory = span("validateInventory", 2, 1, 10, 30).build();
    SpanData payment =
        withEvent(
            span("processPayment", 3, 1, 40, 100)
                .setStatus(StatusData.create(StatusCode.ERROR, "card declined")),
            70,
            "exception");
    TestReport report =
        TestReport.failed(
            "test [OrderTest.declined()]",
            List.of(Trace.of(List.of(root, inventory, payment))),
            "Expecting span [processPayment] to have status OK but was ERROR",
            Set.of(ReportSpans.spanId(3)));

    BrowserRun run = load(report, "order");

    assertThat(run.dom().select(".bar")).hasSize(3);
    assertThat(run.dom().select("li.mismatch .name").eachText()).containsExactly("processPayment");
    // The filter exists only if the page's script ran: the policy's hash is right.
    assertThat(run.dom().select("input.filter")).hasSize(1);
    assertThat(run.consoleLines()).isEmpty();
  }

  @Test
  void should_run_no_injected_code_from_hostile_span_fields() throws Exception {
    assumeTrue(chromium.isPresent(), "no chromium");
    String setsAttribute = "document.body.setAttribute('" + PWNED + "','1')";
    SpanData hostile =
        span("<img src=x onerror=\"" + setsAttribute + "\">", 1, 0, 0, 10)
            .setAttributes(
                Attributes.of(
                    AttributeKey.stringKey("payload"),
                    "</script><script>" + setsAttribute + "</script>"))
            .setTotalAttributeCount(1)
            .setStatus(StatusData.create(StatusCode.ERROR, "\" onmouseover=\"" + setsAttribute))
            .build();
    TestReport report =
        TestReport.failed(
            "<svg onload=\"" + setsAttribute + "\">",
            List.of(Trace.of(List.of(hostile))),
            "</pre><script>" + setsAttribute + "</script>",
            Set.of());

    BrowserRun run = load(report, "hostile");

    assertThat(run.dom().body().hasAttr(PWNED)).isFalse();
    assertThat(run.dom().select("img, svg")).isEmpty();
    assertThat(run.dom().select(".bar")).hasSize(1);
    assertThat(run.dom().select("input.filter")).hasSize(1);
    // Nothing even tried to run: the policy had nothing to refuse.
    assertThat(run.consoleLines()).isEmpty();
  }

  private record BrowserRun(Document dom, List<String> consoleLines) {}

  /** Writes the page, dumps the DOM Chromium built from it and takes a screenshot. */
  private static BrowserRun load(TestReport report, String name) throws Exception {
    Files.createDirectories(OUTPUT);
    Path page = OUTPUT.resolve(name + ".html").toAbsolutePath();
    Files.writeString(page, WaterfallReport.render(report), StandardCharsets.UTF_8);
    Path dom = OUTPUT.resolve(name + ".dom.html");
    Path log = OUTPUT.resolve(name + ".log");
    runChromium(page, name, List.of("--dump-dom"), dom, log);
    List<String> console =
        Files.readAllLines(log).stream().filter(line -> line.contains(":CONSOLE")).toList();
    runChromium(
        page,
        name,
        List.of(
            "--screenshot=" + OUTPUT.resolve(name + ".png").toAbsolutePath(),
            "--window-size=1200,500"),
        OUTPUT.resolve(name + ".screenshot.out"),
        OUTPUT.resolve(name + ".screenshot.log"));
    return new BrowserRun(Jsoup.parse(dom.toFile()), console);
  }

  private static void runChromium(Path page, String name, List<String> action, Path out, Path err)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(chromium.orElseThrow().toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox", // needed as root in containers; the page is our own, loaded from disk
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--user-data-dir=" + OUTPUT.resolve(name + ".profile").toAbsolutePath()));
    command.addAll(action);
    command.add(page.toUri().toString());
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    // A guard against a hung browser, not a timing assertion.
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium did not finish: " + command);
    }
    assertThat(process.exitValue()).as("chromium exit status, see %s", err).isZero();
  }

  private static Optional<Path> locateChromium() {
    String configured = System.getProperty("spanproof.chromium");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(File.pathSeparator))
        .flatMap(dir -> List.of("chromium", "chromium-browser").stream().map(Path.of(dir)::resolve))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
