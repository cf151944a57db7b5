package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.semconv.DatabaseConventionMode;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real database spans with {@code otel.semconv-stability.opt-in=database}, which the build sets for
 * this class in a JVM of its own: the stable names, which the default mode expects.
 */
@ExtendWith(TracingExtension.class)
class TraceAssert_conformsToSemanticConventions_stableDatabaseConventions_Test {

  @Test
  void should_run_in_the_mode_the_build_opted_in_to() {
    assertThat(
            DatabaseConventionMode.fromOptIn(System.getProperty("otel.semconv-stability.opt-in")))
        .isEqualTo(DatabaseConventionMode.STABLE);
  }

  @Test
  void should_pass_the_stable_names_by_default(OpenTelemetry openTelemetry, Tracer tracer)
      throws SQLException {
    JdbcSpans.loadOrder(openTelemetry, tracer);

    assertThatTrace()
        .conformsToSemanticConventions()
        .span("SELECT t")
        .hasAttribute("db.system.name", "h2database")
        .hasAttribute("db.query.summary", "SELECT t")
        .conformsToSemanticConventions();
  }

  @Test
  void should_fail_them_when_the_old_names_are_expected(OpenTelemetry openTelemetry, Tracer tracer)
      throws SQLException {
    JdbcSpans.loadOrder(openTelemetry, tracer);

    assertThatThrownBy(
            () ->
                assertThatTrace()
                    .span("SELECT t")
                    .conformsToSemanticConventions(
                        SemanticConventionOptions.defaults()
                            .databaseConventions(DatabaseConventionMode.OLD)))
        .hasMessageStartingWith(
            """
            Expecting span [SELECT t] to conform to the semantic conventions 1.43.0 (database: old \
            conventions)
            but found 1 finding:
              - violation missing_attribute [SELECT t]: db.system is required for database client \
            spans (old conventions) but missing
            and, not failing the assertion:
            """);
  }
}
