package dev.spanproof.core.semconv;

/** How much a convention wants an attribute, as the specification's tables say it. */
enum Requirement {
  REQUIRED("required"),
  CONDITIONALLY_REQUIRED("conditionally required"),
  RECOMMENDED("recommended"),
  OPT_IN("opt-in");

  private final String words;

  Requirement(String words) {
    this.words = words;
  }

  /** As the rules file spells it: {@code conditionally_required}. */
  static Requirement parse(String value, String where) {
    for (Requirement requirement : values()) {
      if (requirement.name().equalsIgnoreCase(value)) {
        return requirement;
      }
    }
    throw new IllegalArgumentException(
        where
            + ": requirement must be required, conditionally_required, recommended or opt_in,"
            + " not "
            + value);
  }

  @Override
  public String toString() {
    return words;
  }
}
