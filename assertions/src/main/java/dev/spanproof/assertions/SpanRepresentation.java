package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import org.assertj.core.presentation.StandardRepresentation;

/**
 * Shows traces as trees and spans as one readable line in every AssertJ message, including plain
 * {@code assertThat(exporter.getFinishedSpanItems())} ones, instead of {@code SpanData.toString()}
 * dumps. Registered through {@code META-INF/services/org.assertj.core.presentation.Representation}.
 *
 * <p>It answers only for spans, traces and collections or arrays that hold them; for everything
 * else it returns null, so other registered representations and AssertJ's standard one apply.
 */
public class SpanRepresentation extends StandardRepresentation {

  // Set while a collection of spans is formatted: its other elements then get standard formatting.
  private static final ThreadLocal<Boolean> IN_CONTAINER = ThreadLocal.withInitial(() -> false);

  /** Created by AssertJ's service loader. */
  public SpanRepresentation() {}

  @Override
  public String toStringOf(Object object) {
    String own = spanText(object);
    if (own != null) {
      return own;
    }
    if (IN_CONTAINER.get()) {
      return super.toStringOf(object);
    }
    if (!holdsSpans(object)) {
      return null;
    }
    IN_CONTAINER.set(true);
    try {
      return super.toStringOf(object);
    } finally {
      IN_CONTAINER.set(false);
    }
  }

  @Override
  public String unambiguousToStringOf(Object object) {
    String own = spanText(object);
    if (own != null) {
      return own;
    }
    return IN_CONTAINER.get() || holdsSpans(object) ? toStringOf(object) : null;
  }

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

  private static boolean holdsSpans(Object object) {
    Iterable<?> elements =
        object instanceof Collection<?> collection
            ? collection
            : object instanceof Object[] array ? java.util.Arrays.asList(array) : null;
    if (elements == null) {
      return false;
    }
    for (Object element : elements) {
      if (element instanceof SpanData || element instanceof SpanNode || element instanceof Trace) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "spanproof SpanRepresentation";
  }
}
