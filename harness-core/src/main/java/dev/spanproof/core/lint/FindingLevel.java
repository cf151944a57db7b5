package dev.spanproof.core.lint;

/**
 * How much a {@link Finding} matters. The three levels are those of OpenTelemetry Weaver's
 * live-check ({@code violation}, {@code improvement}, {@code information}), so a finding reads the
 * same here as in Weaver's reports.
 */
public enum FindingLevel {
  /** A rule is broken: the span does not follow the convention. Assertions fail on these. */
  VIOLATION,
  /** The span follows the rules but could be better, e.g. a recommended attribute is missing. */
  IMPROVEMENT,
  /** Worth knowing, neither right nor wrong, e.g. an attribute no rule knows. */
  INFORMATION;

  /** The level as Weaver spells it: {@code violation}, {@code improvement}, {@code information}. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
