package dev.spanproof.core.propagation;

import java.util.List;

/**
 * What a receiving service can take from one trace-context format of a request. The identifiers are
 * normalised so formats compare directly: a trace id is always 32 lowercase hex characters (a
 * shorter id is left-padded with zeros, as OpenTelemetry does) and a parent id is the caller's span
 * id as 16 lowercase hex characters.
 */
public sealed interface TraceHeaderValidation
    permits TraceContextValidation, B3Validation, JaegerValidation {

  /** The format these headers belong to. */
  PropagationFormat format();

  /** Whether a conforming receiver continues the trace from these headers. */
  boolean isValid();

  /** The trace id as 32 lowercase hex characters, or {@code null} when not {@link #isValid()}. */
  String traceId();

  /**
   * The caller's span id (the receiver's parent) as 16 lowercase hex characters, or {@code null}
   * when not {@link #isValid()}.
   */
  String parentId();

  /** Whether the caller says it sampled the trace; {@code false} when not {@link #isValid()}. */
  boolean isSampled();

  /**
   * Broken rules: each sentence names the header, the offending part and the rule. Empty when the
   * headers are fine.
   */
  List<String> problems();

  /**
   * The same broken rules as {@link #problems()}, in the same order, each with the header it is
   * about and its kind, for code that tells problems apart.
   */
  List<HeaderProblem> headerProblems();

  /** Things the rules allow but that make receivers drop, ignore or rewrite part of the headers. */
  List<String> warnings();
}
