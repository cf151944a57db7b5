package dev.spanproof.assertions;

import static dev.spanproof.assertions.Arguments.requireNonNull;

import dev.spanproof.core.sampling.TailSampling;
import dev.spanproof.core.sampling.TailSamplingDecision;
import dev.spanproof.core.trace.Trace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what the Collector's tail sampling, simulated by a {@link TailSampling}, does with
 * a whole suite of traces, captured or generated; obtain it with {@link
 * TracesAssert#whenTailSampledBy(TailSampling)}. Every trace is decided once, in order, when this
 * assert is created (rate limits depend on that order).
 *
 * <pre>{@code
 * assertThatTraces(spans)
 *     .whenTailSampledBy(TailSampling.fromCollectorYaml(collectorConfig))
 *     .keepsAll("with an error", trace -> !trace.spansMatching(
 *         span -> span.span().getStatus().getStatusCode() == StatusCode.ERROR).isEmpty())
 *     .keepsAll("slower than 1 s", trace -> trace.duration().toMillis() > 1000)
 *     .keepsAboutPercentOfTheRest(5);
 * }</pre>
 *
 * <p>"About" is within 4 standard deviations of the binomial count: a correct configuration fails
 * about one run in 16,000, a wrong percentage fails as soon as the traces are many.
 */
public class TailSampledTracesAssert extends AbstractAssert<TailSampledTracesAssert, List<Trace>> {

  private final List<TailSamplingDecision> decisions = new ArrayList<>();
  private final Set<Integer> described = new LinkedHashSet<>();
  private final List<String> descriptions = new ArrayList<>();
  private SoftGate gate = SoftGate.HARD;

  TailSampledTracesAssert(List<Trace> traces, TailSampling sampling, SoftGate softGate) {
    super(traces, TailSampledTracesAssert.class);
    this.gate = softGate;
    if (traces != null && !softGate.skipsChecks()) {
      for (Trace trace : traces) {
        decisions.add(TailSamplingChecks.decide(sampling, trace));
      }
    }
  }

  /**
   * Verifies every trace that {@code which} selects is kept, e.g. {@code keepsAll("with an error",
   * …)}. The selected traces are not "the rest" for {@link #keepsAboutPercentOfTheRest(double)}.
   *
   * @param description what the selected traces are, for the failure message
   * @param which selects the traces
   * @return this assertion object
   */
  public TailSampledTracesAssert keepsAll(String description, Predicate<Trace> which) {
    String method = "keepsAll(String description, Predicate<Trace> which)";
    requireNonNull(description, method, "description");
    requireNonNull(which, method, "which");
    return check(
        () ->
            TailSamplingChecks.keepsAll(
                actual, decisions, description, select(description, which)));
  }

  /**
   * Verifies no trace that {@code which} selects is kept, e.g. {@code dropsAll("of health checks",
   * …)}. The selected traces are not "the rest" for {@link #keepsAboutPercentOfTheRest(double)}.
   *
   * @param description what the selected traces are, for the failure message
   * @param which selects the traces
   * @return this assertion object
   */
  public TailSampledTracesAssert dropsAll(String description, Predicate<Trace> which) {
    String method = "dropsAll(String description, Predicate<Trace> which)";
    requireNonNull(description, method, "description");
    requireNonNull(which, method, "which");
    return check(
        () ->
            TailSamplingChecks.dropsAll(
                actual, decisions, description, select(description, which)));
  }

  /**
   * Verifies about {@code percent} % of the traces not selected by an earlier {@link
   * #keepsAll(String, Predicate)} or {@link #dropsAll(String, Predicate)} are kept (all traces if
   * there was none): within 4 standard deviations of the binomial count.
   *
   * @param percent the expected share, e.g. 5 for a {@code probabilistic} policy at 5 %
   * @return this assertion object
   * @throws IllegalArgumentException if {@code percent} is not between 0 and 100
   */
  public TailSampledTracesAssert keepsAboutPercentOfTheRest(double percent) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException(
          "keepsAboutPercentOfTheRest(double percent): percent must be between 0 and 100, but got "
              + percent);
    }
    return check(
        () -> {
          List<Integer> rest =
              IntStream.range(0, actual.size())
                  .filter(i -> !described.contains(i))
                  .boxed()
                  .toList();
          String restName =
              descriptions.isEmpty()
                  ? "the traces"
                  : "the other traces (not " + String.join(", not ", descriptions) + ")";
          return TailSamplingChecks.keepsAboutPercent(decisions, percent, rest, restName);
        });
  }

  private List<Integer> select(String description, Predicate<Trace> which) {
    List<Integer> selected =
        IntStream.range(0, actual.size()).filter(i -> which.test(actual.get(i))).boxed().toList();
    described.addAll(selected);
    descriptions.add(description);
    return selected;
  }

  private TailSampledTracesAssert check(Supplier<Optional<Failure>> check) {
    if (gate.skipsChecks()) {
      return myself;
    }
    isNotNull();
    Optional<Failure> failure = check.get();
    if (failure.isPresent()) {
      AssertionError error =
          failureWithActualExpected(
              failure.get().actual(),
              failure.get().expected(),
              gate.messageFormat("%s"),
              failure.get().message());
      return gate.navigationFailed(error, () -> myself);
    }
    return myself;
  }
}
