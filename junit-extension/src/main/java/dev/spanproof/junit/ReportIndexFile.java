package dev.spanproof.junit;

import dev.spanproof.core.report.ReportIndex;
import dev.spanproof.core.report.TestReport;
import java.nio.file.Path;

/**
 * The {@code index.html} of one report directory for the whole test run, rewritten after each
 * report so that it is complete whenever the run stops. Shared by tests running in parallel.
 */
final class ReportIndexFile {

  private final Path file;
  private ReportIndex index = ReportIndex.empty();

  ReportIndexFile(Path directory) {
    this.file = directory.resolve("index.html");
  }

  Path file() {
    return file;
  }

  synchronized void add(TestReport test, String href) {
    index = index.with(test, href);
    ReportFiles.write(file, index.render());
  }
}
