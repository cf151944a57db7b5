package dev.spanproof.core.sampling;

import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/**
 * {@code ottl_condition}, as the Collector's {@code ottl.go}: span by span, first the span
 * conditions on the span, then the span-event conditions on each of its events; the first condition
 * that holds samples the trace.
 */
final class OttlConditionEvaluator extends PolicyEvaluator {

  private final List<OttlCondition> spanConditions;
  private final List<OttlCondition> spanEventConditions;

  OttlConditionEvaluator(
      String name, List<OttlCondition> spanConditions, List<OttlCondition> spanEventConditions) {
    super(name, "ottl_condition");
    this.spanConditions = List.copyOf(spanConditions);
    this.spanEventConditions = List.copyOf(spanEventConditions);
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    for (SpanData span : trace.spans()) {
      OttlCondition.Target onSpan = new OttlCondition.Target(span, null);
      for (OttlCondition condition : spanConditions) {
        if (condition.matches(onSpan)) {
          return sampled(Texts.span(span) + " matches " + condition.text());
        }
      }
      for (EventData event : span.getEvents()) {
        OttlCondition.Target onEvent = new OttlCondition.Target(span, event);
        for (OttlCondition condition : spanEventConditions) {
          if (condition.matches(onEvent)) {
            return sampled(
                "event ["
                    + event.getName()
                    + "] of "
                    + Texts.span(span)
                    + " matches "
                    + condition.text());
          }
        }
      }
    }
    return notSampled("no span or span event matches a condition");
  }
}
