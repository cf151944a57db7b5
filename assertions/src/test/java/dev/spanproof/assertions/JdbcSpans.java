package dev.spanproof.assertions;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Real database spans: JDBC through OpenTelemetry's {@code opentelemetry-jdbc} instrumentation
 * against an in-memory H2 database, under a {@code loadOrder} span so that they form one trace.
 */
final class JdbcSpans {

  private JdbcSpans() {}

  /** Creates table {@code t} in database {@code testdb}, then selects from it by id. */
  static void loadOrder(OpenTelemetry openTelemetry, Tracer tracer) throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:testdb;DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    DataSource dataSource =
        JdbcTelemetry.builder(openTelemetry)
            .setDataSourceInstrumenterEnabled(false)
            .build()
            .wrap(h2);
    Span loadOrder = tracer.spanBuilder("loadOrder").startSpan();
    try (Scope ignored = loadOrder.makeCurrent();
        Connection connection = dataSource.getConnection()) {
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY, name VARCHAR(20))");
      }
      try (PreparedStatement select =
          connection.prepareStatement("SELECT name FROM t WHERE id = ?")) {
        select.setInt(1, 42);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            rows.getString(1);
          }
        }
      }
    } finally {
      loadOrder.end();
    }
  }
}
