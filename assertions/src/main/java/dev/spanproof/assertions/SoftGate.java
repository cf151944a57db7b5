package dev.spanproof.assertions;

import java.util.function.Supplier;
import org.assertj.core.api.Assert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * How an assert reports, decided in one place for all of them: hard (throw) or soft (collect into a
 * {@link SoftAssertionsProvider}), and whether its actual was never found. After a failed soft
 * navigation (or a missing trace) the failure is already collected, so the assert that follows is
 * "unresolved" and checks nothing. Immutable.
 */
final class SoftGate {

  /** Throws every failure, checks everything. */
  static final SoftGate HARD = new SoftGate(null, false);

  private final SoftAssertionsProvider softly;
  private final boolean unresolved;

  private SoftGate(SoftAssertionsProvider softly, boolean unresolved) {
    this.softly = softly;
    this.unresolved = unresolved;
  }

  /** Collects into {@code collector}. */
  static SoftGate collectingInto(SoftAssertionsProvider collector) {
    return new SoftGate(collector, false);
  }

  /** Reports the same way, for an assert whose actual could not be found: it checks nothing. */
  SoftGate unresolved() {
    return new SoftGate(softly, true);
  }

  /** True when checks are skipped, because the failure that left the actual unknown is reported. */
  boolean skipsChecks() {
    return unresolved;
  }

  /**
   * The message format for a failure: soft reports head each failure with "-- failure 1 --" and
   * expect the message to start on a line of its own, as AssertJ's own messages do.
   */
  String messageFormat(String format) {
    return Layout.startingOwnLineIfSoft(format, softly != null);
  }

  /**
   * {@code plain} itself when hard; when soft, a proxy of its class that collects the failures of
   * its public methods (AssertJ's proxies need the class and a constructor taking the actual).
   */
  @SuppressWarnings("unchecked") // a proxy of A's own class is an A
  <A extends Assert<? extends A, ? extends T>, T> A wrap(A plain, Class<T> actualType, T actual) {
    if (softly == null) {
      return plain;
    }
    return softly.proxy((Class<A>) plain.getClass(), actualType, actual);
  }

  /**
   * Hard: rethrows {@code error}. Soft: collects it and returns the unresolved assert that the
   * chain goes on with.
   */
  <A> A navigationFailed(AssertionError error, Supplier<A> unresolvedAssert) {
    if (softly == null) {
      throw error;
    }
    softly.collectAssertionError(error);
    return unresolvedAssert.get();
  }
}
