package dev.spanproof.examples.history;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.lint.TraceLint;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The N+1 problem of OpenTelemetry's guides with real database spans: H2 in memory, traced by
 * OpenTelemetry's JDBC instrumentation. Eight orders take nine queries; the JOIN takes one.
 */
@ExtendWith(TracingExtension.class)
class OrderHistoryTest {

  private static final int ORDERS = 8;

  private final JdbcDataSource database = new JdbcDataSource();

  /**
   * Empties and fills the database {@code shop}, without tracing so that the test sees only the
   * listing. The name is fixed because the JDBC instrumentation puts it in span names.
   */
  @BeforeEach
  void createOrders() throws SQLException {
    database.setURL("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1");
    database.setUser("sa");
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP ALL OBJECTS");
      statement.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(20))");
      statement.execute("CREATE TABLE order_lines (order_id BIGINT, sku VARCHAR(20))");
      for (int id = 1; id <= ORDERS; id++) {
        statement.execute("INSERT INTO orders VALUES (" + id + ", 'c-7')");
        statement.execute("INSERT INTO order_lines VALUES (" + id + ", 'sku-" + id + "')");
      }
    }
  }

  private OrderHistory history(OpenTelemetry otel) {
    DataSource traced = JdbcTelemetry.builder(otel).build().wrap(database);
    return new OrderHistory(otel, traced);
  }

  @Test
  void one_query_per_order_is_a_ladder_of_database_spans(OpenTelemetry otel) {
    List<OrderSummary> orders = history(otel).listOrdersOneQueryPerOrder("c-7");

    assertThat(orders).hasSize(ORDERS);
    assertThatTrace()
        .hasRoot("listOrders")
        .hasSpanCount(1 + 1 + ORDERS)
        .hasSpansNamed("SELECT shop.orders", 1)
        .hasSpansNamed("SELECT shop.order_lines", ORDERS)
        .span("SELECT shop.orders")
        .hasKind(SpanKind.CLIENT)
        .hasParent("listOrders");
  }

  @Test
  void the_lint_finds_the_n_plus_one(OpenTelemetry otel) {
    history(otel).listOrdersOneQueryPerOrder("c-7");

    assertThatThrownBy(() -> assertThatTrace().passesLint(TraceLint.only("n_plus_one")))
        .hasMessageContaining(
            "8 spans named \"SELECT shop.order_lines\" under [listOrders], more than 5:"
                + " one call per item (N+1)? Fetch the items in one call");
    assertThatThrownBy(() -> assertThatTrace().hasNoRepeatedSiblings(1))
        .satisfies(failure -> System.out.println(failure.getMessage()))
        .hasMessageContaining("8 x span [SELECT shop.order_lines] under span [listOrders]");
  }

  @Test
  void the_join_is_one_query_with_the_same_result(OpenTelemetry otel) {
    OrderHistory history = history(otel);

    List<OrderSummary> joined = history.listOrdersWithJoin("c-7");

    assertThat(joined)
        .hasSize(ORDERS)
        .isEqualTo(
            new OrderHistory(OpenTelemetry.noop(), database).listOrdersOneQueryPerOrder("c-7"));
    assertThatTrace()
        .hasSpanCount(2)
        .hasNoRepeatedSiblings(1)
        .passesLint()
        .span("listOrders")
        .hasChildren("SELECT shop") // the JOIN names no single table
        .hasAttribute("orders.count", (long) ORDERS);
  }
}
