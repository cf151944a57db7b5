package dev.spanproof.core.sampling;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code trace_state}, as the Collector's {@code trace_state_filter.go}: any span whose trace state
 * has {@code key} with one of {@code values}. Like the Collector, it ignores empty values and those
 * that cannot fit a trace-state member ({@code key=value} longer than 256 characters).
 */
final class TraceStateEvaluator extends PolicyEvaluator {

  private final String key;
  private final List<String> values;
  private final Set<String> usable = new LinkedHashSet<>();

  TraceStateEvaluator(String name, String key, List<String> values) {
    super(name, "trace_state");
    this.key = key;
    this.values = List.copyOf(values);
    for (String value : values) {
      if (!value.isEmpty() && key.length() + value.length() < 256) {
        usable.add(value);
      }
    }
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    for (SpanData span : trace.spans()) {
      String value = span.getSpanContext().getTraceState().get(key);
      if (value != null && usable.contains(value)) {
        return sampled(
            Texts.span(span)
                + " has trace state "
                + key
                + "="
                + value
                + ", one of "
                + Texts.quoted(values));
      }
    }
    return notSampled("no span has trace state " + key + " = one of " + Texts.quoted(values));
  }
}
