package dev.spanproof.core.propagation;

import java.util.List;

/**
 * The result of checking {@code traceparent} and {@code tracestate} the way a W3C Trace Context
 * receiver must treat them. Created by {@link TraceContext#validate(java.util.Map)}.
 */
public final class TraceContextValidation implements TraceHeaderValidation {

  private static final int FLAG_SAMPLED = 0x01;
  private static final int FLAG_RANDOM = 0x02;

  private final String version;
  private final String traceId;
  private final String parentId;
  private final int flags;
  private final List<String> tracestateMembers;
  private final List<HeaderProblem> headerProblems;
  private final List<String> problems;
  private final List<String> warnings;

  private TraceContextValidation(
      String version,
      String traceId,
      String parentId,
      int flags,
      List<String> tracestateMembers,
      Findings findings) {
    this.version = version;
    this.traceId = traceId;
    this.parentId = parentId;
    this.flags = flags;
    this.tracestateMembers = List.copyOf(tracestateMembers);
    this.headerProblems = List.copyOf(findings.problems());
    this.problems = Findings.messages(headerProblems);
    this.warnings = List.copyOf(findings.warnings());
  }

  static TraceContextValidation valid(
      String version,
      String traceId,
      String parentId,
      int flags,
      List<String> tracestateMembers,
      Findings findings) {
    return new TraceContextValidation(
        version, traceId, parentId, flags, tracestateMembers, findings);
  }

  static TraceContextValidation invalid(Findings findings) {
    return new TraceContextValidation(null, null, null, 0, List.of(), findings);
  }

  /** Returns {@link PropagationFormat#W3C}. */
  @Override
  public PropagationFormat format() {
    return PropagationFormat.W3C;
  }

  /** Whether exactly one {@code traceparent} was received and a receiver can continue its trace. */
  @Override
  public boolean isValid() {
    return traceId != null;
  }

  /** The {@code traceparent} version as two hex characters, or {@code null} when not valid. */
  public String version() {
    return version;
  }

  /** The trace-id, or {@code null} when not {@link #isValid()}. */
  @Override
  public String traceId() {
    return traceId;
  }

  /** The parent-id, or {@code null} when not {@link #isValid()}. */
  @Override
  public String parentId() {
    return parentId;
  }

  /** Whether the sampled flag (bit {@code 0x01} of trace-flags, and only that bit) is set. */
  @Override
  public boolean isSampled() {
    return (flags & FLAG_SAMPLED) != 0;
  }

  /** Whether the random trace-id flag of Trace Context level 2 (bit {@code 0x02}) is set. */
  public boolean isRandom() {
    return (flags & FLAG_RANDOM) != 0;
  }

  /**
   * The trace-flags byte as received, from 0 to 255, reserved bits included (e.g. {@code 0x03} for
   * sampled and random); 0 when not {@link #isValid()}.
   */
  public int traceFlags() {
    return flags;
  }

  /**
   * The {@code tracestate} list-members a conforming service propagates, as {@code key=value} in
   * received order; empty when there are none or the tracestate must be dropped.
   */
  public List<String> tracestateMembers() {
    return tracestateMembers;
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
    StringBuilder text = new StringBuilder("TraceContextValidation[");
    if (isValid()) {
      text.append("valid, version=")
          .append(version)
          .append(", traceId=")
          .append(traceId)
          .append(", parentId=")
          .append(parentId)
          .append(", sampled=")
          .append(isSampled())
          .append(", random=")
          .append(isRandom())
          .append(", tracestate=")
          .append(String.join(",", tracestateMembers));
    } else {
      text.append("invalid");
    }
    return Headers.appendLines(text.append(']'), problems, warnings);
  }
}
