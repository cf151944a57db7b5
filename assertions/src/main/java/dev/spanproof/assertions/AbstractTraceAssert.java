package dev.spanproof.assertions;

import static dev.spanproof.assertions.Arguments.requireNoNulls;
import static dev.spanproof.assertions.Arguments.requireNonNull;

import dev.spanproof.core.lint.TraceLint;
import dev.spanproof.core.sampling.TailSampling;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one {@link Trace}: its roots, its shape, its span counts, and navigation to its
 * spans. Every failure draws the trace as a tree and marks the spans it is about.
 *
 * <p>Extend this class, together with {@link AbstractSpanAssert}, to add domain assertions that
 * keep chaining: {@link #root()} and {@link #span(String)} return the span assert that {@link
 * #newSpanAssert(SpanNode)} creates. {@link TraceAssert} and {@link SpanAssert} are the ready-made
 * pair.
 *
 * <p>Every argument is required: a null one throws a {@link NullPointerException} naming it, also
 * inside soft assertions, since it is a mistake in the test rather than a failed check.
 *
 * <p>For the JUnit extension's strict assertion mode, which reports the spans no assertion touched,
 * a span is touched when the test gets a span assert on it ({@link #span(String)}, {@link #root()},
 * {@code child}, {@code parent}, ...) or when {@link #hasRoot(String)}, {@link
 * #hasSpanNamed(String)}, {@link #hasSpansNamed(String, int)}, {@link #hasStructure(ExpectedSpan)}
 * or {@link #hasStructureInOrder(ExpectedSpan)} pass naming it. Checks that name no span (counts,
 * depth, lint, semantic conventions) touch nothing.
 *
 * @param <SELF> the concrete trace assert type, returned by every assertion so that calls chain
 * @param <SPAN> the span assert type that navigation returns
 */
public abstract class AbstractTraceAssert<
        SELF extends AbstractTraceAssert<SELF, SPAN>, SPAN extends AbstractSpanAssert<SPAN, SELF>>
    extends AbstractAssert<SELF, Trace> {

  private final AssertedSpans asserted = AssertedSpans.ofCurrentSession();
  private SoftGate gate = SoftGate.HARD;
  private List<String> shownAttributes = Layout.KEY_ATTRIBUTES;

  /**
   * Creates an assert on {@code actual}.
   *
   * @param actual the trace, may be null (every assertion then fails)
   * @param selfType the concrete assert class
   */
  protected AbstractTraceAssert(Trace actual, Class<?> selfType) {
    super(actual, selfType);
    // Spans and traces read well in spanproof's messages without registering globally.
    info.useRepresentation(SpanRepresentation.SPAN_REPRESENTATION);
  }

  /**
   * Creates the span assert that navigation ({@link #root()}, {@link #span(String)}, and from there
   * {@code child}, {@code parent}) returns, e.g. {@code return new OrderSpanAssert(span);}. Under
   * soft assertions it is proxied, so its class needs a public constructor taking the {@link
   * SpanNode}, as {@link SpanAssert} has.
   *
   * @param span the span navigated to; null after a failed soft navigation
   * @return a new, unconfigured span assert
   */
  protected abstract SPAN newSpanAssert(SpanNode span);

  /** Sets how this assert reports and which attributes its failures draw. */
  void attach(SoftGate softGate, List<String> attributes) {
    this.gate = softGate;
    this.shownAttributes = attributes;
  }

  /**
   * Also draws these attributes on the spans of the trees in failure messages (besides the key
   * HTTP, database, messaging and RPC attributes, which are always drawn).
   *
   * @param keys attribute keys, e.g. {@code "order.id"}
   * @return this assertion object
   */
  public SELF showingAttributes(String... keys) {
    requireNoNulls(keys, "showingAttributes(String... keys)", "keys");
    shownAttributes = Layout.union(shownAttributes, Arrays.asList(keys));
    return myself;
  }

  /**
   * Verifies the trace has exactly one root, a true root (not an orphan), named {@code name}.
   *
   * @param name the expected root span name
   * @return this assertion object
   */
  public SELF hasRoot(String name) {
    requireNonNull(name, "hasRoot(String name)", "name");
    return check(trace -> TraceShapeChecks.hasRoot(trace, name), Trace::roots);
  }

  /**
   * Verifies the trace has exactly one span without a parent in it: no orphans and no spans that
   * continue a second remote parent.
   *
   * @return this assertion object
   */
  public SELF hasSingleRoot() {
    return check(TraceShapeChecks::hasSingleRoot);
  }

  /**
   * Verifies no span names a local parent that is missing from the trace (a parent that was never
   * ended, or whose context was lost).
   *
   * @return this assertion object
   */
  public SELF hasNoOrphans() {
    return check(TraceShapeChecks::hasNoOrphans);
  }

  /**
   * Verifies the trace has {@code expected} spans.
   *
   * @param expected the expected number of spans
   * @return this assertion object
   */
  public SELF hasSpanCount(int expected) {
    return check(trace -> TraceShapeChecks.hasSpanCount(trace, expected));
  }

  /**
   * Verifies the trace has {@code expected} spans named {@code name}, anywhere in the tree.
   *
   * @param name the span name
   * @param expected how many spans should have it
   * @return this assertion object
   */
  public SELF hasSpansNamed(String name, int expected) {
    requireNonNull(name, "hasSpansNamed(String name, int expected)", "name");
    return check(
        trace -> TraceShapeChecks.hasSpansNamed(trace, name, expected),
        trace -> trace.spansNamed(name));
  }

  /**
   * Verifies the trace has at least one span named {@code name}; on failure, lists the closest
   * names.
   *
   * @param name the span name
   * @return this assertion object
   */
  public SELF hasSpanNamed(String name) {
    requireNonNull(name, "hasSpanNamed(String name)", "name");
    return check(
        trace -> TraceShapeChecks.hasSpanNamed(trace, name), trace -> trace.spansNamed(name));
  }

  /**
   * Verifies no span of the trace is named {@code name}.
   *
   * @param name the span name
   * @return this assertion object
   */
  public SELF hasNoSpanNamed(String name) {
    requireNonNull(name, "hasNoSpanNamed(String name)", "name");
    return check(trace -> TraceShapeChecks.hasNoSpanNamed(trace, name));
  }

  /**
   * Verifies the tree has {@code expected} levels: 1 for a single span, 2 for a root with children.
   *
   * @param expected the expected depth
   * @return this assertion object
   */
  public SELF hasDepth(int expected) {
    return check(trace -> TraceShapeChecks.hasDepth(trace, expected));
  }

  /**
   * Verifies the trace id.
   *
   * @param expected 32 lowercase hex characters
   * @return this assertion object
   */
  public SELF hasTraceId(String expected) {
    requireNonNull(expected, "hasTraceId(String expected)", "expected");
    return check(trace -> TraceShapeChecks.hasTraceId(trace, expected));
  }

  /**
   * Verifies the trace is exactly this tree of names, with each span's children in any order. The
   * trace must have a single root and no spans beyond the expected ones.
   *
   * <pre>{@code
   * assertThatTrace().hasStructure(
   *     span("processOrder", span("validateInventory"), span("processPayment")));
   * }</pre>
   *
   * @param expected the expected tree, built with {@link TraceAssertions#span(String,
   *     ExpectedSpan...)}
   * @return this assertion object
   */
  public SELF hasStructure(ExpectedSpan expected) {
    requireNonNull(
        expected, "hasStructure(ExpectedSpan expected)", "expected", Layout.STRUCTURE_HINT);
    return check(
        trace -> TraceShapeChecks.hasStructure(trace, expected, StructureMatcher.unordered()),
        Trace::spans);
  }

  /**
   * Like {@link #hasStructure(ExpectedSpan)}, and siblings must also have started in the given
   * order.
   *
   * @param expected the expected tree, built with {@link TraceAssertions#span(String,
   *     ExpectedSpan...)}
   * @return this assertion object
   */
  public SELF hasStructureInOrder(ExpectedSpan expected) {
    requireNonNull(
        expected, "hasStructureInOrder(ExpectedSpan expected)", "expected", Layout.STRUCTURE_HINT);
    return check(
        trace -> TraceShapeChecks.hasStructure(trace, expected, StructureMatcher.ordered()),
        Trace::spans);
  }

  /**
   * Verifies the trace has the shape stored in a golden file: the same span names, kinds, statuses,
   * parent/child tree and {@linkplain GoldenTraceOptions#defaults() key attributes}, whatever the
   * ids, timestamps and durations, and with siblings in any order. On a mismatch the message shows
   * a diff of the two trees. A missing file fails, saying how to create it: run the tests with
   * {@code -Dspanproof.golden.update=true}, which writes (or rewrites) the file from the actual
   * trace instead of comparing.
   *
   * <pre>{@code
   * assertThatTrace().matchesGoldenFile(Path.of("src/test/resources/golden/checkout.trace"));
   * }</pre>
   *
   * @param goldenFile the golden file; a relative path resolves against the working directory (the
   *     module's directory under Maven)
   * @return this assertion object
   * @throws java.io.UncheckedIOException if the file exists but cannot be read, or cannot be
   *     written in update mode
   */
  public SELF matchesGoldenFile(Path goldenFile) {
    return matchesGoldenFile(goldenFile, GoldenTraceOptions.defaults());
  }

  /**
   * Like {@link #matchesGoldenFile(Path)}, comparing the attributes and sibling order {@code
   * options} name, e.g. {@code GoldenTraceOptions.defaults().withAttributes("order.id")}.
   *
   * @param goldenFile the golden file
   * @param options what to compare besides names, kinds, statuses and the tree
   * @return this assertion object
   * @throws java.io.UncheckedIOException if the file exists but cannot be read, or cannot be
   *     written in update mode
   */
  public SELF matchesGoldenFile(Path goldenFile, GoldenTraceOptions options) {
    String method = "matchesGoldenFile(Path goldenFile, GoldenTraceOptions options)";
    requireNonNull(goldenFile, method, "goldenFile");
    requireNonNull(options, method, "options");
    return check(trace -> GoldenChecks.matchesGoldenFile(trace, goldenFile, options));
  }

  /**
   * Verifies no span has more than {@code maxRepeats} children of the same name: the N+1 check,
   * e.g. {@code hasNoRepeatedSiblings(1)} fails when a request runs one query per order line.
   *
   * @param maxRepeats how many same-named children one span may have
   * @return this assertion object
   * @throws IllegalArgumentException if {@code maxRepeats} is less than 1
   */
  public SELF hasNoRepeatedSiblings(int maxRepeats) {
    if (maxRepeats < 1) {
      throw new IllegalArgumentException(
          "hasNoRepeatedSiblings(int maxRepeats): maxRepeats must be at least 1, but got "
              + maxRepeats);
    }
    return check(trace -> TraceShapeChecks.hasNoRepeatedSiblings(trace, maxRepeats));
  }

  /**
   * Verifies the trace avoids the pitfalls OpenTelemetry's guides warn about, with every {@link
   * dev.spanproof.core.lint.LintRule lint rule} at its default level: broken propagation (orphans,
   * several roots, consumers cut off from their producer), errors without a reason, exceptions on
   * spans that do not say they failed, high-cardinality span names, secrets in attributes, and N+1
   * calls. Fails on violations, listing every finding under the drawn trace with the offending
   * spans marked; findings of a lower level are listed too, but do not fail.
   *
   * @return this assertion object
   */
  public SELF passesLint() {
    return check(trace -> LintChecks.passesLint(trace, TraceLint.defaults()));
  }

  /**
   * Like {@link #passesLint()}, with the rules, levels and limits of {@code lint}, e.g. {@code
   * passesLint(TraceLint.defaults().without("n_plus_one").expectingRemoteParents())}.
   *
   * @param lint the lint configuration, starting from {@link TraceLint#defaults()}
   * @return this assertion object
   */
  public SELF passesLint(TraceLint lint) {
    requireNonNull(lint, "passesLint(TraceLint lint)", "lint");
    return check(trace -> LintChecks.passesLint(trace, lint));
  }

  /**
   * Verifies the trace, from its earliest start to its latest end, took at most {@code max}.
   *
   * @param max the longest acceptable duration
   * @return this assertion object
   */
  public SELF hasDurationAtMost(Duration max) {
    requireNonNull(max, "hasDurationAtMost(Duration max)", "max");
    return check(trace -> TimingChecks.hasDurationAtMost(trace, max));
  }

  /**
   * Verifies the Collector's tail sampling, configured as {@code tailSampling}, keeps this trace.
   * The failure shows each policy's verdict and why. Spans are decided in the order they ended, as
   * an SDK exports them.
   *
   * @param tailSampling the processor, e.g. {@code TailSampling.fromCollectorYaml(config)}
   * @return this assertion object
   */
  public SELF isKeptBy(TailSampling tailSampling) {
    requireNonNull(tailSampling, "isKeptBy(TailSampling tailSampling)", "tailSampling");
    return check(trace -> TailSamplingChecks.isKeptBy(trace, tailSampling));
  }

  /**
   * Verifies the Collector's tail sampling, configured as {@code tailSampling}, does not keep this
   * trace (a drop policy discards it, or no policy samples it). The failure shows each policy's
   * verdict and why.
   *
   * @param tailSampling the processor, e.g. {@code TailSampling.fromCollectorYaml(config)}
   * @return this assertion object
   */
  public SELF isDroppedBy(TailSampling tailSampling) {
    requireNonNull(tailSampling, "isDroppedBy(TailSampling tailSampling)", "tailSampling");
    return check(trace -> TailSamplingChecks.isDroppedBy(trace, tailSampling));
  }

  /**
   * Navigates to the trace's single root span.
   *
   * @return an assert on the root, with {@link AbstractSpanAssert#returnToTrace()} leading back
   *     here
   */
  @CheckReturnValue
  public SPAN root() {
    return navigate(TreeChecks::singleRoot);
  }

  /**
   * Navigates to the unique span named {@code name}. Fails listing the closest names when there is
   * none; when there are several, marks each one and says how to pick it: by an attribute that
   * tells them apart ({@link #spanWithAttribute(String, String, Object)}) or by its position under
   * its parent ({@link AbstractSpanAssert#child(String, int)}).
   *
   * @param name the span name
   * @return an assert on that span, with {@link AbstractSpanAssert#returnToTrace()} leading back
   *     here
   */
  @CheckReturnValue
  public SPAN span(String name) {
    requireNonNull(name, "span(String name)", "name");
    return navigate(trace -> TreeChecks.spanNamed(trace, name));
  }

  /**
   * Navigates to the unique span named {@code name} whose attribute {@code key} equals {@code
   * value}: picks one of several same-named spans. Values compare as in {@link
   * AbstractSpanAssert#hasAttribute(String, Object)}.
   *
   * @param name the span name
   * @param key the attribute that tells the spans apart, e.g. {@code "messaging.message.id"}
   * @param value its value on the wanted span
   * @return an assert on that span, with {@link AbstractSpanAssert#returnToTrace()} leading back
   *     here
   */
  @CheckReturnValue
  public SPAN spanWithAttribute(String name, String key, Object value) {
    String method = "spanWithAttribute(String name, String key, Object value)";
    requireNonNull(name, method, "name");
    requireNonNull(key, method, "key");
    requireNonNull(value, method, "value");
    return navigate(trace -> TreeChecks.spanWithAttribute(trace, name, key, value));
  }

  /**
   * Navigates to the unique span named {@code name} whose typed attribute {@code key} equals {@code
   * value}: picks one of several same-named spans.
   *
   * @param name the span name
   * @param key the attribute that tells the spans apart, e.g. {@code
   *     MessagingIncubatingAttributes.MESSAGING_MESSAGE_ID}
   * @param value its value on the wanted span
   * @param <T> the attribute's type
   * @return an assert on that span, with {@link AbstractSpanAssert#returnToTrace()} leading back
   *     here
   */
  @CheckReturnValue
  public <T> SPAN spanWithAttribute(String name, AttributeKey<T> key, T value) {
    String method = "spanWithAttribute(String name, AttributeKey<T> key, T value)";
    requireNonNull(name, method, "name");
    requireNonNull(key, method, "key");
    requireNonNull(value, method, "value");
    return navigate(trace -> TreeChecks.spanWithAttribute(trace, name, key.getKey(), value));
  }

  // ---------------------------------------------------------------------------------------------
  // Semantic conventions

  /**
   * Verifies every span of the trace follows the OpenTelemetry semantic conventions of its type
   * (HTTP client or server, database client, RPC, gRPC, messaging), detected from its kind and
   * attributes; spans of no such type are only checked for deprecated attributes. Fails on
   * violations, listing every finding under the drawn trace with the offending spans marked;
   * improvements are listed, not failed. Database client spans are judged by the stable
   * conventions.
   *
   * @return this assertion object
   */
  public SELF conformsToSemanticConventions() {
    return conformsToSemanticConventions(SemanticConventionOptions.defaults());
  }

  /**
   * Verifies every span of the trace follows the semantic conventions of its type, judged as {@code
   * options} say (database names expected, levels that fail).
   *
   * @param options e.g. {@code SemanticConventionOptions.defaults().databaseConventions(OLD)}
   * @return this assertion object
   */
  public SELF conformsToSemanticConventions(SemanticConventionOptions options) {
    requireNonNull(
        options, "conformsToSemanticConventions(SemanticConventionOptions options)", "options");
    return check(trace -> SemanticConventionChecks.conforms(trace, options));
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing: the soft gate, the failure renderer, and the span asserts navigation creates.

  /** Runs {@code check} on the trace unless the gate skips it; throws what it finds wrong. */
  private SELF check(Function<Trace, Optional<Failure>> check) {
    return check(check, trace -> List.of());
  }

  /**
   * Runs {@code check} like {@link #check(Function)}; when it passes, the spans it {@code named}
   * count as touched for strict assertion mode.
   */
  private SELF check(
      Function<Trace, Optional<Failure>> check, Function<Trace, List<SpanNode>> named) {
    if (gate.skipsChecks()) {
      return myself;
    }
    isNotNull();
    Optional<Failure> failure = check.apply(actual);
    if (failure.isPresent()) {
      throw failure(failure.get());
    }
    asserted.touch(named.apply(actual));
    return myself;
  }

  private SPAN navigate(Function<Trace, Lookup<SpanNode>> lookup) {
    if (gate.skipsChecks()) {
      return unresolvedSpan();
    }
    isNotNull();
    Lookup<SpanNode> found = lookup.apply(actual);
    if (found.isFound()) {
      return spanAssert(found.found());
    }
    return gate.navigationFailed(failure(found.failure()), this::unresolvedSpan);
  }

  private AssertionError failure(Failure failure) {
    return failureWithActualExpected(
        failure.actual(),
        failure.expected(),
        "%s",
        Layout.describe(failure, actual, shownAttributes));
  }

  /** An assert on {@code node}, reporting like this one and leading back here. */
  SPAN spanAssert(SpanNode node) {
    SPAN span = gate.wrap(newSpanAssert(node), SpanNode.class, node);
    span.attach(myself, gate);
    return span;
  }

  /** After a failed soft navigation: a span assert that checks nothing. */
  SPAN unresolvedSpan() {
    SPAN span = gate.wrap(newSpanAssert(null), SpanNode.class, null);
    span.attach(myself, gate.unresolved());
    return span;
  }

  Trace actualTrace() {
    return actual;
  }

  List<String> shownAttributes() {
    return shownAttributes;
  }

  /** Soft failures start on a line of their own, below AssertJ's "-- failure 1 --". */
  @Override
  protected AssertionError failureWithActualExpected(
      Object actualValue, Object expectedValue, String format, Object... arguments) {
    return super.failureWithActualExpected(
        actualValue, expectedValue, gate.messageFormat(format), arguments);
  }

  /** Soft failures start on a line of their own, below AssertJ's "-- failure 1 --". */
  @Override
  protected AssertionError failure(String format, Object... arguments) {
    return super.failure(gate.messageFormat(format), arguments);
  }
}
