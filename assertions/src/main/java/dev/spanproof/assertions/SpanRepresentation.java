package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.assertj.core.presentation.Representation;

/**
 * Shows traces as trees and spans as one readable line in every AssertJ message, including plain
 * {@code assertThat(spans)} ones, instead of {@code SpanData.toString()} dumps. Registered through
 * {@code META-INF/services/org.assertj.core.presentation.Representation}; other types are left to
 * the other registered representations and AssertJ's standard one.
 */
public class SpanRepresentation implements Representation {

  /** Created by AssertJ's service loader. */
  public SpanRepresentation() {}

  @Override
  public String toStringOf(Object object) {
    if (object instanceof Trace trace) {
      return TraceAssertions.renderer().render(trace);
    }
    if (object instanceof SpanNode node) {
      return "span " + TraceAssertions.renderer().renderLine(node) + " " + node.spanId();
    }
    if (object instanceof SpanData span) {
      return "span [" + span.getName() + "] (trace " + span.getTraceId() + ", span " + span.getSpanId() + ", "
          + span.getKind() + ", " + SpanMessages.status(span.getStatus()) + ")";
    }
    return null;
  }

  @Override
  public String unambiguousToStringOf(Object object) {
    return toStringOf(object);
  }

  @Override
  public String toString() {
    return "spanproof SpanRepresentation";
  }
}
