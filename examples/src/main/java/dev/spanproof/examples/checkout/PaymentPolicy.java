package dev.spanproof.examples.checkout;

import java.time.Duration;

/**
 * How the checkout calls the payment service: how long it waits for each attempt, how many attempts
 * it makes, and whether every attempt of one charge carries the same idempotency key.
 *
 * @param timeout how long one attempt may wait for the response
 * @param attempts how many times a timed-out charge is sent, at least 1
 * @param idempotencyKey whether each charge carries an {@value CheckoutService#IDEMPOTENCY_KEY}
 *     header that its retries repeat, so that the payment service charges once
 */
public record PaymentPolicy(Duration timeout, int attempts, boolean idempotencyKey) {

  /** Validates the policy. */
  public PaymentPolicy {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, but got " + timeout);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, but got " + attempts);
    }
  }

  /** One attempt of at most {@code timeout}. */
  public static PaymentPolicy once(Duration timeout) {
    return new PaymentPolicy(timeout, 1, false);
  }

  /** {@code attempts} attempts, each of at most {@code timeout}, without an idempotency key. */
  public static PaymentPolicy retrying(Duration timeout, int attempts) {
    return new PaymentPolicy(timeout, attempts, false);
  }

  /** This policy, with an idempotency key on every charge that its retries repeat. */
  public PaymentPolicy withIdempotencyKey() {
    return new PaymentPolicy(timeout, attempts, true);
  }
}
