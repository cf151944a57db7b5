package dev.spanproof.core.sampling;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.Objects;

/**
 * One head-sampling decision: what the sampler was asked (span name, kind, trace id, parent
 * context) and what it answered (decision, attributes it added, trace state it returned). A harness
 * records one for every span its code starts, also for the spans the sampler dropped, which never
 * reach a span processor.
 *
 * <pre>{@code
 * SamplingRecord record = session.samplingDecisions().get(0);
 * record.spanName();        // "processOrder"
 * record.decision();        // DROP
 * record.toString();        // processOrder [SERVER], trace 4bf9…, no parent: DROP by AlwaysOffSampler
 * }</pre>
 *
 * <p>The sampler is not told the new span's id, so a record names the span by trace id, name and
 * parent; a span recorded as a {@code SpanData} matches the record with the same three.
 */
public final class SamplingRecord {

  private final String spanName;
  private final SpanKind spanKind;
  private final String traceId;
  private final SpanContext parentSpanContext;
  private final SamplingDecision decision;
  private final Attributes attributes;
  private final TraceState traceState;
  private final String samplerDescription;

  private SamplingRecord(
      String spanName,
      SpanKind spanKind,
      String traceId,
      SpanContext parentSpanContext,
      SamplingDecision decision,
      Attributes attributes,
      TraceState traceState,
      String samplerDescription) {
    this.spanName = spanName;
    this.spanKind = spanKind;
    this.traceId = traceId;
    this.parentSpanContext = parentSpanContext;
    this.decision = decision;
    this.attributes = attributes;
    this.traceState = traceState;
    this.samplerDescription = samplerDescription;
  }

  /**
   * The record of {@code result}, the answer of the sampler described by {@code samplerDescription}
   * for a span named {@code spanName} of {@code spanKind} in trace {@code traceId} whose parent is
   * {@code parentSpanContext}. The trace state is the one the result returns for the parent's, as
   * the SDK asks it.
   *
   * @param spanName the span's name
   * @param spanKind the span's kind
   * @param traceId the span's trace id, 32 lowercase hex characters
   * @param parentSpanContext the parent's span context; {@link SpanContext#getInvalid()} for a root
   * @param result the sampler's answer
   * @param samplerDescription the sampler's {@code getDescription()}
   * @return the record
   * @throws IllegalArgumentException if any argument is null
   */
  public static SamplingRecord of(
      String spanName,
      SpanKind spanKind,
      String traceId,
      SpanContext parentSpanContext,
      SamplingResult result,
      String samplerDescription) {
    requireArgument(spanName, "spanName");
    requireArgument(spanKind, "spanKind");
    requireArgument(traceId, "traceId");
    requireArgument(parentSpanContext, "parentSpanContext");
    requireArgument(result, "result");
    requireArgument(samplerDescription, "samplerDescription");
    return new SamplingRecord(
        spanName,
        spanKind,
        traceId,
        parentSpanContext,
        result.getDecision(),
        result.getAttributes(),
        result.getUpdatedTraceState(parentSpanContext.getTraceState()),
        samplerDescription);
  }

  /** The name of the span the sampler decided on. */
  public String spanName() {
    return spanName;
  }

  /** The kind of the span the sampler decided on. */
  public SpanKind spanKind() {
    return spanKind;
  }

  /** The span's trace id: the parent's, or a new one for a root. */
  public String traceId() {
    return traceId;
  }

  /** What the sampler decided. */
  public SamplingDecision decision() {
    return decision;
  }

  /**
   * Whether the span was sampled: recorded and its sampled flag set ({@code RECORD_AND_SAMPLE}).
   */
  public boolean isSampled() {
    return decision == SamplingDecision.RECORD_AND_SAMPLE;
  }

  /** Whether the span was recorded, sampled or not: any decision but {@code DROP}. */
  public boolean isRecorded() {
    return decision != SamplingDecision.DROP;
  }

  /**
   * The parent's span context as the sampler saw it, {@link SpanContext#getInvalid()} when the span
   * is a root (as {@code SpanData.getParentSpanContext()} has it).
   */
  public SpanContext parentSpanContext() {
    return parentSpanContext;
  }

  /** Whether the span has a parent, local or remote. */
  public boolean hasParent() {
    return parentSpanContext.isValid();
  }

  /** Whether the span has a parent from another process (extracted from incoming headers). */
  public boolean hasRemoteParent() {
    return parentSpanContext.isValid() && parentSpanContext.isRemote();
  }

  /** Whether the span has a parent whose sampled flag is set; false for a root. */
  public boolean isParentSampled() {
    return parentSpanContext.isValid() && parentSpanContext.isSampled();
  }

  /** The parent's span id, {@code 0000000000000000} for a root (as {@code SpanData} has it). */
  public String parentSpanId() {
    return parentSpanContext.getSpanId();
  }

  /** The attributes the sampler added to the span; empty when it added none. */
  public Attributes attributes() {
    return attributes;
  }

  /** The trace state the sampler returned: the span's, and what it propagates. */
  public TraceState traceState() {
    return traceState;
  }

  /** The description of the harness's sampler ({@code Sampler.getDescription()}). */
  public String samplerDescription() {
    return samplerDescription;
  }

  /**
   * The parent as messages describe it: {@code no parent}, or {@code parent 00f067aa0ba902b7
   * (remote, sampled)}.
   */
  public String describeParent() {
    if (!parentSpanContext.isValid()) {
      return "no parent";
    }
    return "parent "
        + parentSpanContext.getSpanId()
        + " ("
        + (parentSpanContext.isRemote() ? "remote" : "local")
        + ", "
        + (parentSpanContext.isSampled() ? "sampled" : "not sampled")
        + ")";
  }

  /**
   * E.g. {@code processOrder [SERVER], trace 4bf92f3577b34da6a3ce929d0e0e4736, parent
   * 00f067aa0ba902b7 (remote, not sampled): DROP by AlwaysOffSampler}, followed by the attributes
   * and trace state the sampler added, if any.
   */
  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder(spanName)
            .append(" [")
            .append(spanKind)
            .append("], trace ")
            .append(traceId)
            .append(", ")
            .append(describeParent())
            .append(": ")
            .append(decision)
            .append(" by ")
            .append(samplerDescription);
    if (!attributes.isEmpty()) {
      text.append(", added attributes ").append(attributes);
    }
    if (!traceState.equals(parentSpanContext.getTraceState())) {
      text.append(", trace state ").append(w3c(traceState));
    }
    return text.toString();
  }

  /** The trace state in the W3C header's form: {@code key=value,…}. */
  private static String w3c(TraceState traceState) {
    StringBuilder members = new StringBuilder();
    traceState.forEach(
        (key, value) ->
            members.append(members.length() == 0 ? "" : ",").append(key).append('=').append(value));
    return members.length() == 0 ? "(empty)" : members.toString();
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof SamplingRecord that)) {
      return false;
    }
    return spanName.equals(that.spanName)
        && spanKind == that.spanKind
        && traceId.equals(that.traceId)
        && parentSpanContext.equals(that.parentSpanContext)
        && decision == that.decision
        && attributes.equals(that.attributes)
        && traceState.equals(that.traceState)
        && samplerDescription.equals(that.samplerDescription);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        spanName,
        spanKind,
        traceId,
        parentSpanContext,
        decision,
        attributes,
        traceState,
        samplerDescription);
  }

  private static void requireArgument(Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }
}
