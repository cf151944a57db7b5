package dev.spanproof.examples.checkout;

import java.io.InterruptedIOException;

/** The payment service did not answer in time, on any attempt. */
public final class PaymentTimeoutException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  PaymentTimeoutException(int attempts, InterruptedIOException lastTimeout) {
    super(
        "payment timed out after " + attempts + (attempts == 1 ? " attempt" : " attempts"),
        lastTimeout);
  }
}
