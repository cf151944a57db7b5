package dev.spanproof.core.propagation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of checking W3C Baggage ({@code baggage}) headers. Created by {@link
 * BaggageHeader#validate(java.util.Map)}.
 */
public final class BaggageValidation {

  private final Map<String, String> entries;
  private final List<HeaderProblem> headerProblems;
  private final List<String> problems;
  private final List<String> warnings;

  BaggageValidation(Map<String, String> entries, Findings findings) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    this.headerProblems = List.copyOf(findings.problems());
    this.problems = Findings.messages(headerProblems);
    this.warnings = List.copyOf(findings.warnings());
  }

  /** Whether every received list-member is well-formed. */
  public boolean isValid() {
    return problems.isEmpty();
  }

  /**
   * The well-formed list-members in received order, keys to percent-decoded values; properties are
   * checked but not included. Of duplicate keys the last value is kept, as OpenTelemetry does.
   */
  public Map<String, String> entries() {
    return entries;
  }

  /** Broken rules: each sentence names the header, the offending part and the rule. */
  public List<String> problems() {
    return problems;
  }

  /**
   * The same broken rules as {@link #problems()}, in the same order, each with the header it is
   * about and its kind, for code that tells problems apart.
   */
  public List<HeaderProblem> headerProblems() {
    return headerProblems;
  }

  /** Things the rules allow but that make receivers drop or rewrite part of the baggage. */
  public List<String> warnings() {
    return warnings;
  }

  /** A one-line summary followed by the problems and warnings, one per line. */
  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder("BaggageValidation[")
            .append(isValid() ? "valid" : "invalid")
            .append(", entries=")
            .append(entries)
            .append(']');
    return Headers.appendLines(text, problems, warnings);
  }
}
