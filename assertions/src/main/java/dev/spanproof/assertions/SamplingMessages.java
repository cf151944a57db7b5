package dev.spanproof.assertions;

import static dev.spanproof.assertions.Layout.expecting;
import static dev.spanproof.assertions.Layout.span;

import dev.spanproof.core.sampling.SamplingRecord;
import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Failure messages about head-sampling decisions. */
final class SamplingMessages {

  private SamplingMessages() {}

  /**
   * "Expecting span [x] to be sampled / not to be sampled", then the decision the span shows: by
   * the sampler that made it when the current test recorded it, else by the span's trace flags.
   */
  static String shouldBeSampled(SpanNode node, boolean expected) {
    SamplingDecision wanted =
        expected ? SamplingDecision.RECORD_AND_SAMPLE : SamplingDecision.RECORD_ONLY;
    String expectation = expected ? "be sampled" : "be recorded but not sampled";
    Optional<SamplingRecord> decision = HeadDecisions.of(node.span());
    if (decision.isPresent()) {
      SamplingRecord record = decision.get();
      return expecting(
          span(node),
          expectation,
          wanted,
          record.samplerDescription() + " decided",
          record.decision() + " (" + record.describeParent() + ")");
    }
    return expecting(
        span(node),
        expectation,
        wanted,
        "its trace flags are " + node.span().getSpanContext().getTraceFlags().asHex(),
        expected ? SamplingDecision.RECORD_ONLY : SamplingDecision.RECORD_AND_SAMPLE);
  }

  /** What a test expects of a span, e.g. "be dropped by the sampler". */
  static String expectation(SamplingDecision decision) {
    return switch (decision) {
      case DROP -> "be dropped by the sampler";
      case RECORD_ONLY -> "be recorded but not sampled";
      case RECORD_AND_SAMPLE -> "be sampled";
    };
  }

  static String shouldHaveAskedAbout(
      String spanName, SamplingDecision expected, String source, List<SamplingRecord> decisions) {
    Set<String> names = new LinkedHashSet<>();
    decisions.forEach(record -> names.add(record.spanName()));
    return expecting(
            span(spanName),
            expectation(expected),
            expected,
            "the sampler was never asked about a span of that name in "
                + source
                + "; it decided on",
            names.isEmpty() ? "no span at all" : String.join(", ", names))
        + list(source, decisions, record -> null);
  }

  static String shouldHaveDecided(
      String spanName,
      SamplingDecision expected,
      int spansOfThatName,
      List<SamplingRecord> wrong,
      String source,
      List<SamplingRecord> decisions) {
    String decided =
        wrong.get(0).samplerDescription()
            + " decided"
            + (spansOfThatName == 1
                ? ""
                : ", for " + wrong.size() + " of its " + spansOfThatName + " spans");
    return expecting(
            span(spanName),
            expectation(expected),
            expected,
            decided,
            Layout.lines(
                wrong.stream()
                    .map(record -> record.decision() + " (" + record.describeParent() + ")")
                    .toList()))
        + list(source, decisions, record -> wrong.contains(record) ? "expected " + expected : null);
  }

  static String shouldFollowParents(
      boolean remote,
      int children,
      List<SamplingRecord> wrong,
      String source,
      List<SamplingRecord> decisions) {
    String which = remote ? "remote" : "local";
    String subject = "every span with a " + which + " parent in " + source;
    String expectation =
        remote
            ? "honour its remote parent's sampled flag"
            : "follow its parent's sampling decision";
    String expected = "sampled exactly when its parent is sampled";
    if (children == 0) {
      return expecting(
              subject,
              expectation,
              expected,
              "the sampler decided on no span with a " + which + " parent")
          + list(source, decisions, record -> null);
    }
    return expecting(
            subject,
            expectation,
            expected,
            wrong.size() + " of " + children + " did not",
            Layout.lines(
                wrong.stream()
                    .map(
                        record ->
                            record.spanName()
                                + ": "
                                + record.decision()
                                + ", "
                                + record.describeParent())
                    .toList()))
        + list(
            source,
            decisions,
            record -> wrong.contains(record) ? "does not follow its parent" : null);
  }

  static String shouldHaveSampledShare(String source, BinomialTolerance tolerance, int sampled) {
    String subject = "the traces of " + source;
    String expectation =
        String.format(
            Locale.ROOT,
            "be sampled at a share of %s, within %s standard deviations of the binomial count"
                + " (n = %d, sd = %.2f)",
            tolerance.probability(),
            tolerance.standardDeviations(),
            tolerance.trials(),
            tolerance.standardDeviation());
    if (tolerance.trials() == 0) {
      return expecting(
          subject,
          "be sampled at a share of " + tolerance.probability(),
          "at least one trace",
          "the sampler decided on no span without a parent: no trace started there");
    }
    return expecting(
        subject,
        expectation,
        tolerance.describeRange(),
        "the sampler sampled",
        String.format(
            Locale.ROOT,
            "%d of %d (%.4f), %.2f standard deviations from %.1f",
            sampled,
            tolerance.trials(),
            (double) sampled / tolerance.trials(),
            tolerance.deviationsOf(sampled),
            tolerance.mean()));
  }

  /**
   * The decisions, one a line, in order, each mark after its line: the first {@link
   * Layout#MAX_DRAWN_SPANS} and every marked one.
   */
  private static String list(
      String source, List<SamplingRecord> decisions, Function<SamplingRecord, String> marks) {
    StringBuilder out =
        new StringBuilder("\n\nSampling decisions of ")
            .append(source)
            .append(", in order (")
            .append(decisions.size())
            .append("):");
    int hidden = 0;
    for (int i = 0; i < decisions.size(); i++) {
      SamplingRecord record = decisions.get(i);
      String mark = marks.apply(record);
      if (i >= Layout.MAX_DRAWN_SPANS && mark == null) {
        hidden++;
        continue;
      }
      out.append("\n  ").append(record);
      if (mark != null) {
        out.append("  <-- ").append(mark);
      }
    }
    if (hidden > 0) {
      out.append("\n  … and ").append(hidden).append(" more");
    }
    return out.toString();
  }
}
