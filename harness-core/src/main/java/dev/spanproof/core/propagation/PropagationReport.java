package dev.spanproof.core.propagation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every trace-context format one request carries, each one's validation, its baggage and the
 * disagreements between formats. Created by {@link PropagationHeaders#inspect(java.util.Map)}.
 */
public final class PropagationReport {

  private final Map<PropagationFormat, TraceHeaderValidation> validations;
  private final BaggageValidation baggage;
  private final List<HeaderProblem> headerProblems;
  private final List<String> conflicts;

  PropagationReport(
      Map<PropagationFormat, TraceHeaderValidation> validations,
      BaggageValidation baggage,
      List<HeaderProblem> conflicts) {
    this.validations = Collections.unmodifiableMap(new EnumMap<>(validations));
    this.baggage = baggage;
    List<HeaderProblem> all = new ArrayList<>();
    this.validations.values().forEach(validation -> all.addAll(validation.headerProblems()));
    if (baggage != null) {
      all.addAll(baggage.headerProblems());
    }
    all.addAll(conflicts);
    this.headerProblems = List.copyOf(all);
    this.conflicts = Findings.messages(conflicts);
  }

  /** The formats present, in {@link PropagationFormat} order. */
  public Set<PropagationFormat> formats() {
    return validations.keySet();
  }

  /** The validation of one format, empty when the request does not carry it. */
  public Optional<TraceHeaderValidation> validation(PropagationFormat format) {
    return Optional.ofNullable(validations.get(format));
  }

  /** The validation of the {@code baggage} headers, empty when none were sent. */
  public Optional<BaggageValidation> baggage() {
    return Optional.ofNullable(baggage);
  }

  /** Disagreements between valid formats on trace id, parent id or sampled flag. */
  public List<String> conflicts() {
    return conflicts;
  }

  /** All problems: of each format in order, then of the baggage, then the conflicts. */
  public List<String> problems() {
    return Findings.messages(headerProblems);
  }

  /**
   * The same problems as {@link #problems()}, in the same order, each with the header it is about
   * and its kind; a conflict has kind {@link HeaderProblem.Kind#FORMATS_DISAGREE}.
   */
  public List<HeaderProblem> headerProblems() {
    return headerProblems;
  }

  /** The formats present followed by all problems, one per line. */
  @Override
  public String toString() {
    List<String> warnings = new ArrayList<>();
    validations.values().forEach(validation -> warnings.addAll(validation.warnings()));
    if (baggage != null) {
      warnings.addAll(baggage.warnings());
    }
    StringBuilder text = new StringBuilder("PropagationReport[formats=").append(formats());
    if (baggage != null) {
      text.append(", baggage=").append(baggage.entries());
    }
    return Headers.appendLines(text.append(']'), problems(), warnings);
  }
}
