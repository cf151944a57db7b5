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
 * Real database spans with {@code otel.semconv-stability.opt-in=database/dup}, which the build sets
 * for this class in a JVM of its own: both sets of names on every span.
 */
@ExtendWith(TracingExtension.class)
class TraceAssert_conformsToSemanticConventions_dupDatabaseConventions_Test {

  private static final SemanticConventionOptions DUP =
      SemanticConventionOptions.defaults().databaseConventions(DatabaseConventionMode.DUP);

  @Test
  void should_run_in_the_mode_the_build_opted_in_to() {
    assertThat(
            DatabaseConventionMode.fromOptIn(System.getProperty("otel.semconv-stability.opt-in")))
        .isEqualTo(DatabaseConventionMode.DUP);
  }

  @Test
  void should_pass_both_sets_of_names_in_the_dup_mode(OpenTelemetry openTelemetry, Tracer tracer)
      throws SQLException {
    JdbcSpans.loadOrder(openTelemetry, tracer);

    assertThatTrace()
        .conformsToSemanticConventions(DUP)
        .span("SELECT t")
        .hasAttribute("db.system", "h2")
        .hasAttribute("db.system.name", "h2database");
  }

  @Test
  void should_call_the_old_names_deprecated_in_the_stable_mode(
      OpenTelemetry openTelemetry, Tracer tracer) throws SQLException {
    JdbcSpans.loadOrder(openTelemetry, tracer);

    assertThatThrownBy(() -> assertThatTrace().span("SELECT t").conformsToSemanticConventions())
        .hasMessageStartingWith(
            """
            Expecting span [SELECT t] to conform to the semantic conventions 1.43.0 (database: \
            stable conventions)
            but found 6 findings:
              - violation deprecated [SELECT t]: db.connection_string is deprecated in the stable \
            database conventions: replaced by server.address and server.port
            """);
  }
}
