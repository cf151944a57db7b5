package dev.spanproof.core;

import dev.spanproof.core.sampling.SamplingRecord;
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
 * The harness's sampler: asks the user's sampler and records its answer in the log of the session
 * the span belongs to (by the same rule as its spans), or in the harness's log of decisions outside
 * any session. A dropped span never reaches a span processor, so this is the only place to see it.
 *
 * <p>Per span it costs one {@link SamplingRecord} and one log entry (references to what the sampler
 * was given and returned, nothing copied), a shared sequence number, and the session lookup, which
 * for a span whose context carries its session is a context read.
 */
final class RecordingSampler implements Sampler {

  private final Sampler delegate;
  private final String description;
  private final Function<String, CaptureSession> ownerOfTrace;
  private final SamplingLog unowned;

  /**
   * One order for every sampler of this kind in the JVM, so that the decisions of a session stay in
   * order when two samplers (a harness's own and an {@link ExternalSdkCapture}) record into it.
   */
  private static final AtomicLong SEQUENCE = new AtomicLong();

  RecordingSampler(
      Sampler delegate, Function<String, CaptureSession> ownerOfTrace, SamplingLog unowned) {
    this.delegate = delegate;
    // Read once: ParentBased and others format their description anew on every call.
    this.description = delegate.getDescription();
    this.ownerOfTrace = ownerOfTrace;
    this.unowned = unowned;
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
    SamplingRecord record =
        SamplingRecord.of(
            name,
            spanKind,
            traceId,
            Span.fromContext(parentContext).getSpanContext(),
            result,
            description);
    log(record, CaptureSession.attribute(parentContext, ownerOfTrace), unowned);
    return result;
  }

  /** Records a decision in the log of {@code owner}, or in {@code unowned} if it has none. */
  static void log(SamplingRecord record, CaptureSession owner, SamplingLog unowned) {
    long order = SEQUENCE.getAndIncrement();
    if (owner == null || owner.isClosed()) {
      unowned.add(order, record);
    } else {
      owner.samplingLog().add(order, record);
    }
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
