package dev.spanproof.junit;

import dev.spanproof.core.TracingHarness;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A span belongs to the test whose context started its trace; a span no test's context reached
 * means context propagation broke somewhere (a thread pool, a callback). Reported when the harness
 * closes: after the class, or after the test for a harness per test.
 */
final class UnownedSpanRule {

  private final SpanPolicy policy;

  UnownedSpanRule(ExtensionSettings settings) {
    this.policy = settings.unownedSpans();
  }

  /** The failure message, when the harness holds spans of no test and the policy fails on them. */
  Optional<String> check(ExtensionContext context, TracingHarness harness) {
    if (policy == SpanPolicy.IGNORE) {
      return Optional.empty();
    }
    List<String> unowned = harness.describeUnownedSpans();
    if (unowned.isEmpty()) {
      return Optional.empty();
    }
    boolean one = unowned.size() == 1;
    String report =
        unowned.size()
            + (one ? " span belongs" : " spans belong")
            + " to no test of "
            + context.getRequiredTestClass().getName()
            + " (no test's context reached "
            + (one ? "it" : "them")
            + "; check context propagation to threads and callbacks):\n  "
            + String.join("\n  ", unowned);
    return SpanPolicyReporter.report(policy, report);
  }
}
