package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;

/**
 * The outcome of a navigation: the span it leads to, or why there is none.
 *
 * @param found the span navigated to; null when the navigation failed
 * @param failure why the navigation failed; null when it found its span
 */
record Lookup(SpanNode found, Failure failure) {

  static Lookup found(SpanNode node) {
    return new Lookup(node, null);
  }

  static Lookup failed(Failure failure) {
    return new Lookup(null, failure);
  }

  boolean isFound() {
    return failure == null;
  }
}
