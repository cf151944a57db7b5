package dev.spanproof.junit;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Carries out a {@link SpanPolicy} for a report: a failure, one logged warning, or nothing.
 *
 * <p>Warnings go to a {@link System.Logger} named after {@link TracingExtension}, which users
 * silence or route through their logging configuration. Not JUnit's report entries: Maven Surefire
 * drops those (junit-team/junit5#1161, SUREFIRE-1603), and the warning must be seen.
 */
final class SpanPolicyReporter {

  private static final Logger LOGGER = System.getLogger(TracingExtension.class.getName());

  private SpanPolicyReporter() {}

  /** The report as a failure message when the policy fails the test, else empty. */
  static Optional<String> report(SpanPolicy policy, String report) {
    return switch (policy) {
      case FAIL -> Optional.of(report);
      case WARN -> {
        LOGGER.log(Level.WARNING, report);
        yield Optional.empty();
      }
      case IGNORE -> Optional.empty();
    };
  }
}
