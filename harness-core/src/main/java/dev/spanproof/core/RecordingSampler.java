package dev.spanproof.core;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A sampler that asks the user's sampler and records its answer in the {@link SamplingLog} that
 * {@code logFor} picks for the span's parent context: the harness's own sampler picks the log of
 * the session the span belongs to (by the same rule as its spans) or the harness's log of decisions
 * outside any session; {@link ExternalSdkCapture#recordingSampler} picks the same in whichever open
 * harness the span belongs to. A dropped span never reaches a span processor, so this is the only
 * place to see it.
 *
 * <p>Per span it costs one log entry holding references to what the sampler was given and returned
 * (the {@link dev.spanproof.core.sampling.SamplingRecord} is built when the log is read), a shared
 * sequence number, and the session lookup, which for a span whose context carries its session is a
 * context read.
 */
final class RecordingSampler implements Sampler {

  /**
   * One order for every sampler of this kind in the JVM, so that the decisions of a session stay in
   * order when two samplers (a harness's own and an {@link ExternalSdkCapture}) record into it.
   */
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Sampler delegate;
  private final String description;
  private final Function<Context, SamplingLog> logFor;

  /**
   * @param logFor the log to record a decision in, given the span's parent context; null to record
   *     nothing (an external SDK's span while no harness is open)
   */
  RecordingSampler(Sampler delegate, Function<Context, SamplingLog> logFor) {
    this.delegate = delegate;
    // Read once: ParentBased and others format their description anew on every call.
    this.description = delegate.getDescription();
    this.logFor = logFor;
  }

  /**
   * The harness's own sampler: records in the log of the session the span belongs to, or in {@code
   * unowned} if it belongs to none or to a closed one.
   */
  RecordingSampler(
      Sampler delegate, Function<String, CaptureSession> ownerOfTrace, SamplingLog unowned) {
    this(
        delegate,
        parentContext -> logOf(CaptureSession.attribute(parentContext, ownerOfTrace), unowned));
  }

  /** The log of {@code owner}, or {@code unowned} if it has none or is closed. */
  static SamplingLog logOf(CaptureSession owner, SamplingLog unowned) {
    return owner == null || owner.isClosed() ? unowned : owner.samplingLog();
  }

  @Override
  public SamplingResult shouldSample(
      Context parentContext,
      String traceId,
      String name,
      SpanKind spanKind,
      Attributes attributes,
      List<LinkData> parentLinks) {
    SamplingResult result =
        delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    if (result == null) {
      // The log keeps the result to read later: refuse a missing one now, naming the culprit.
      throw new IllegalArgumentException(
          "sampler " + description + " returned no sampling result for span [" + name + "]");
    }
    SamplingLog log = logFor.apply(parentContext);
    if (log != null) {
      log.add(
          SEQUENCE.getAndIncrement(),
          name,
          spanKind,
          traceId,
          Span.fromContext(parentContext).getSpanContext(),
          result,
          description);
    }
    return result;
  }

  @Override
  public String getDescription() {
    return description;
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
