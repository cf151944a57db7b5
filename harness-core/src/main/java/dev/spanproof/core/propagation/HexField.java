package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.Headers.quote;

import dev.spanproof.core.propagation.HeaderProblem.Kind;
import java.util.function.IntPredicate;

/**
 * The rule for one lowercase-hex field of a trace-context header: the lengths it may have and
 * whether it may be all zeros. W3C Trace Context, B3 and Jaeger share the checks and the wording;
 * only the spec that states the rule and the consequence of a zero id differ.
 *
 * @param spec who states the rule, e.g. {@code "the W3C Trace Context spec"} or {@code "B3"}
 * @param name the field's name in messages, e.g. {@code "trace-id"}; empty when the header is the
 *     field
 * @param length the lengths the field may have
 * @param lengths those lengths in words, e.g. {@code "exactly 32"} or {@code "1 to 16"}
 * @param whenZero what follows the quoted value when it is all zeros; {@code null} when zeros are
 *     allowed
 */
record HexField(String spec, String name, IntPredicate length, String lengths, String whenZero) {

  /** A field of exactly {@code length} characters. */
  static HexField exactly(String spec, String name, int length, String whenZero) {
    return new HexField(spec, name, n -> n == length, "exactly " + length, whenZero);
  }

  /**
   * Reports a wrong length, a character that is not lowercase hex or a forbidden zero id, the first
   * that applies; returns whether the field is well-formed.
   */
  boolean check(String header, String value, Findings findings) {
    String subject = (name.isEmpty() ? "" : name + " ") + quote(value);
    if (!length.test(value.length())) {
      findings.problem(
          header,
          Kind.WRONG_LENGTH,
          subject
              + " has "
              + value.length()
              + " characters, but "
              + spec
              + " requires "
              + lengths
              + " lowercase hex characters");
      return false;
    }
    int bad = Headers.firstNonLowerHex(value);
    if (bad >= 0) {
      findings.problem(
          header,
          Kind.INVALID_CHARACTER,
          subject
              + " contains "
              + quote(value.charAt(bad))
              + ", but "
              + spec
              + " allows only lowercase hex characters (0-9, a-f)");
      return false;
    }
    if (whenZero != null && Headers.isAllZeros(value)) {
      findings.problem(header, Kind.ZERO_ID, subject + whenZero);
      return false;
    }
    return true;
  }
}
