package dev.spanproof.examples.history;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A customer's order history, read from tables {@code orders(id, customer)} and {@code
 * order_lines(order_id, sku)}, in the two ways OpenTelemetry's guides contrast: one query for the
 * orders and one more per order (the N+1 problem, a ladder of identical database spans in the
 * trace), and one query with a JOIN.
 *
 * <p>The database spans come from whatever instruments the {@link DataSource}, e.g. OpenTelemetry's
 * JDBC instrumentation; this class only opens the {@code listOrders} span around them.
 */
public final class OrderHistory {

  private final Tracer tracer;
  private final DataSource dataSource;

  /**
   * A history reading through {@code dataSource}.
   *
   * @param openTelemetry where the {@code listOrders} span goes
   * @param dataSource the database, instrumented to trace its queries
   */
  public OrderHistory(OpenTelemetry openTelemetry, DataSource dataSource) {
    this.tracer = openTelemetry.getTracer("dev.spanproof.examples.history", "1.0");
    this.dataSource = dataSource;
  }

  /** The N+1 way: the customer's orders, then the lines of each order in a query of its own. */
  public List<OrderSummary> listOrdersOneQueryPerOrder(String customer) {
    return traced(
        connection -> {
          List<Long> ids = new ArrayList<>();
          try (PreparedStatement orders =
              connection.prepareStatement("SELECT id FROM orders WHERE customer = ? ORDER BY id")) {
            orders.setString(1, customer);
            try (ResultSet rows = orders.executeQuery()) {
              while (rows.next()) {
                ids.add(rows.getLong(1));
              }
            }
          }
          List<OrderSummary> summaries = new ArrayList<>();
          for (long id : ids) {
            summaries.add(new OrderSummary(id, skusOf(connection, id)));
          }
          return summaries;
        });
  }

  /** The fix: orders and their lines in one query. */
  public List<OrderSummary> listOrdersWithJoin(String customer) {
    return traced(
        connection -> {
          Map<Long, List<String>> lines = new LinkedHashMap<>();
          try (PreparedStatement joined =
              connection.prepareStatement(
                  "SELECT o.id, l.sku FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id"
                      + " WHERE o.customer = ? ORDER BY o.id, l.sku")) {
            joined.setString(1, customer);
            try (ResultSet rows = joined.executeQuery()) {
              while (rows.next()) {
                List<String> skus = lines.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>());
                String sku = rows.getString(2);
                if (sku != null) { // an order without lines
                  skus.add(sku);
                }
              }
            }
          }
          return lines.entrySet().stream()
              .map(order -> new OrderSummary(order.getKey(), order.getValue()))
              .toList();
        });
  }

  private static List<String> skusOf(Connection connection, long orderId) throws SQLException {
    try (PreparedStatement lines =
        connection.prepareStatement(
            "SELECT sku FROM order_lines WHERE order_id = ? ORDER BY sku")) {
      lines.setLong(1, orderId);
      List<String> skus = new ArrayList<>();
      try (ResultSet rows = lines.executeQuery()) {
        while (rows.next()) {
          skus.add(rows.getString(1));
        }
      }
      return skus;
    }
  }

  /** Runs {@code query} on one connection under a {@code listOrders} span. */
  private List<OrderSummary> traced(Query query) {
    Span span = tracer.spanBuilder("listOrders").startSpan();
    try (Scope ignored = span.makeCurrent();
        Connection connection = dataSource.getConnection()) {
      List<OrderSummary> orders = query.run(connection);
      span.setAttribute("orders.count", orders.size());
      return orders;
    } catch (SQLException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getMessage());
      throw new IllegalStateException("cannot list orders", e);
    } finally {
      span.end();
    }
  }

  /** Work on one connection. */
  @FunctionalInterface
  private interface Query {
    List<OrderSummary> run(Connection connection) throws SQLException;
  }
}
