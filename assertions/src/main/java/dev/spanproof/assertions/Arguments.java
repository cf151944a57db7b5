package dev.spanproof.assertions;

import java.util.Arrays;

/**
 * The null-argument contract of every assertion, as AssertJ has it: a null expected value is a
 * programming error, not a failed check, so it throws a {@link NullPointerException} at once (also
 * inside soft assertions, which collect only {@link AssertionError}s), naming the method and the
 * parameter.
 */
final class Arguments {

  private Arguments() {}

  /**
   * Throws when {@code argument} is null.
   *
   * @param method the method's signature with parameter names, e.g. {@code "hasParent(String
   *     name)"}
   * @param parameter the parameter's name, e.g. {@code "name"}
   * @throws NullPointerException "hasParent(String name): name must not be null"
   */
  static void requireNonNull(Object argument, String method, String parameter) {
    if (argument == null) {
      throw new NullPointerException(method + ": " + parameter + " must not be null");
    }
  }

  /** Like {@link #requireNonNull(Object, String, String)}, ending the message with a hint. */
  static void requireNonNull(Object argument, String method, String parameter, String hint) {
    if (argument == null) {
      throw new NullPointerException(method + ": " + parameter + " must not be null; " + hint);
    }
  }

  /**
   * Throws when the array or one of its elements is null.
   *
   * @throws NullPointerException "hasChildren(String... names): names must not contain null, but
   *     got [a, null]"
   */
  static void requireNoNulls(Object[] arguments, String method, String parameter) {
    requireNonNull(arguments, method, parameter);
    if (Arrays.asList(arguments).contains(null)) {
      throw new NullPointerException(
          method
              + ": "
              + parameter
              + " must not contain null, but got "
              + Arrays.toString(arguments));
    }
  }

  /**
   * Throws when {@code index} is negative.
   *
   * @throws IllegalArgumentException "link(int index): index must not be negative, but got -1"
   */
  static void requireIndex(int index, String method, String parameter) {
    if (index < 0) {
      throw new IllegalArgumentException(
          method + ": " + parameter + " must not be negative, but got " + index);
    }
  }
}
