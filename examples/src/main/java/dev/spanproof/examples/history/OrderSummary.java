package dev.spanproof.examples.history;

import java.util.List;

/**
 * One order of a customer's history with its lines.
 *
 * @param id the order's id
 * @param skus the items ordered, one entry per order line
 */
public record OrderSummary(long id, List<String> skus) {

  /** Copies the lines. */
  public OrderSummary {
    skus = List.copyOf(skus);
  }
}
