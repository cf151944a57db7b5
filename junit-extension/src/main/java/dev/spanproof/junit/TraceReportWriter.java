package dev.spanproof.junit;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.trace.TraceRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints and writes each test's traces, when asked to ({@link
 * TracingExtension.Builder#printTraces()}, {@link TracingExtension.Builder#writeTracesTo}, or their
 * {@link SpanproofConfiguration configuration parameters}).
 */
final class TraceReportWriter {

  private final ExtensionSettings settings;

  TraceReportWriter(ExtensionSettings settings) {
    this.settings = settings;
  }

  void report(ExtensionContext context, CaptureSession session, TestPolicies policies) {
    boolean print = policies.printsTraces();
    Optional<Path> directory = policies.traceDirectory();
    if (!print && directory.isEmpty()) {
      return;
    }
    String report =
        session.name()
            + "\n"
            + TraceRenderer.create()
                .withAttributes(settings.reportedAttributes())
                .render(session.traces());
    if (print) {
      // Standard output on purpose: the user asked to see the traces in the build's output.
      System.out.println(report + "\n");
    }
    if (directory.isPresent()) {
      write(report, fileFor(context, directory.get()));
    }
  }

  private static Path fileFor(ExtensionContext context, Path directory) {
    return directory
        .resolve(context.getRequiredTestClass().getName())
        .resolve(TestNames.fileName(context) + ".txt");
  }

  private static void write(String report, Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, report + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the trace report " + file, e);
    }
  }
}
