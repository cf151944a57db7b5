package dev.spanproof.examples.checkout;

/** What became of an order the checkout accepted for processing. */
public enum OrderOutcome {
  /** Stock was there and the payment went through. */
  CONFIRMED,
  /** Not enough stock: the order was refused before any payment. */
  OUT_OF_STOCK
}
