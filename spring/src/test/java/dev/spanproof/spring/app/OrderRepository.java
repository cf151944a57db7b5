package dev.spanproof.spring.app;

import io.micrometer.observation.annotation.Observed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Orders in H2, through Spring's {@code JdbcClient}; observed, since Spring traces no JDBC. */
@Repository
@Observed
public class OrderRepository {

  private final JdbcClient jdbc;

  OrderRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The item of the order with this id. */
  public String itemOf(long id) {
    return jdbc.sql("select item from orders where id = ?").param(id).query(String.class).single();
  }
}
