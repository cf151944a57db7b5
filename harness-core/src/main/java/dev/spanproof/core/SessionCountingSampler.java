package dev.spanproof.core;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.function.Function;

/**
 * The harness's sampler, counting for each session the spans it dropped: a dropped span never
 * reaches a span processor, so this is the only place to see it. Only a drop pays for finding the
 * session.
 */
final class SessionCountingSampler implements Sampler {

  private final Sampler delegate;
  private final Function<String, CaptureSession> ownerOfTrace;

  SessionCountingSampler(Sampler delegate, Function<String, CaptureSession> ownerOfTrace) {
    this.delegate = delegate;
    this.ownerOfTrace = ownerOfTrace;
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
    if (result.getDecision() == SamplingDecision.DROP) {
      CaptureSession owner = CaptureSession.attribute(parentContext, ownerOfTrace);
      if (owner != null && !owner.isClosed()) {
        owner.countDroppedBySampler();
      }
    }
    return result;
  }

  @Override
  public String getDescription() {
    return delegate.getDescription();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
