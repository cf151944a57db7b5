package dev.spanproof.assertions;

import dev.spanproof.core.lint.FindingLevel;
import dev.spanproof.core.semconv.DatabaseConventionMode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How {@code conformsToSemanticConventions} judges: which database names it expects and which
 * finding levels fail the assertion. Immutable; each method returns a changed copy:
 *
 * <pre>{@code
 * assertThatTrace()
 *     .conformsToSemanticConventions(
 *         SemanticConventionOptions.defaults()
 *             .databaseConventions(DatabaseConventionMode.OLD)
 *             .failingOn(FindingLevel.VIOLATION, FindingLevel.IMPROVEMENT));
 * }</pre>
 */
public final class SemanticConventionOptions {

  private static final SemanticConventionOptions DEFAULTS =
      new SemanticConventionOptions(
          DatabaseConventionMode.STABLE, EnumSet.of(FindingLevel.VIOLATION));

  private final DatabaseConventionMode databaseMode;
  private final Set<FindingLevel> failingLevels;

  private SemanticConventionOptions(
      DatabaseConventionMode databaseMode, Set<FindingLevel> failingLevels) {
    this.databaseMode = databaseMode;
    this.failingLevels = Collections.unmodifiableSet(EnumSet.copyOf(failingLevels));
  }

  /** The stable database conventions; only violations fail, improvements are listed. */
  public static SemanticConventionOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Judges database client spans by these names, e.g. {@link DatabaseConventionMode#OLD} for
   * instrumentation running without {@code otel.semconv-stability.opt-in=database}.
   *
   * @param mode the database names expected
   * @return a copy with that mode
   */
  public SemanticConventionOptions databaseConventions(DatabaseConventionMode mode) {
    Arguments.requireNonNull(mode, "databaseConventions(DatabaseConventionMode mode)", "mode");
    return new SemanticConventionOptions(mode, failingLevels);
  }

  /**
   * Fails the assertion on findings of these levels (by default only {@link
   * FindingLevel#VIOLATION}); the others are listed under the failure but do not cause it.
   *
   * @param level a level that fails
   * @param more further levels that fail
   * @return a copy with these failing levels
   */
  public SemanticConventionOptions failingOn(FindingLevel level, FindingLevel... more) {
    String method = "failingOn(FindingLevel level, FindingLevel... more)";
    Arguments.requireNonNull(level, method, "level");
    Arguments.requireNoNulls(more, method, "more");
    EnumSet<FindingLevel> levels = EnumSet.of(level, more);
    return new SemanticConventionOptions(databaseMode, levels);
  }

  DatabaseConventionMode databaseMode() {
    return databaseMode;
  }

  Set<FindingLevel> failingLevels() {
    return failingLevels;
  }

  /** The options in words, for messages and debuggers. */
  @Override
  public String toString() {
    return "SemanticConventionOptions[database "
        + databaseMode
        + ", failing on "
        + failingLevels
        + "]";
  }
}
