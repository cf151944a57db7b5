package dev.spanproof.core.semconv;

import static dev.spanproof.core.semconv.HttpConventionsTest.strings;
import static dev.spanproof.core.semconv.TestSpans.span;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static io.opentelemetry.api.trace.StatusCode.ERROR;
import static io.opentelemetry.api.trace.StatusCode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The database client rules in the three modes, on spans shaped like those opentelemetry-jdbc
 * 2.31.1 emits for H2 (measured: see the issue), each mode with a passing and a violating span.
 */
class DatabaseConventionsTest {

  private static final SemanticConventions RULES = SemanticConventions.bundled();

  /** What the instrumentation emits by default: the old names. */
  private static final Object[] OLD_NAMES = {
    "db.system", "h2",
    "db.name", "testdb",
    "db.statement", "SELECT * FROM t WHERE id = ?",
    "db.operation", "SELECT",
    "db.sql.table", "t",
    "db.user", "sa",
    "db.connection_string", "h2:mem:",
    "server.address", "localhost",
    "network.peer.address", "127.0.0.1",
    "network.peer.port", 9092
  };

  /** What it emits with otel.semconv-stability.opt-in=database. */
  private static final Object[] STABLE_NAMES = {
    "db.system.name", "h2database",
    "db.namespace", "testdb",
    "db.query.text", "SELECT * FROM t WHERE id = ?",
    "db.query.summary", "SELECT t",
    "server.address", "localhost",
    "network.peer.address", "127.0.0.1",
    "network.peer.port", 9092
  };

  @Test
  void should_pass_the_stable_names_in_the_stable_mode() {
    assertThat(check(span("SELECT t", CLIENT, UNSET, STABLE_NAMES), DatabaseConventionMode.STABLE))
        .isEmpty();
  }

  @Test
  void should_fail_the_old_names_in_the_stable_mode_saying_which_mode_judged() {
    SpanData span = span("SELECT testdb.t", CLIENT, UNSET, OLD_NAMES);

    assertThat(check(span, DatabaseConventionMode.STABLE))
        .containsExactly(
            "violation missing_attribute [SELECT testdb.t]: db.system.name is required for"
                + " database client spans (stable conventions) but missing",
            "improvement missing_attribute [SELECT testdb.t]: db.query.text is recommended for"
                + " database client spans (stable conventions) but missing",
            "violation deprecated [SELECT testdb.t]: db.connection_string is deprecated in the"
                + " stable database conventions: replaced by server.address and server.port",
            "violation deprecated [SELECT testdb.t]: db.name is deprecated in the stable database"
                + " conventions: use db.namespace",
            "violation deprecated [SELECT testdb.t]: db.operation is deprecated in the stable"
                + " database conventions: use db.operation.name",
            "violation deprecated [SELECT testdb.t]: db.sql.table is deprecated in the stable"
                + " database conventions: replaced by db.collection.name, but only if not extracting"
                + " the value from db.query.text",
            "violation deprecated [SELECT testdb.t]: db.statement is deprecated in the stable"
                + " database conventions: use db.query.text",
            "violation deprecated [SELECT testdb.t]: db.system is deprecated in the stable database"
                + " conventions: use db.system.name",
            "violation deprecated [SELECT testdb.t]: db.user is deprecated in the stable database"
                + " conventions: removed, no replacement at this time");
  }

  @Test
  void should_name_spans_by_their_query_summary_in_the_stable_mode() {
    assertThat(check(span("testdb", CLIENT, UNSET, STABLE_NAMES), DatabaseConventionMode.STABLE))
        .containsExactly(
            "improvement span_name [testdb]: span name is \"testdb\" but database client spans"
                + " (stable conventions) are better named {db.query.summary}: \"SELECT t\"");
    assertThat(check(span("query", CLIENT, UNSET, STABLE_NAMES), DatabaseConventionMode.STABLE))
        .containsExactly(
            "violation span_name [query]: span name is \"query\" but database client spans"
                + " (stable conventions) are named {db.query.summary}: \"SELECT t\"");
  }

  @Test
  void should_pass_the_old_names_in_the_old_mode() {
    assertThat(check(span("SELECT testdb.t", CLIENT, UNSET, OLD_NAMES), DatabaseConventionMode.OLD))
        .isEmpty();
  }

  @Test
  void should_name_old_spans_by_operation_and_table_in_the_old_mode() {
    assertThat(check(span("SELECT t", CLIENT, UNSET, OLD_NAMES), DatabaseConventionMode.OLD))
        .containsExactly(
            "improvement span_name [SELECT t]: span name is \"SELECT t\" but database client spans"
                + " (old conventions) are better named {db.operation} {db.name}.{db.sql.table}:"
                + " \"SELECT testdb.t\"");
  }

  @Test
  void should_want_both_sets_of_names_in_the_dup_mode() {
    Object[] both = HttpConventionsTest.with(OLD_NAMES, STABLE_NAMES);
    SpanData onlyOld = span("SELECT testdb.t", CLIENT, UNSET, OLD_NAMES);

    assertThat(check(span("SELECT t", CLIENT, UNSET, both), DatabaseConventionMode.DUP)).isEmpty();
    assertThat(check(onlyOld, DatabaseConventionMode.DUP))
        .containsExactly(
            "violation missing_attribute [SELECT testdb.t]: db.system.name is required for"
                + " database client spans (dup mode: stable conventions) but missing",
            "improvement missing_attribute [SELECT testdb.t]: db.query.text is recommended for"
                + " database client spans (dup mode: stable conventions) but missing");
  }

  @Test
  void should_accept_either_conventions_name_in_the_dup_mode_and_name_both_otherwise() {
    Object[] both = HttpConventionsTest.with(OLD_NAMES, STABLE_NAMES);

    assertThat(check(span("SELECT testdb.t", CLIENT, UNSET, both), DatabaseConventionMode.DUP))
        .isEmpty();
    assertThat(check(span("query", CLIENT, UNSET, both), DatabaseConventionMode.DUP))
        .containsExactly(
            "violation span_name [query]: span name is \"query\" but database client spans (dup"
                + " mode: stable conventions) are named {db.query.summary}: \"SELECT t\" or"
                + " {db.operation} {db.name}.{db.sql.table}: \"SELECT testdb.t\"");
  }

  @Test
  void should_note_a_database_system_the_convention_does_not_list_without_failing() {
    Object[] unlisted = HttpConventionsTest.replaced(STABLE_NAMES, "db.system.name", "h2");

    assertThat(check(span("SELECT t", CLIENT, UNSET, unlisted), DatabaseConventionMode.STABLE))
        .containsExactly(
            "information undefined_enum_value [SELECT t]: db.system.name \"h2\" is none of the"
                + " values listed for database client spans (stable conventions) (41 values)");
  }

  @Test
  void should_require_error_type_on_failed_calls() {
    assertThat(check(span("SELECT t", CLIENT, ERROR, STABLE_NAMES), DatabaseConventionMode.STABLE))
        .containsExactly(
            "violation missing_attribute [SELECT t]: error.type is required for database client"
                + " spans (stable conventions) whose status is ERROR but missing");
  }

  @Test
  void should_allow_client_and_internal_kinds_only() {
    assertThat(
            strings(
                RULES.check(
                    span("SELECT t", SERVER, UNSET, STABLE_NAMES),
                    SemanticConvention.DATABASE_CLIENT,
                    DatabaseConventionMode.STABLE)))
        .containsExactly(
            "violation span_kind [SELECT t]: span kind is SERVER but database client spans (stable"
                + " conventions) are CLIENT or INTERNAL");
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "null, OLD",
        "'', OLD",
        "http, OLD",
        "database, STABLE",
        "'http, database', STABLE",
        "database/dup, DUP",
        "'database,database/dup', DUP"
      })
  void should_read_the_mode_as_the_instrumentation_reads_its_opt_in(
      String optIn, DatabaseConventionMode expected) {
    assertThat(DatabaseConventionMode.fromOptIn(optIn)).isEqualTo(expected);
  }

  private static List<String> check(SpanData span, DatabaseConventionMode mode) {
    return strings(RULES.check(span, mode));
  }
}
