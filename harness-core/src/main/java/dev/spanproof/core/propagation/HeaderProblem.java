package dev.spanproof.core.propagation;

import java.util.Objects;

/**
 * One broken rule found in a request's trace-context or baggage headers: the header it is about,
 * what kind of rule it breaks, and the sentence that explains it. The sentences are those of {@code
 * problems()}; this type lets code tell problems apart without reading them.
 */
public final class HeaderProblem {

  /** What kind of rule a header breaks. */
  public enum Kind {
    /** A header the format needs was not received. */
    MISSING,
    /** A header that must occur once occurs several times. */
    REPEATED,
    /** A header was received with a {@code null} value. */
    NULL_VALUE,
    /** The value does not have the format's structure: fields, separators, version, encoding. */
    MALFORMED,
    /** A field or key has the wrong number of characters. */
    WRONG_LENGTH,
    /** A field, key or value contains a character its rule does not allow. */
    INVALID_CHARACTER,
    /** An id is all zeros, which no receiver continues. */
    ZERO_ID,
    /** Trace-flags set bits the format reserves. */
    RESERVED_FLAGS,
    /** A sampling state the format does not define. */
    INVALID_SAMPLING,
    /** More list-members than the format allows. */
    TOO_MANY_MEMBERS,
    /** A key occurs in several list-members. */
    DUPLICATE_KEY,
    /** A header contradicts another header of the request, or is meaningless without it. */
    INCONSISTENT,
    /**
     * Two trace-context formats of the request disagree; {@link #header()} names the first of them.
     */
    FORMATS_DISAGREE
  }

  private final String header;
  private final Kind kind;
  private final String message;

  HeaderProblem(String header, Kind kind, String message) {
    this.header = header;
    this.kind = kind;
    this.message = message;
  }

  /**
   * The header the problem is about, as the format spells it ({@code traceparent}, {@code
   * X-B3-SpanId}), or {@code X-B3-*} when none of the B3 multiple headers was received.
   */
  public String header() {
    return header;
  }

  /** What kind of rule the header breaks. */
  public Kind kind() {
    return kind;
  }

  /**
   * The sentence naming the header, the offending part and the rule, as {@code problems()} has it.
   */
  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HeaderProblem problem
        && header.equals(problem.header)
        && kind == problem.kind
        && message.equals(problem.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(header, kind, message);
  }

  /** The kind followed by the message. */
  @Override
  public String toString() {
    return kind + ": " + message;
  }
}
