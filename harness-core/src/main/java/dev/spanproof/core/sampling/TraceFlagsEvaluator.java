package dev.spanproof.core.sampling;

import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * {@code trace_flags}, as the Collector's {@code trace_flags.go}: any span with the sampled flag.
 */
final class TraceFlagsEvaluator extends PolicyEvaluator {

  TraceFlagsEvaluator(String name) {
    super(name, "trace_flags");
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    for (SpanData span : trace.spans()) {
      if (span.getSpanContext().getTraceFlags().isSampled()) {
        return sampled(Texts.span(span) + " has the sampled flag set");
      }
    }
    return notSampled("no span has the sampled flag set");
  }
}
