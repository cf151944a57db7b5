package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AssertionErrorCollector;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Assertions on one {@link Trace}: its roots, its shape, its span counts, and navigation to its
 * spans. Every failure draws the trace as a tree and marks the spans it is about.
 *
 * <p>Extend this class (with {@code SELF} your own type) to add domain assertions that keep
 * chaining; {@link TraceAssert} is the ready-made leaf.
 *
 * @param <SELF> the concrete assert type, returned by every assertion so that calls chain
 */
public abstract class AbstractTraceAssert<SELF extends AbstractTraceAssert<SELF>>
    extends AbstractAssert<SELF, Trace> {

  private List<String> shownAttributes = Layout.KEY_ATTRIBUTES;
  private SoftAssertionsProvider softly;
  private boolean unresolved;

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
   * Also draws these attributes on the spans of the trees in failure messages (besides the key
   * HTTP, database, messaging and RPC attributes, which are always drawn).
   *
   * @param keys attribute keys, e.g. {@code "order.id"}
   * @return this assertion object
   */
  public SELF showingAttributes(String... keys) {
    if (keys == null) {
      throw failure("%s", "showingAttributes(String...) needs attribute keys, but got null");
    }
    List<String> all = new ArrayList<>(shownAttributes);
    for (String key : keys) {
      if (key == null) {
        throw failure(
            "%s", "showingAttributes(String...) needs attribute keys, but got null among them");
      }
      if (!all.contains(key)) {
        all.add(key);
      }
    }
    shownAttributes = List.copyOf(all);
    return myself;
  }

  /**
   * Verifies the trace has exactly one root, a true root (not an orphan), named {@code name}.
   *
   * @param name the expected root span name
   * @return this assertion object
   */
  public SELF hasRoot(String name) {
    if (skip()) {
      return myself;
    }
    requireArgument(name, "hasRoot(String)", "a span name");
    List<SpanNode> roots = actual.roots();
    SpanNode root = roots.get(0);
    if (roots.size() == 1 && !root.isOrphan() && root.name().equals(name)) {
      return myself;
    }
    throw traceFailure(
        roots.size() == 1 ? root.name() : Layout.names(roots),
        name,
        TraceMessages.shouldHaveRoot(actual, name),
        marks(
            roots,
            roots.size() > 1
                ? "one of " + roots.size() + " roots"
                : root.isOrphan()
                    ? "orphan, expected root [" + name + "]"
                    : "expected root [" + name + "]"));
  }

  /**
   * Verifies the trace has exactly one span without a parent in it: no orphans and no spans that
   * continue a second remote parent.
   *
   * @return this assertion object
   */
  public SELF hasSingleRoot() {
    if (skip()) {
      return myself;
    }
    if (actual.roots().size() != 1) {
      throw traceFailure(
          actual.roots().size(),
          1,
          TraceMessages.shouldHaveSingleRoot(actual),
          marks(actual.roots(), "one of " + actual.roots().size() + " roots"));
    }
    return myself;
  }

  /**
   * Verifies no span names a local parent that is missing from the trace (a parent that was never
   * ended, or whose context was lost).
   *
   * @return this assertion object
   */
  public SELF hasNoOrphans() {
    if (skip()) {
      return myself;
    }
    List<SpanNode> orphans = actual.orphans();
    if (!orphans.isEmpty()) {
      throw traceFailure(
          orphans.size(),
          0,
          TraceMessages.shouldHaveNoOrphans(actual, orphans),
          marks(orphans, "orphan"));
    }
    return myself;
  }

  /**
   * Verifies the trace has {@code expected} spans.
   *
   * @param expected the expected number of spans
   * @return this assertion object
   */
  public SELF hasSpanCount(int expected) {
    if (skip()) {
      return myself;
    }
    if (actual.spanCount() != expected) {
      throw traceFailure(
          actual.spanCount(),
          expected,
          TraceMessages.shouldHaveSpanCount(actual, expected),
          Map.of());
    }
    return myself;
  }

  /**
   * Verifies the trace has {@code expected} spans named {@code name}, anywhere in the tree.
   *
   * @param name the span name
   * @param expected how many spans should have it
   * @return this assertion object
   */
  public SELF hasSpansNamed(String name, int expected) {
    if (skip()) {
      return myself;
    }
    requireArgument(name, "hasSpansNamed(String, int)", "a span name");
    List<SpanNode> named = actual.spansNamed(name);
    if (named.size() != expected) {
      throw traceFailure(
          named.size(),
          expected,
          TraceMessages.shouldHaveSpansNamed(actual, name, expected, named.size()),
          marks(named, "named " + Layout.quote(name)));
    }
    return myself;
  }

  /**
   * Verifies the trace has at least one span named {@code name}; on failure, lists the closest
   * names.
   *
   * @param name the span name
   * @return this assertion object
   */
  public SELF hasSpanNamed(String name) {
    if (skip()) {
      return myself;
    }
    requireArgument(name, "hasSpanNamed(String)", "a span name");
    if (actual.spansNamed(name).isEmpty()) {
      throw missingSpan(name);
    }
    return myself;
  }

  /**
   * Verifies no span of the trace is named {@code name}.
   *
   * @param name the span name
   * @return this assertion object
   */
  public SELF hasNoSpanNamed(String name) {
    if (skip()) {
      return myself;
    }
    requireArgument(name, "hasNoSpanNamed(String)", "a span name");
    List<SpanNode> named = actual.spansNamed(name);
    if (!named.isEmpty()) {
      throw traceFailure(
          named.size(),
          0,
          TraceMessages.shouldNotHaveSpanNamed(actual, name, named),
          marks(named, "unexpected"));
    }
    return myself;
  }

  /**
   * Verifies the tree has {@code expected} levels: 1 for a single span, 2 for a root with children.
   *
   * @param expected the expected depth
   * @return this assertion object
   */
  public SELF hasDepth(int expected) {
    if (skip()) {
      return myself;
    }
    if (actual.depth() != expected) {
      List<SpanNode> deepest = actual.spansMatching(node -> node.depth() == actual.depth() - 1);
      throw traceFailure(
          actual.depth(),
          expected,
          TraceMessages.shouldHaveDepth(actual, expected),
          marks(deepest, "level " + actual.depth()));
    }
    return myself;
  }

  /**
   * Verifies the trace id.
   *
   * @param expected 32 lowercase hex characters
   * @return this assertion object
   */
  public SELF hasTraceId(String expected) {
    if (skip()) {
      return myself;
    }
    requireArgument(expected, "hasTraceId(String)", "a trace id");
    if (!actual.traceId().equals(expected)) {
      throw traceFailure(
          actual.traceId(), expected, TraceMessages.shouldHaveTraceId(actual, expected), Map.of());
    }
    return myself;
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
    return checkStructure(expected, StructureMatcher.unordered(), "hasStructure(ExpectedSpan)");
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
    return checkStructure(
        expected, StructureMatcher.ordered(), "hasStructureInOrder(ExpectedSpan)");
  }

  private SELF checkStructure(ExpectedSpan expected, StructureMatcher matcher, String method) {
    if (skip()) {
      return myself;
    }
    requireArgument(expected, method, "an expected tree, e.g. span(\"root\", span(\"child\"))");
    boolean ordered = matcher.isOrdered();
    List<SpanNode> roots = actual.roots();
    if (roots.size() != 1) {
      throw traceFailure(
          render(Map.of()),
          expected.toString(),
          TraceMessages.shouldHaveStructure(
              actual,
              expected,
              ordered,
              "it has " + roots.size() + " roots " + Layout.names(roots)),
          marks(roots, "one of " + roots.size() + " roots"));
    }
    if (!matcher.matches(expected, roots.get(0))) {
      StructureMatcher.Mismatch mismatch = matcher.explain(expected, roots.get(0));
      throw traceFailure(
          render(Map.of()),
          expected.toString(),
          TraceMessages.shouldHaveStructure(
              actual,
              expected,
              ordered,
              "at " + Layout.span(mismatch.node()) + ": " + mismatch.note()),
          Map.of(mismatch.node(), mismatch.note()));
    }
    return myself;
  }

  /**
   * Verifies no span has more than {@code maxRepeats} children of the same name: the N+1 check,
   * e.g. {@code hasNoRepeatedSiblings(1)} fails when a request runs one query per order line.
   *
   * @param maxRepeats how many same-named children one span may have
   * @return this assertion object
   */
  public SELF hasNoRepeatedSiblings(int maxRepeats) {
    if (skip()) {
      return myself;
    }
    if (maxRepeats < 1) {
      throw failure(
          "%s", "hasNoRepeatedSiblings(int) needs a limit of at least 1, but got " + maxRepeats);
    }
    List<String> offenders = new ArrayList<>();
    Map<SpanNode, String> marks = new LinkedHashMap<>();
    List<List<SpanNode>> levels = new ArrayList<>();
    levels.add(actual.roots());
    for (SpanNode node : actual.spans()) {
      levels.add(node.children());
    }
    for (List<SpanNode> siblings : levels) {
      Map<String, List<SpanNode>> byName = new LinkedHashMap<>();
      for (SpanNode sibling : siblings) {
        byName.computeIfAbsent(sibling.name(), n -> new ArrayList<>()).add(sibling);
      }
      byName.forEach(
          (name, same) -> {
            if (same.size() > maxRepeats) {
              SpanNode first = same.get(0);
              String under = first.parent().map(Layout::span).orElse("the trace's roots");
              offenders.add(same.size() + " x " + Layout.span(first) + " under " + under);
              marks.put(first, same.size() + " x " + Layout.quote(name) + " here and below");
            }
          });
    }
    if (!offenders.isEmpty()) {
      throw traceFailure(
          Layout.lines(offenders),
          "at most " + maxRepeats,
          TraceMessages.shouldNotRepeatSiblings(actual, maxRepeats, offenders),
          marks);
    }
    return myself;
  }

  /**
   * Verifies the trace, from its earliest start to its latest end, took at most {@code max}.
   *
   * @param max the longest acceptable duration
   * @return this assertion object
   */
  public SELF hasDurationAtMost(Duration max) {
    if (skip()) {
      return myself;
    }
    requireArgument(max, "hasDurationAtMost(Duration)", "a duration");
    if (actual.duration().compareTo(max) > 0) {
      throw traceFailure(
          actual.duration(),
          max,
          TraceMessages.shouldHaveDurationAtMost(
              actual, Durations.format(max), Durations.format(actual.duration())),
          Map.of());
    }
    return myself;
  }

  /**
   * Navigates to the trace's single root span.
   *
   * @return an assert on the root, with {@link SpanAssert#returnToTrace()} leading back here
   */
  @CheckReturnValue
  public SpanAssert root() {
    if (skip()) {
      return unresolvedSpan();
    }
    try {
      hasSingleRoot();
    } catch (AssertionError e) {
      return navigationFailed(e);
    }
    return spanAssert(actual.roots().get(0));
  }

  /**
   * Navigates to the unique span named {@code name}. Fails listing the closest names when there is
   * none, and marking each one when there are several.
   *
   * @param name the span name
   * @return an assert on that span, with {@link SpanAssert#returnToTrace()} leading back here
   */
  @CheckReturnValue
  public SpanAssert span(String name) {
    if (skip()) {
      return unresolvedSpan();
    }
    try {
      requireArgument(name, "span(String)", "a span name");
      return spanAssert(uniqueSpan(actual.spansNamed(name), name, Layout.trace(actual)));
    } catch (AssertionError e) {
      return navigationFailed(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Shared with SpanAssert, which navigates within the trace this assert is about.

  SpanNode uniqueSpan(List<SpanNode> candidates, String name, String scope) {
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    if (candidates.isEmpty()) {
      throw missingSpan(name);
    }
    Map<SpanNode, String> marks = new LinkedHashMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      marks.put(candidates.get(i), (i + 1) + " of " + candidates.size());
    }
    throw traceFailure(
        candidates.size(),
        1,
        TraceMessages.shouldHaveUniqueSpanNamed(scope, name, candidates),
        marks);
  }

  private AssertionError missingSpan(String name) {
    List<SpanNode> nearMisses = NearMisses.closestTo(name, actual);
    return traceFailure(
        Layout.names(actual.spans()),
        name,
        TraceMessages.shouldHaveSpanNamed(actual, name, nearMisses),
        marks(nearMisses, "did you mean this?"));
  }

  SpanAssert spanAssert(SpanNode node) {
    SpanAssert span =
        softly == null
            ? new SpanAssert(node)
            : softly.proxy(SpanAssert.class, SpanNode.class, node);
    span.attach(actual, this, shownAttributes, softly, false);
    return span;
  }

  SpanAssert unresolvedSpan() {
    SpanAssert span =
        softly == null
            ? new SpanAssert(null)
            : softly.proxy(SpanAssert.class, SpanNode.class, null);
    span.attach(actual, this, shownAttributes, softly, true);
    return span;
  }

  /**
   * Hard: rethrow. Soft: the error is collected, and the span assert that follows checks nothing.
   */
  SpanAssert navigationFailed(AssertionError error) {
    if (softly == null) {
      throw error;
    }
    softly.collectAssertionError(error);
    return unresolvedSpan();
  }

  /**
   * For soft assertions: failures of navigation go to {@code collector}, and after a failed
   * navigation (or a missing trace) {@code unresolved} asserts check nothing, since the failure is
   * already reported.
   */
  void attachSoftly(SoftAssertionsProvider collector, boolean unresolvedActual) {
    this.softly = collector;
    this.unresolved = unresolvedActual;
  }

  Trace actualTrace() {
    return actual;
  }

  List<String> shownAttributes() {
    return shownAttributes;
  }

  void shownAttributes(List<String> keys) {
    this.shownAttributes = keys;
  }

  AssertionErrorCollector softly() {
    return softly;
  }

  String render(Map<SpanNode, String> marks) {
    TraceRenderer renderer = Layout.renderer(shownAttributes);
    for (Map.Entry<SpanNode, String> mark : marks.entrySet()) {
      renderer = renderer.withMark(mark.getKey(), mark.getValue());
    }
    return renderer.render(actual);
  }

  AssertionError traceFailure(
      Object actualValue, Object expectedValue, String message, Map<SpanNode, String> marks) {
    return failureWithActualExpected(
        actualValue, expectedValue, "%s", message + "\n\n" + render(marks));
  }

  private static Map<SpanNode, String> marks(List<SpanNode> nodes, String note) {
    Map<SpanNode, String> marks = new LinkedHashMap<>();
    nodes.forEach(node -> marks.put(node, note));
    return marks;
  }

  private boolean skip() {
    if (unresolved) {
      return true;
    }
    isNotNull();
    return false;
  }

  private void requireArgument(Object argument, String method, String what) {
    if (argument == null) {
      throw failure("%s", method + " needs " + what + ", but got null");
    }
  }

  /** Soft failures start on a line of their own, below AssertJ's "-- failure 1 --". */
  @Override
  protected AssertionError failureWithActualExpected(
      Object actualValue, Object expectedValue, String format, Object... arguments) {
    return super.failureWithActualExpected(
        actualValue,
        expectedValue,
        Layout.startingOwnLineIfSoft(format, softly != null),
        arguments);
  }

  /** Soft failures start on a line of their own, below AssertJ's "-- failure 1 --". */
  @Override
  protected AssertionError failure(String format, Object... arguments) {
    return super.failure(Layout.startingOwnLineIfSoft(format, softly != null), arguments);
  }
}
