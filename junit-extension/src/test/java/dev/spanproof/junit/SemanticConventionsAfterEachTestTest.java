package dev.spanproof.junit;

import static dev.spanproof.junit.EngineRuns.failureMessages;
import static dev.spanproof.junit.EngineRuns.run;
import static dev.spanproof.junit.SpanproofConfiguration.SEMCONV_DATABASE_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.SEMCONV_PROPERTY_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.ManualClock;
import dev.spanproof.core.semconv.DatabaseConventionMode;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The semantic-convention check after every test: off by default, failing or warning when asked.
 */
class SemanticConventionsAfterEachTestTest {

  /** Stands for instrumentation that still writes the pre-1.20 HTTP attribute names. */
  static void callWithOldHttpNames(Tracer tracer) {
    tracer
        .spanBuilder("GET")
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("http.request.method", "GET")
        .setAttribute("url.full", "http://127.0.0.1:8080/orders")
        .setAttribute("server.address", "127.0.0.1")
        .setAttribute("server.port", 8080L)
        .setAttribute("http.response.status_code", 200L)
        .setAttribute("http.method", "GET")
        .startSpan()
        .end();
  }

  /** A database call as OpenTelemetry's JDBC instrumentation writes it without an opt-in. */
  static void queryWithOldDatabaseNames(Tracer tracer) {
    tracer
        .spanBuilder("SELECT orders")
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("db.system", "h2")
        .setAttribute("db.name", "orders")
        .setAttribute("db.statement", "SELECT * FROM orders WHERE id = ?")
        .setAttribute("db.operation", "SELECT")
        .setAttribute("db.sql.table", "orders")
        .startSpan()
        .end();
  }

  static class FailsOnViolations {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder()
            .harness(
                harness ->
                    harness
                        .idGenerator(new FixedIds())
                        .clock(ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"))))
            .semanticConventionsAfterEachTest(SpanPolicy.FAIL)
            .build();

    @Test
    void usesADeprecatedName(Tracer tracer) {
      callWithOldHttpNames(tracer);
    }

    @Test
    void makesAnInternalSpan(Tracer tracer) {
      tracer.spanBuilder("processOrder").startSpan().end();
    }
  }

  @Test
  void should_fail_a_test_whose_spans_break_a_convention_drawing_them() {
    EngineExecutionResults results = run(FailsOnViolations.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .isEqualTo(
            """
            test [FailsOnViolations.usesADeprecatedName(Tracer)]: semantic conventions 1.43.0 \
            found 1 violation:
              - violation deprecated [GET]: http.method is deprecated: use http.request.method
            and, not failing the test:
              - improvement missing_attribute [GET]: network.peer.address is recommended for HTTP \
            client spans but missing
              - improvement missing_attribute [GET]: network.protocol.version is recommended for \
            HTTP client spans but missing

            trace 00000000000000000000000000000001 (1 span, 0 ns)
            └─ GET [CLIENT, UNSET, 0 ns]  <-- deprecated""");
  }

  static class WarnsOnViolations {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder().semanticConventionsAfterEachTest(SpanPolicy.WARN).build();

    @Test
    void usesADeprecatedName(Tracer tracer) {
      callWithOldHttpNames(tracer);
    }
  }

  @Test
  void should_log_the_report_when_told_to_warn() {
    try (LoggedWarnings logged = LoggedWarnings.record()) {
      EngineExecutionResults results = run(WarnsOnViolations.class);

      results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
      assertThat(logged.warnings())
          .singleElement()
          .asString()
          .startsWith(
              "test [WarnsOnViolations.usesADeprecatedName(Tracer)]: semantic conventions 1.43.0"
                  + " found 1 violation:");
    }
  }

  @ExtendWith(TracingExtension.class)
  static class Declared {
    @Test
    void usesADeprecatedName(Tracer tracer) {
      callWithOldHttpNames(tracer);
    }

    @Test
    void queriesWithOldDatabaseNames(Tracer tracer) {
      queryWithOldDatabaseNames(tracer);
    }
  }

  @Test
  void should_not_check_unless_asked() {
    run(Declared.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
  }

  @Test
  void should_check_when_the_configuration_parameter_asks_expecting_stable_database_names() {
    EngineExecutionResults results = run(Declared.class, Map.of(SEMCONV_PROPERTY_NAME, " FAIL "));

    results.testEvents().assertStatistics(stats -> stats.succeeded(0).failed(2));
    assertThat(failureMessages(results.testEvents()))
        .anySatisfy(
            message ->
                assertThat(message)
                    .startsWith("test [Declared.queriesWithOldDatabaseNames(Tracer)]")
                    .contains("violation deprecated [SELECT orders]: db.system"));
  }

  @Test
  void should_judge_database_spans_by_the_names_the_parameter_expects() {
    EngineExecutionResults results =
        run(
            Declared.class,
            Map.of(SEMCONV_PROPERTY_NAME, "fail", SEMCONV_DATABASE_PROPERTY_NAME, "old"));

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .startsWith("test [Declared.usesADeprecatedName(Tracer)]");
  }

  static class ExpectsOldDatabaseNames {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder()
            .semanticConventionsAfterEachTest(SpanPolicy.FAIL, DatabaseConventionMode.OLD)
            .build();

    @Test
    void queriesWithOldDatabaseNames(Tracer tracer) {
      queryWithOldDatabaseNames(tracer);
    }
  }

  @Test
  void should_use_the_builders_database_mode_over_the_parameter() {
    run(ExpectsOldDatabaseNames.class, Map.of(SEMCONV_DATABASE_PROPERTY_NAME, "stable"))
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void should_refuse_parameters_it_cannot_read_naming_them() {
    assertThat(
            failureMessages(
                run(Declared.class, Map.of(SEMCONV_PROPERTY_NAME, "loud")).testEvents()))
        .containsOnly(
            "configuration parameter spanproof.semconv must be fail, warn or ignore, but was loud");
    assertThat(
            failureMessages(
                run(
                        Declared.class,
                        Map.of(
                            SEMCONV_PROPERTY_NAME, "fail", SEMCONV_DATABASE_PROPERTY_NAME, "new"))
                    .testEvents()))
        .containsOnly(
            "configuration parameter spanproof.semconv.database must be stable, old or dup, but was"
                + " new");
  }
}
