package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.common.Attributes;

/**
 * An event or a link that an {@link EventAssert} or {@link LinkAssert} checks, with what its
 * failures need: the span it belongs to (marked in the drawn trace) and how messages name it.
 *
 * @param span the span the part belongs to
 * @param label how messages and marks name the part, e.g. {@code event [payment.initiated]}
 * @param attributes the part's own attributes
 */
record Part(SpanNode span, String label, Attributes attributes) {

  /** "event [payment.initiated] of span [checkout]": the subject of the part's messages. */
  String subject() {
    return label + " of " + Layout.span(span);
  }
}
