package dev.spanproof.core.propagation;

import java.util.List;

/**
 * The result of checking B3 headers, single ({@code b3}) or multiple ({@code X-B3-*}). Created by
 * {@link B3#validateSingle(java.util.Map)} and {@link B3#validateMulti(java.util.Map)}.
 */
public final class B3Validation implements TraceHeaderValidation {

  private final PropagationFormat format;
  private final String traceId;
  private final String parentId;
  private final Boolean sampled;
  private final boolean debug;
  private final List<HeaderProblem> headerProblems;
  private final List<String> problems;
  private final List<String> warnings;

  B3Validation(
      PropagationFormat format,
      String traceId,
      String parentId,
      Boolean sampled,
      boolean debug,
      Findings findings) {
    this.format = format;
    this.traceId = traceId;
    this.parentId = parentId;
    this.sampled = sampled;
    this.debug = debug;
    this.headerProblems = List.copyOf(findings.problems());
    this.problems = Findings.messages(headerProblems);
    this.warnings = List.copyOf(findings.warnings());
  }

  /** {@link PropagationFormat#B3_SINGLE} or {@link PropagationFormat#B3_MULTI}. */
  @Override
  public PropagationFormat format() {
    return format;
  }

  /**
   * Whether well-formed TraceId and SpanId were received; a sampling state sent alone is not a
   * trace to continue.
   */
  @Override
  public boolean isValid() {
    return traceId != null;
  }

  /** The TraceId, a 64-bit one left-padded to 32 characters; {@code null} when not valid. */
  @Override
  public String traceId() {
    return traceId;
  }

  /** The B3 SpanId, which the receiver continues; {@code null} when not valid. */
  @Override
  public String parentId() {
    return parentId;
  }

  /** Whether the sampling state is accept or debug, also when sent without identifiers. */
  @Override
  public boolean isSampled() {
    return debug || Boolean.TRUE.equals(sampled);
  }

  /** Whether the sampling state is debug ({@code d}, or {@code X-B3-Flags: 1}). */
  public boolean isDebug() {
    return debug;
  }

  /** Whether no sampling state was received, leaving the decision to the receiver. */
  public boolean isSamplingDeferred() {
    return sampled == null && !debug;
  }

  @Override
  public List<String> problems() {
    return problems;
  }

  @Override
  public List<HeaderProblem> headerProblems() {
    return headerProblems;
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  /** A one-line summary followed by the problems and warnings, one per line. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("B3Validation[").append(format);
    text.append(isValid() ? ", traceId=" + traceId + ", parentId=" + parentId : ", no trace");
    text.append(", sampling=")
        .append(debug ? "debug" : sampled == null ? "deferred" : sampled ? "accept" : "deny");
    return Headers.appendLines(text.append(']'), problems, warnings);
  }
}
