package dev.spanproof.junit;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.report.TestReport;
import dev.spanproof.core.report.WaterfallReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Writes a test's waterfall report ({@link WaterfallReport}) when {@link
 * SpanproofConfiguration#REPORT_HTML_PROPERTY_NAME} asks for it, adds the test to the directory's
 * {@code index.html}, and names the report in the failure message.
 *
 * <p>A test's own failure (an assertion in the test method) is thrown before the extension sees the
 * spans, so {@link #withReportNamed} rewrites that failure to end with the report's path; the
 * report itself is written after the test, when late spans are in. Failures of the extension's own
 * after-test checks get the same line from {@link #write}.
 */
final class WaterfallReportWriter {

  private static final Namespace NAMESPACE = Namespace.create(WaterfallReportWriter.class);
  private static final String REPORT_LABEL = "Waterfall report: ";
  private static final String REPORT_LINE = "\n\n" + REPORT_LABEL;

  private final ExtensionSettings settings;

  WaterfallReportWriter(ExtensionSettings settings) {
    this.settings = settings;
  }

  /**
   * {@code failure} with the test's report named at the end of its message, when failed tests get
   * one. An {@link AssertionFailedError} or plain {@link AssertionError} is rebuilt with the longer
   * message (same stack, cause, suppressed, expected and actual); any other throwable keeps its
   * type and message and carries the line as a suppressed exception.
   */
  Throwable withReportNamed(ExtensionContext context, Throwable failure) {
    if (failure instanceof TestAbortedException
        || settings.htmlReports(context) == HtmlReports.OFF) {
      return failure;
    }
    String line = REPORT_LINE + reportFile(context);
    Throwable named;
    if (failure.getClass() == AssertionFailedError.class) {
      AssertionFailedError assertion = (AssertionFailedError) failure;
      named =
          assertion.isExpectedDefined() || assertion.isActualDefined()
              ? new AssertionFailedError(
                  failure.getMessage() + line,
                  assertion.isExpectedDefined() ? assertion.getExpected().getValue() : null,
                  assertion.isActualDefined() ? assertion.getActual().getValue() : null,
                  failure.getCause())
              : new AssertionFailedError(failure.getMessage() + line, failure.getCause());
    } else if (failure.getClass() == AssertionError.class) {
      named = new AssertionError(failure.getMessage() + line, failure.getCause());
    } else {
      failure.addSuppressed(new WaterfallReportLocation(REPORT_LABEL + reportFile(context)));
      return failure;
    }
    named.setStackTrace(failure.getStackTrace());
    for (Throwable suppressed : failure.getSuppressed()) {
      named.addSuppressed(suppressed);
    }
    return named;
  }

  /**
   * Writes the report if the test gets one: every test with {@link HtmlReports#ALL}, failed ones
   * (by the test itself or by the extension's {@code failures}) with {@link HtmlReports#FAILED}.
   *
   * @return the line naming the report, to append to the extension's own failure message, if the
   *     extension fails the test and a report was written
   */
  // JUnit 6 deprecates getOrComputeIfAbsent for computeIfAbsent, which JUnit 5.14 lacks.
  @SuppressWarnings("deprecation")
  Optional<String> write(
      ExtensionContext context,
      CaptureSession session,
      TestPolicies policies,
      List<String> failures) {
    HtmlReports which = policies.htmlReports();
    if (which == HtmlReports.OFF) {
      return Optional.empty();
    }
    // An aborted test (a failed assumption) is skipped, not failed.
    Throwable thrown =
        context
            .getExecutionException()
            .filter(t -> !(t instanceof TestAbortedException))
            .orElse(null);
    boolean failed = thrown != null || !failures.isEmpty();
    if (which == HtmlReports.FAILED && !failed) {
      // What a passing test gets by default: answered before building anything.
      return Optional.empty();
    }
    TestReport report;
    if (failed) {
      List<String> messages = new ArrayList<>();
      if (thrown != null) {
        messages.add(messageOf(thrown));
      }
      messages.addAll(failures);
      String message = String.join("\n\n", messages);
      report =
          TestReport.failed(
              session.name(),
              session.traces(),
              message,
              FailureMarks.markedSpanIds(message, session.traces()));
    } else {
      report = TestReport.passed(session.name(), session.traces());
    }
    Path directory = settings.htmlReportDirectory(context).toAbsolutePath().normalize();
    Path file = reportFile(context);
    ReportFiles.write(file, WaterfallReport.render(report));
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            directory, key -> newIndex(key, policies.printsTraces()), ReportIndexFile.class)
        .add(report, directory.relativize(file).toString().replace('\\', '/'));
    return failures.isEmpty() ? Optional.empty() : Optional.of(REPORT_LABEL + file);
  }

  /**
   * The run's index in {@code directory}, named once on standard output when the run prints its
   * traces, so that whoever reads them knows where the pages are.
   */
  private static ReportIndexFile newIndex(Path directory, boolean printsTraces) {
    ReportIndexFile index = new ReportIndexFile(directory);
    if (printsTraces) {
      System.out.println("Waterfall reports of this run: " + index.file().toUri() + "\n");
    }
    return index;
  }

  private Path reportFile(ExtensionContext context) {
    return settings
        .htmlReportDirectory(context)
        .resolve(context.getRequiredTestClass().getName())
        .resolve(TestNames.fileName(context) + ".html")
        .toAbsolutePath()
        .normalize();
  }

  /** The failure's message without the line this writer added to it. */
  private static String messageOf(Throwable failure) {
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    int line = message.lastIndexOf(REPORT_LINE);
    return line < 0 ? message : message.substring(0, line);
  }

  /** Carries the report's path on a failure whose message cannot be rewritten. */
  private static final class WaterfallReportLocation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WaterfallReportLocation(String message) {
      super(message, null, false, false);
    }
  }
}
