package dev.spanproof.core.report;

import static dev.spanproof.core.report.Html.escape;

import dev.spanproof.core.trace.TraceRenderer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The index page of a directory of {@link WaterfallReport}s: one row per test with its outcome,
 * span count and duration, linking to its page. Immutable; it keeps the summary of each test, not
 * its spans.
 *
 * <pre>{@code
 * ReportIndex index = ReportIndex.empty().with(report, "OrderTest/processOrder.html");
 * Files.writeString(directory.resolve("index.html"), index.render());
 * }</pre>
 */
public final class ReportIndex {

  private final List<Entry> entries;

  private ReportIndex(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** An index listing no test. */
  public static ReportIndex empty() {
    return new ReportIndex(List.of());
  }

  /**
   * This index with {@code test} added, linking to its page at {@code href}, a URL relative to the
   * index.
   *
   * @throws IllegalArgumentException if an argument is null
   */
  public ReportIndex with(TestReport test, String href) {
    if (test == null || href == null) {
      throw new IllegalArgumentException((test == null ? "test" : "href") + " must not be null");
    }
    List<Entry> all = new ArrayList<>(entries);
    all.add(
        new Entry(
            test.testName(),
            test.passed(),
            test.spanCount(),
            test.traces().size(),
            test.duration(),
            href));
    return new ReportIndex(all);
  }

  /** The number of tests listed. */
  public int size() {
    return entries.size();
  }

  /** The HTML page, tests in the order they were added. */
  public String render() {
    long failed = entries.stream().filter(entry -> !entry.passed()).count();
    StringBuilder out = new StringBuilder(1024);
    Pages.head(out, "spanproof reports");
    out.append("<h1>spanproof reports</h1>\n<p>")
        .append(Pages.count(entries.size(), "test"))
        .append(", ")
        .append(failed)
        .append(" failed</p>\n<table class=\"index\">\n")
        .append("<tr><th>test</th><th>outcome</th><th>spans</th><th>traces</th>")
        .append("<th>duration</th></tr>\n");
    for (Entry entry : entries) {
      out.append("<tr><td><a href=\"")
          .append(escape(entry.href()))
          .append("\">")
          .append(escape(entry.testName()))
          .append("</a></td><td class=\"outcome ")
          .append(entry.passed() ? "passed\">passed" : "failed\">failed")
          .append("</td><td>")
          .append(entry.spanCount())
          .append("</td><td>")
          .append(entry.traceCount())
          .append("</td><td>")
          .append(escape(TraceRenderer.formatDuration(entry.duration())))
          .append("</td></tr>\n");
    }
    return out.append("</table>\n</body>\n</html>\n").toString();
  }

  private record Entry(
      String testName,
      boolean passed,
      int spanCount,
      int traceCount,
      Duration duration,
      String href) {}
}
