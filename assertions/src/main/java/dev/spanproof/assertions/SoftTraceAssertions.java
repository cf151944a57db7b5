package dev.spanproof.assertions;

import java.util.function.Consumer;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Collects every trace and span assertion failure and reports them together, like AssertJ's {@code
 * SoftAssertions}.
 *
 * <pre>{@code
 * SoftTraceAssertions softly = new SoftTraceAssertions();
 * softly.assertThatTrace().span("validateInventory").hasStatus(OK);
 * softly.assertThatTrace().span("processPayment").hasKind(CLIENT);
 * softly.assertAll(); // one error listing both failures, each with its tree
 * }</pre>
 */
public class SoftTraceAssertions extends AbstractSoftAssertions
    implements TraceSoftAssertionsProvider {

  /** Creates an empty collector. */
  public SoftTraceAssertions() {}

  /**
   * Runs {@code softly} and then fails with every failure it collected.
   *
   * @param softly the assertions to run
   */
  public static void assertSoftly(Consumer<SoftTraceAssertions> softly) {
    SoftAssertionsProvider.assertSoftly(SoftTraceAssertions.class, softly);
  }
}
