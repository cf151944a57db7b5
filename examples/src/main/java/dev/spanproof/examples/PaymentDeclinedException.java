package dev.spanproof.examples;

/** The payment provider refused the card. */
public final class PaymentDeclinedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PaymentDeclinedException(String message) {
    super(message);
  }
}
