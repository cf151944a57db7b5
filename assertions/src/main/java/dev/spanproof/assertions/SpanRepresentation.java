package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.assertj.core.presentation.StandardRepresentation;

/**
 * Shows traces as trees and spans as one readable line instead of {@code SpanData.toString()}
 * dumps; everything else as AssertJ's standard representation does.
 *
 * <p>spanproof's own assertions always use it. It is not registered with AssertJ, so your other
 * AssertJ messages stay as they are unless you opt in:
 *
 * <pre>{@code
 * // one assertion
 * assertThat(exporter.getFinishedSpanItems())
 *     .withRepresentation(SpanRepresentation.SPAN_REPRESENTATION)
 *     .isEmpty();
 *
 * // every assertion from here on (undo with Assertions.useDefaultRepresentation())
 * Assertions.useRepresentation(SpanRepresentation.SPAN_REPRESENTATION);
 * }</pre>
 */
public class SpanRepresentation extends StandardRepresentation {

  /** The instance to pass to {@code withRepresentation} or {@code Assertions.useRepresentation}. */
  public static final SpanRepresentation SPAN_REPRESENTATION = new SpanRepresentation();

  /** Creates the representation; {@link #SPAN_REPRESENTATION} is the shared instance. */
  public SpanRepresentation() {}

  @Override
  public String toStringOf(Object object) {
    String own = spanText(object);
    return own != null ? own : super.toStringOf(object);
  }

  @Override
  public String unambiguousToStringOf(Object object) {
    String own = spanText(object);
    return own != null ? own : super.unambiguousToStringOf(object);
  }

  /** The text for a trace, a span node or a span; null for anything else. */
  private static String spanText(Object object) {
    if (object instanceof Trace trace) {
      return Layout.defaultRenderer().render(trace);
    }
    if (object instanceof SpanNode node) {
      return "span " + Layout.defaultRenderer().renderLine(node) + " " + node.spanId();
    }
    if (object instanceof SpanData span) {
      return "span ["
          + span.getName()
          + "] (trace "
          + span.getTraceId()
          + ", span "
          + span.getSpanId()
          + ", "
          + span.getKind()
          + ", "
          + SpanMessages.status(span.getStatus())
          + ")";
    }
    return null;
  }

  @Override
  public String toString() {
    return "spanproof SpanRepresentation";
  }
}
