package dev.spanproof.assertions;

import dev.spanproof.core.lint.Finding;
import dev.spanproof.core.lint.LintRule;
import dev.spanproof.core.lint.TraceLint;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks of a whole trace's tree: its roots, orphans, counts, depth, id and structure. */
final class TraceShapeChecks {

  private TraceShapeChecks() {}

  static Optional<Failure> hasRoot(Trace trace, String name) {
    List<SpanNode> roots = trace.roots();
    SpanNode root = roots.get(0);
    if (roots.size() == 1 && !root.isOrphan() && root.name().equals(name)) {
      return Optional.empty();
    }
    String note =
        roots.size() > 1
            ? "one of " + roots.size() + " roots"
            : root.isOrphan()
                ? "orphan, expected root [" + name + "]"
                : "expected root [" + name + "]";
    return Optional.of(
        Failure.of(
                TraceMessages.shouldHaveRoot(trace, name),
                roots.size() == 1 ? root.name() : Layout.names(roots),
                name)
            .marking(roots, note));
  }

  static Optional<Failure> hasSingleRoot(Trace trace) {
    List<SpanNode> roots = trace.roots();
    if (roots.size() == 1) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.of(TraceMessages.shouldHaveSingleRoot(trace), roots.size(), 1)
            .marking(roots, "one of " + roots.size() + " roots"));
  }

  static Optional<Failure> hasNoOrphans(Trace trace) {
    List<SpanNode> orphans = trace.orphans();
    if (orphans.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.of(TraceMessages.shouldHaveNoOrphans(trace, orphans), orphans.size(), 0)
            .marking(orphans, "orphan"));
  }

  static Optional<Failure> hasSpanCount(Trace trace, int expected) {
    if (trace.spanCount() == expected) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.of(
            TraceMessages.shouldHaveSpanCount(trace, expected), trace.spanCount(), expected));
  }

  static Optional<Failure> hasSpansNamed(Trace trace, String name, int expected) {
    List<SpanNode> named = trace.spansNamed(name);
    if (named.size() == expected) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.of(
                TraceMessages.shouldHaveSpansNamed(trace, name, expected, named.size()),
                named.size(),
                expected)
            .marking(named, "named " + Layout.quote(name)));
  }

  static Optional<Failure> hasSpanNamed(Trace trace, String name) {
    if (!trace.spansNamed(name).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(missingSpan(trace, name));
  }

  static Optional<Failure> hasNoSpanNamed(Trace trace, String name) {
    List<SpanNode> named = trace.spansNamed(name);
    if (named.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.of(TraceMessages.shouldNotHaveSpanNamed(trace, name, named), named.size(), 0)
            .marking(named, "unexpected"));
  }

  static Optional<Failure> hasDepth(Trace trace, int expected) {
    if (trace.depth() == expected) {
      return Optional.empty();
    }
    List<SpanNode> deepest = trace.spansMatching(node -> node.depth() == trace.depth() - 1);
    return Optional.of(
        Failure.of(TraceMessages.shouldHaveDepth(trace, expected), trace.depth(), expected)
            .marking(deepest, "level " + trace.depth()));
  }

  static Optional<Failure> hasTraceId(Trace trace, String expected) {
    if (trace.traceId().equals(expected)) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.of(TraceMessages.shouldHaveTraceId(trace, expected), trace.traceId(), expected));
  }

  static Optional<Failure> hasStructure(
      Trace trace, ExpectedSpan expected, StructureMatcher matcher) {
    boolean ordered = matcher.isOrdered();
    List<SpanNode> roots = trace.roots();
    // The IDE's diff compares the expected tree with the actual one, drawn alike.
    String actualTree = Layout.defaultRenderer().render(trace);
    if (roots.size() != 1) {
      String problem = "it has " + roots.size() + " roots " + Layout.names(roots);
      return Optional.of(
          Failure.of(
                  TraceMessages.shouldHaveStructure(trace, expected, ordered, problem),
                  actualTree,
                  expected.toString())
              .marking(roots, "one of " + roots.size() + " roots"));
    }
    if (matcher.matches(expected, roots.get(0))) {
      return Optional.empty();
    }
    StructureMatcher.Mismatch mismatch = matcher.explain(expected, roots.get(0));
    String problem = "at " + Layout.span(mismatch.node()) + ": " + mismatch.note();
    return Optional.of(
        Failure.of(
                TraceMessages.shouldHaveStructure(trace, expected, ordered, problem),
                actualTree,
                expected.toString())
            .marking(mismatch.node(), mismatch.note()));
  }

  /**
   * Fails when a span (or the trace's top level) has more than {@code maxRepeats} same-named
   * children: the lint rule {@code n_plus_one}, with this assertion's own message.
   */
  static Optional<Failure> hasNoRepeatedSiblings(Trace trace, int maxRepeats) {
    List<Finding> findings =
        TraceLint.only(LintRule.N_PLUS_ONE.id()).withMaxRepeatedSiblings(maxRepeats).check(trace);
    if (findings.isEmpty()) {
      return Optional.empty();
    }
    List<String> offenders = new ArrayList<>();
    Map<SpanNode, String> marks = new LinkedHashMap<>();
    for (Finding finding : findings) {
      int repeats = finding.spans().size();
      SpanNode first = trace.findBySpanId(finding.spans().get(0).getSpanId()).orElseThrow();
      String under = first.parent().map(Layout::span).orElse("the trace's roots");
      offenders.add(repeats + " x " + Layout.span(first) + " under " + under);
      marks.put(first, repeats + " x " + Layout.quote(first.name()) + " here and below");
    }
    Failure failure =
        Failure.of(
            TraceMessages.shouldNotRepeatSiblings(trace, maxRepeats, offenders),
            Layout.lines(offenders),
            "at most " + maxRepeats);
    for (Map.Entry<SpanNode, String> mark : marks.entrySet()) {
      failure = failure.marking(mark.getKey(), mark.getValue());
    }
    return Optional.of(failure);
  }

  /** No span is named {@code name}: the closest names, marked in the tree. */
  static Failure missingSpan(Trace trace, String name) {
    List<SpanNode> nearMisses = NearMisses.closestTo(name, trace);
    return Failure.of(
            TraceMessages.shouldHaveSpanNamed(trace, name, nearMisses),
            Layout.names(trace.spans()),
            name)
        .marking(nearMisses, "did you mean this?");
  }
}
