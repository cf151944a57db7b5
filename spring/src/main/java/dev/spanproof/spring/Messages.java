package dev.spanproof.spring;

/** The texts of spanproof-spring's failures, kept together so tests can pin them. */
final class Messages {

  static final String NO_SDK =
      "@AutoConfigureSpanproof found no OpenTelemetry SdkTracerProvider in the application context,"
          + " so the application has no spans to capture. Spring Boot builds one with"
          + " org.springframework.boot:spring-boot-starter-opentelemetry (Boot 4), or with"
          + " io.micrometer:micrometer-tracing-bridge-otel and spring-boot-starter-actuator"
          + " (Boot 3.5); add it to the test classpath, and check that no property or exclusion"
          + " switches Spring Boot's OpenTelemetry auto-configuration off.";

  private Messages() {}
}
