package dev.spanproof.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** An application without Spring Boot's OpenTelemetry SDK fails to start, saying what to add. */
class NoOpenTelemetryTest {

  @Test
  void should_fail_the_context_naming_what_builds_the_sdk() {
    // WHEN
    var results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(WithoutOpenTelemetry.class))
            .execute()
            .testEvents();
    // THEN
    results.assertStatistics(stats -> stats.started(1).failed(1));
    Throwable failure =
        results.failed().stream()
            .findFirst()
            .orElseThrow()
            .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
            .getThrowable()
            .orElseThrow();
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    assertThat(cause)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "@AutoConfigureSpanproof found no OpenTelemetry SdkTracerProvider in the application"
                + " context, so the application has no spans to capture. Spring Boot builds one"
                + " with org.springframework.boot:spring-boot-starter-opentelemetry (Boot 4), or"
                + " with io.micrometer:micrometer-tracing-bridge-otel and"
                + " spring-boot-starter-actuator (Boot 3.5); add it to the test classpath, and"
                + " check that no property or exclusion switches Spring Boot's OpenTelemetry"
                + " auto-configuration off.");
  }

  /** An application whose OpenTelemetry auto-configuration is excluded. */
  @SpringBootConfiguration
  @EnableAutoConfiguration(
      exclude = {
        OpenTelemetrySdkAutoConfiguration.class,
        OpenTelemetryTracingAutoConfiguration.class
      })
  static class NoTracingApplication {}

  @SpringBootTest(classes = NoTracingApplication.class, webEnvironment = WebEnvironment.NONE)
  @AutoConfigureSpanproof
  static class WithoutOpenTelemetry {
    @Test
    void startsTheApplication() {}
  }
}
