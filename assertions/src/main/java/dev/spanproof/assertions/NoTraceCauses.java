package dev.spanproof.assertions;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.SpanLimitExceededException;
import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.UnownedSpan;
import dev.spanproof.core.sampling.SamplingRecord;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;

/**
 * Why a test captured no span at all: the usual causes, each checked against the harness, so the
 * failure says which one applies instead of leaving the user to guess.
 */
final class NoTraceCauses {

  /** Unowned and dropped spans listed by name; more are only counted. */
  private static final int MAX_LISTED = 3;

  private NoTraceCauses() {}

  /** The causes, one per line, each with its verdict and, where it applies, what to do. */
  static String of(CaptureSession session) {
    TracingHarness harness = session.harness();
    boolean sampled = session.spansDroppedBySampler() > 0;
    boolean global = harness.globalWasReadBeforeInstall();
    List<UnownedSpan> unowned = harness.unownedSpanReports();
    int unownedCount = unowned.size() + harness.unownedSpansNotKept();
    StringBuilder out =
        new StringBuilder("The usual causes:")
            .append("\n  - the sampler dropped the test's spans: ")
            .append(sampler(session, harness))
            .append(
                "\n  - the code under test took a no-op tracer from GlobalOpenTelemetry before the"
                    + " harness was installed: ")
            .append(global ? GLOBAL_READ_EARLY : "no")
            .append("\n  - the spans went to no test: ")
            .append(unowned(session, unowned, unownedCount));
    if (!sampled && !global && unownedCount == 0) {
      out.append(
          "\nNone of these applies: check that the code under test uses the OpenTelemetry"
              + " the extension injects, or installs it globally (installGlobal()), and that it"
              + " starts its spans while the test runs.");
    }
    return out.toString();
  }

  private static final String GLOBAL_READ_EARLY =
      "yes, GlobalOpenTelemetry.get() was called before the harness was installed, so code that"
          + " took its tracer then (e.g. in a static field) keeps a no-op one; take it after the"
          + " extension has run (in the test or a @BeforeEach), or inject OpenTelemetry";

  private static String sampler(CaptureSession session, TracingHarness harness) {
    int dropped = session.spansDroppedBySampler();
    if (dropped == 0) {
      return "no, " + harness.samplerDescription() + " dropped none";
    }
    return "yes, "
        + harness.samplerDescription()
        + " dropped "
        + (dropped == 1 ? "its span" : "all " + dropped + " of them")
        + droppedNames(session)
        + "; sample every span in tests (Sampler.alwaysOn()), or assert on the sampling"
        + " decisions instead (assertThatSamplingDecisions())";
  }

  /** " (processOrder, validateInventory, … 4 more)": the first dropped spans' names. */
  private static String droppedNames(CaptureSession session) {
    List<String> names;
    try {
      names =
          session.samplingDecisions().stream()
              .filter(record -> record.decision() == SamplingDecision.DROP)
              .map(SamplingRecord::spanName)
              .toList();
    } catch (SpanLimitExceededException e) {
      // Past the limit the decisions were not all kept; the count above still holds.
      return "";
    }
    if (names.isEmpty()) {
      return "";
    }
    String listed = String.join(", ", names.subList(0, Math.min(MAX_LISTED, names.size())));
    return " ("
        + listed
        + (names.size() > MAX_LISTED ? ", … " + (names.size() - MAX_LISTED) + " more" : "")
        + ")";
  }

  private static String unowned(
      CaptureSession session, List<UnownedSpan> unowned, int unownedCount) {
    if (unownedCount == 0) {
      return "no, every span the harness captured belongs to a test";
    }
    StringBuilder out =
        new StringBuilder("yes, ")
            .append(Layout.count(unownedCount, "span was", "spans were"))
            .append(" started without a test's context (on a thread it was not passed to?):");
    for (UnownedSpan span : unowned.subList(0, Math.min(MAX_LISTED, unowned.size()))) {
      out.append("\n      span [")
          .append(span.name())
          .append("] on thread ")
          .append(span.threadName());
      span.likelyTest()
          .filter(test -> test.equals(session.name()))
          .ifPresent(test -> out.append(", most likely lost by this test"));
    }
    if (unownedCount > MAX_LISTED) {
      out.append("\n      … and ").append(unownedCount - MAX_LISTED).append(" more");
    }
    return out.append(
            "\n    Pass the context along, e.g. with Context.taskWrapping(executor) or"
                + " Context.current().wrap(task).")
        .toString();
  }
}
