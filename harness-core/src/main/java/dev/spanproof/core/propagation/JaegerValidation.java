package dev.spanproof.core.propagation;

import java.util.List;

/**
 * The result of checking Jaeger's {@code uber-trace-id} header. Created by {@link
 * Jaeger#validate(java.util.Map)}.
 */
public final class JaegerValidation implements TraceHeaderValidation {

  private static final int FLAG_SAMPLED = 0x01;
  private static final int FLAG_DEBUG = 0x02;

  private final String traceId;
  private final String parentId;
  private final int flags;
  private final List<HeaderProblem> headerProblems;
  private final List<String> problems;
  private final List<String> warnings;

  JaegerValidation(String traceId, String parentId, int flags, Findings findings) {
    this.traceId = traceId;
    this.parentId = parentId;
    this.flags = flags;
    this.headerProblems = List.copyOf(findings.problems());
    this.problems = Findings.messages(headerProblems);
    this.warnings = List.copyOf(findings.warnings());
  }

  /** Returns {@link PropagationFormat#JAEGER}. */
  @Override
  public PropagationFormat format() {
    return PropagationFormat.JAEGER;
  }

  @Override
  public boolean isValid() {
    return traceId != null;
  }

  /** The trace-id left-padded to 32 characters; {@code null} when not valid. */
  @Override
  public String traceId() {
    return traceId;
  }

  /** The span-id left-padded to 16 characters; {@code null} when not valid. */
  @Override
  public String parentId() {
    return parentId;
  }

  /** Whether flag bit 1 (sampled) is set. */
  @Override
  public boolean isSampled() {
    return (flags & FLAG_SAMPLED) != 0;
  }

  /** Whether flag bit 2 (debug) is set. */
  public boolean isDebug() {
    return (flags & FLAG_DEBUG) != 0;
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
    StringBuilder text = new StringBuilder("JaegerValidation[");
    text.append(
        isValid()
            ? "valid, traceId="
                + traceId
                + ", parentId="
                + parentId
                + ", sampled="
                + isSampled()
                + ", debug="
                + isDebug()
            : "invalid");
    return Headers.appendLines(text.append(']'), problems, warnings);
  }
}
