package dev.spanproof.assertions;

/**
 * The outcome of navigating to a part of a span (an event, a link): the part, or why there is none.
 *
 * @param found the part navigated to; null when the navigation failed
 * @param failure why the navigation failed; null when it found its part
 * @param <T> the part's type, e.g. {@link io.opentelemetry.sdk.trace.data.EventData}
 */
record Located<T>(T found, Failure failure) {

  static <T> Located<T> found(T part) {
    return new Located<>(part, null);
  }

  static <T> Located<T> failed(Failure failure) {
    return new Located<>(null, failure);
  }

  boolean isFound() {
    return failure == null;
  }
}
