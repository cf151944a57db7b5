package dev.spanproof.core.propagation;

import dev.spanproof.core.propagation.HeaderProblem.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The problems and warnings one validation collects, and the preamble every validator shares:
 * reading a header's occurrences and reporting it missing or null. Every sentence starts with the
 * header it is about.
 */
final class Findings {

  private final List<HeaderProblem> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  /** Adds the problem {@code "header: sentence"}. */
  void problem(String header, Kind kind, String sentence) {
    problems.add(new HeaderProblem(header, kind, header + ": " + sentence));
  }

  /** Adds the warning {@code "header: sentence"}. */
  void warning(String header, String sentence) {
    warnings.add(header + ": " + sentence);
  }

  /**
   * All occurrences of a header; when there are none, reports {@code "header: header is missing"}
   * followed by {@code consequence} (empty, or e.g. {@code ", so a receiver starts a new trace"}).
   */
  List<String> occurrences(Map<String, List<String>> headers, String header, String consequence) {
    List<String> values = Headers.values(headers, header);
    if (values.isEmpty()) {
      missing(header, consequence);
    }
    return values;
  }

  /** Reports {@code "header: header is missing"} followed by {@code consequence}. */
  void missing(String header, String consequence) {
    problem(header, Kind.MISSING, "header is missing" + consequence);
  }

  /** Reports a null occurrence; returns whether {@code value} is there to check. */
  boolean isNotNull(String header, String value) {
    if (value == null) {
      problem(header, Kind.NULL_VALUE, "value is null");
      return false;
    }
    return true;
  }

  /** The number of problems so far, to ask later whether a step added any. */
  int mark() {
    return problems.size();
  }

  /** Whether problems were added after {@code mark}. */
  boolean addedSince(int mark) {
    return problems.size() > mark;
  }

  List<HeaderProblem> problems() {
    return problems;
  }

  List<String> warnings() {
    return warnings;
  }

  /** The sentences of {@code problems}, in order. */
  static List<String> messages(List<HeaderProblem> problems) {
    return problems.stream().map(HeaderProblem::message).toList();
  }
}
