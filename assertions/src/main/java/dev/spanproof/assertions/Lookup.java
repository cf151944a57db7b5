package dev.spanproof.assertions;

/**
 * The outcome of a navigation: the span (event, link) it leads to, or why there is none.
 *
 * @param found what the navigation leads to; null when it failed
 * @param failure why the navigation failed; null when it found its target
 * @param <T> what is navigated to
 */
record Lookup<T>(T found, Failure failure) {

  static <T> Lookup<T> found(T target) {
    return new Lookup<>(target, null);
  }

  static <T> Lookup<T> failed(Failure failure) {
    return new Lookup<>(null, failure);
  }

  boolean isFound() {
    return failure == null;
  }
}
