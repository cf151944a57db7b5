package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.semconv.DatabaseConventionMode;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real database spans in the instrumentation's default mode (no {@code
 * otel.semconv-stability.opt-in}): the old names, which the stable conventions call deprecated. The
 * stable mode runs in {@link
 * TraceAssert_conformsToSemanticConventions_stableDatabaseConventions_Test}.
 */
@ExtendWith(TracingExtension.class)
class TraceAssert_conformsToSemanticConventions_jdbc_Test {

  @Test
  void should_pass_the_default_old_names_when_told_to_expect_them(
      OpenTelemetry openTelemetry, Tracer tracer) throws SQLException {
    JdbcSpans.loadOrder(openTelemetry, tracer);

    assertThatTrace()
        .hasRoot("loadOrder")
        .span("SELECT testdb.t")
        .hasAttribute("db.system", "h2")
        .returnToTrace()
        .conformsToSemanticConventions(
            SemanticConventionOptions.defaults().databaseConventions(DatabaseConventionMode.OLD));
  }

  @Test
  void should_pass_the_old_names_in_the_mode_the_instrumentation_reads(
      OpenTelemetry openTelemetry, Tracer tracer) throws SQLException {
    JdbcSpans.loadOrder(openTelemetry, tracer);

    assertThatTrace()
        .conformsToSemanticConventions(
            SemanticConventionOptions.defaults().databaseConventions(DatabaseConventionMode.OLD));
    // or read it as the instrumentation does:
    assertThatTrace()
        .conformsToSemanticConventions(
            SemanticConventionOptions.defaults()
                .databaseConventions(
                    DatabaseConventionMode.fromOptIn(
                        System.getProperty("otel.semconv-stability.opt-in"))));
  }

  @Test
  void should_fail_the_default_old_names_by_the_stable_conventions_saying_so(
      OpenTelemetry openTelemetry, Tracer tracer) throws SQLException {
    JdbcSpans.loadOrder(openTelemetry, tracer);

    assertThatThrownBy(
            () -> assertThatTrace().span("SELECT testdb.t").conformsToSemanticConventions())
        .hasMessageStartingWith(
            """
            Expecting span [SELECT testdb.t] to conform to the semantic conventions 1.43.0 \
            (database: stable conventions)
            but found 7 findings:
              - violation missing_attribute [SELECT testdb.t]: db.system.name is required for \
            database client spans (stable conventions) but missing
              - violation deprecated [SELECT testdb.t]: db.connection_string is deprecated in the \
            stable database conventions: replaced by server.address and server.port
              - violation deprecated [SELECT testdb.t]: db.name is deprecated in the stable database \
            conventions: use db.namespace
              - violation deprecated [SELECT testdb.t]: db.operation is deprecated in the stable \
            database conventions: use db.operation.name
              - violation deprecated [SELECT testdb.t]: db.sql.table is deprecated in the stable \
            database conventions: replaced by db.collection.name, but only if not extracting the \
            value from db.query.text
              - violation deprecated [SELECT testdb.t]: db.statement is deprecated in the stable \
            database conventions: use db.query.text
              - violation deprecated [SELECT testdb.t]: db.system is deprecated in the stable \
            database conventions: use db.system.name
            and, not failing the assertion:
              - improvement missing_attribute [SELECT testdb.t]: db.query.text is recommended for \
            database client spans (stable conventions) but missing
              - improvement missing_attribute [SELECT testdb.t]: server.address is recommended for \
            database client spans (stable conventions) but missing

            trace\s""");
  }
}
