package dev.spanproof.examples.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PaymentPolicyTest {

  @Test
  void a_retrying_policy_adds_the_idempotency_key_on_request() {
    PaymentPolicy policy = PaymentPolicy.retrying(Duration.ofMillis(300), 2);

    assertThat(policy.idempotencyKey()).isFalse();
    assertThat(policy.withIdempotencyKey())
        .isEqualTo(new PaymentPolicy(Duration.ofMillis(300), 2, true));
  }

  @Test
  void a_policy_needs_a_positive_timeout() {
    assertThatThrownBy(() -> PaymentPolicy.once(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, but got PT0S");
  }

  @Test
  void a_policy_needs_at_least_one_attempt() {
    assertThatThrownBy(() -> PaymentPolicy.retrying(Duration.ofMillis(300), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempts must be at least 1, but got 0");
  }
}
