package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;

/**
 * What attribute checks look at: a span itself, or one of its events or links, with the words that
 * name it in messages and tree marks.
 *
 * @param subject how messages name it, e.g. {@code event "payment.initiated" of span [pay]}
 * @param notePrefix what tree marks put before their note, e.g. {@code event "payment.initiated": }
 * @param attributes its attributes
 */
record Part(String subject, String notePrefix, Attributes attributes) {

  static Part of(SpanNode span) {
    return new Part(Layout.span(span), "", span.span().getAttributes());
  }

  static Part of(SpanNode span, EventData event) {
    String name = "event " + Layout.quote(event.getName());
    return new Part(name + " of " + Layout.span(span), name + ": ", event.getAttributes());
  }

  /**
   * @param described how the link is named, e.g. {@code link 0} or {@code link to span [publish]}
   */
  static Part of(SpanNode span, LinkData link, String described) {
    return new Part(described + " of " + Layout.span(span), described + ": ", link.getAttributes());
  }

  /** The mark for the tree: the note, prefixed with what part it is about. */
  String note(String note) {
    return notePrefix + note;
  }
}
