package dev.spanproof.examples.otlp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

  @Test
  void a_service_that_exits_before_it_listens_fails_quoting_its_output(@TempDir Path logs) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    assertThatThrownBy(
            () ->
                ServiceProcess.start(
                    List.of(java, "-cp", "/nonexistent", "dev.spanproof.NoSuchService"),
                    Map.of(),
                    logs.resolve("service.log"),
                    Duration.ofSeconds(90)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            """
            the service exited with 1; its output:
            Error: Could not find or load main class dev.spanproof.NoSuchService
            Caused by: java.lang.ClassNotFoundException: dev.spanproof.NoSuchService
            """);
  }
}
