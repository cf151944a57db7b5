package dev.spanproof.examples.otlp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A service under test in a child process: started with a command and environment, its output
 * (stdout and stderr) written to a log file, ready once it prints {@code listening on port N}, and
 * stopped on {@link #close()}. Failures quote the log, which holds the agent's or SDK's own
 * messages.
 */
final class ServiceProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

  private final Process process;
  private final Path log;
  private final int port;

  private ServiceProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts the command and waits, up to {@code startup}, until it says which port it listens on.
   */
  static ServiceProcess start(
      List<String> command, Map<String, String> environment, Path log, Duration startup)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    int[] port = {-1};
    try {
      Awaitility.await(command.get(0) + " to listen")
          .atMost(startup)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                Matcher listening = LISTENING.matcher(Files.readString(log, UTF_8));
                if (listening.find()) {
                  port[0] = Integer.parseInt(listening.group(1));
                }
                return port[0] > 0 || !process.isAlive();
              });
    } catch (ConditionTimeoutException e) {
      stop(process);
      throw new IllegalStateException(
          "the service did not say it listens within " + startup + "; its output:\n" + read(log),
          e);
    }
    if (port[0] < 0) {
      throw new IllegalStateException(
          "the service exited with " + process.exitValue() + "; its output:\n" + read(log));
    }
    return new ServiceProcess(process, log, port[0]);
  }

  /** The service's address for {@code path}, on 127.0.0.1. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** What the process has printed so far, for a failure message. */
  String output() {
    return read(log);
  }

  @Override
  public void close() {
    stop(process);
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
