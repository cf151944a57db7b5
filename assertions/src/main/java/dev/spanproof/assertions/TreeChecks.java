package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.trace.SpanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks of a span's place in its trace, and the lookups that navigation uses: by name, to a child,
 * to the parent, to the root. Each returns what it found wrong (or where it leads) as a value.
 */
final class TreeChecks {

  private TreeChecks() {}

  static Optional<Failure> hasName(SpanNode span, String expected) {
    if (span.name().equals(expected)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected name " + Layout.quote(expected),
            SpanMessages.shouldHaveName(span, expected),
            span.name(),
            expected));
  }

  static Optional<Failure> hasParent(SpanNode span, String name) {
    if (span.parent().map(parent -> parent.name().equals(name)).orElse(false)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected parent [" + name + "]",
            SpanMessages.shouldHaveParent(span, name),
            span.parent().map(SpanNode::name).orElse(null),
            name));
  }

  static Optional<Failure> isRoot(SpanNode span) {
    if (!span.span().getParentSpanContext().isValid()) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected a root",
            SpanMessages.shouldBeRoot(span),
            span.parentSpanId(),
            SpanContext.getInvalid().getSpanId()));
  }

  /** Any remote parent when {@code parentSpanId} is null, else that one. */
  static Optional<Failure> hasRemoteParent(SpanNode span, String parentSpanId) {
    boolean matches =
        span.hasRemoteParent()
            && (parentSpanId == null || span.parentSpanId().equals(parentSpanId));
    if (matches) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            parentSpanId == null
                ? "expected a remote parent"
                : "expected remote parent " + parentSpanId,
            SpanMessages.shouldHaveRemoteParent(span, parentSpanId),
            span.parentSpanId(),
            parentSpanId == null ? "a remote parent" : parentSpanId));
  }

  static Optional<Failure> hasTraceId(SpanNode span, String traceId) {
    if (span.span().getTraceId().equals(traceId)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected trace " + traceId,
            SpanMessages.shouldHaveTraceId(span, traceId),
            span.span().getTraceId(),
            traceId));
  }

  static Optional<Failure> hasChildren(SpanNode span, List<String> expected, boolean ordered) {
    List<String> actualNames = span.children().stream().map(SpanNode::name).toList();
    boolean same =
        ordered ? actualNames.equals(expected) : sorted(actualNames).equals(sorted(expected));
    if (same) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected children " + expected + (ordered ? " in this order" : ""),
            SpanMessages.shouldHaveChildren(span, expected, ordered),
            actualNames,
            expected));
  }

  static Optional<Failure> hasChildCount(SpanNode span, int expected) {
    if (span.children().size() == expected) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected " + Layout.count(expected, "child", "children"),
            SpanMessages.shouldHaveChildCount(span, expected),
            span.children().size(),
            expected));
  }

  static Optional<Failure> hasChildrenNamed(SpanNode span, String name, int expected) {
    long count = span.children().stream().filter(child -> child.name().equals(name)).count();
    if (count == expected) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected " + expected + " x " + Layout.quote(name) + " below, found " + count,
            SpanMessages.shouldHaveChildrenNamed(span, name, expected, (int) count),
            count,
            expected));
  }

  static Optional<Failure> hasDescendant(SpanNode span, String name) {
    List<SpanNode> below = span.descendants();
    if (below.stream().anyMatch(node -> node.name().equals(name))) {
      return Optional.empty();
    }
    List<SpanNode> near = NearMisses.closestAmong(name, below);
    return Optional.of(
        at(
            span,
            "expected [" + name + "] below",
            SpanMessages.shouldHaveDescendant(span, name, below, near),
            Layout.names(below),
            name));
  }

  // ---------------------------------------------------------------------------------------------
  // Lookups for navigation

  /** The unique direct child named {@code name}, as a node of {@code trace}. */
  static Lookup<SpanNode> child(SpanNode span, Trace trace, String name) {
    List<SpanNode> named =
        span.children().stream().filter(child -> child.name().equals(name)).toList();
    if (named.isEmpty()) {
      List<SpanNode> near = NearMisses.closestAmong(name, span.children());
      return Lookup.failed(
          at(
              span,
              "expected a child named " + Layout.quote(name),
              SpanMessages.shouldHaveChildNamed(span, name, near),
              Layout.names(span.children()),
              name));
    }
    Lookup<SpanNode> unique = uniqueSpan(trace, named, name, Layout.span(span), true);
    return unique.isFound() ? Lookup.found(nodeIn(trace, unique.found())) : unique;
  }

  /** The span's parent, as a node of {@code trace}. */
  static Lookup<SpanNode> parent(SpanNode span, Trace trace) {
    return span.parent()
        .<Lookup<SpanNode>>map(parent -> Lookup.found(nodeIn(trace, parent)))
        .orElseGet(() -> Lookup.failed(noParent(span)));
  }

  /** The trace's only root. */
  static Lookup<SpanNode> singleRoot(Trace trace) {
    return TraceShapeChecks.hasSingleRoot(trace)
        .<Lookup<SpanNode>>map(Lookup::failed)
        .orElseGet(() -> Lookup.found(trace.roots().get(0)));
  }

  /** The only span of {@code trace} named {@code name}. */
  static Lookup<SpanNode> spanNamed(Trace trace, String name) {
    return uniqueSpan(trace, trace.spansNamed(name), name, Layout.trace(trace), false);
  }

  /**
   * The only one of {@code candidates}; fails listing the closest names when there is none, and
   * marking each one, with ways to pick one, when there are several.
   *
   * @param scope where the candidates were looked for, e.g. "span [checkout]", for the message
   * @param amongChildren whether the candidates are children of the span navigated from
   */
  static Lookup<SpanNode> uniqueSpan(
      Trace trace, List<SpanNode> candidates, String name, String scope, boolean amongChildren) {
    if (candidates.size() == 1) {
      return Lookup.found(candidates.get(0));
    }
    if (candidates.isEmpty()) {
      return Lookup.failed(TraceShapeChecks.missingSpan(trace, name));
    }
    Failure failure =
        Failure.of(
            TraceMessages.shouldHaveUniqueSpanNamed(
                scope, name, candidates, SpanPicks.suggest(candidates, name, amongChildren)),
            candidates.size(),
            1);
    for (int i = 0; i < candidates.size(); i++) {
      failure = failure.marking(candidates.get(i), (i + 1) + " of " + candidates.size());
    }
    return Lookup.failed(failure);
  }

  /** The {@code index}th (from 0, in start order) direct child named {@code name}. */
  static Lookup<SpanNode> child(SpanNode span, Trace trace, String name, int index) {
    List<SpanNode> named =
        span.children().stream().filter(child -> child.name().equals(name)).toList();
    if (index < named.size()) {
      return Lookup.found(nodeIn(trace, named.get(index)));
    }
    if (named.isEmpty()) {
      return child(span, trace, name);
    }
    return Lookup.failed(
        at(
            span,
            "expected a child " + Layout.quote(name) + " at index " + index,
            SpanMessages.shouldHaveChildAt(span, name, index, named.size()),
            named.size(),
            index + 1));
  }

  /** The only span named {@code name} whose attribute {@code key} equals {@code value}. */
  static Lookup<SpanNode> spanWithAttribute(Trace trace, String name, String key, Object value) {
    List<SpanNode> named = trace.spansNamed(name);
    if (named.isEmpty()) {
      return Lookup.failed(TraceShapeChecks.missingSpan(trace, name));
    }
    List<SpanNode> matching =
        named.stream()
            .filter(node -> AttributeChecks.hasAttribute(node, key, value).isEmpty())
            .toList();
    if (matching.size() == 1) {
      return Lookup.found(matching.get(0));
    }
    Failure failure =
        Failure.of(
                TraceMessages.shouldHaveOneSpanWithAttribute(
                    trace, name, key, value, named, matching.size()),
                matching.size(),
                1)
            .showing(key);
    for (SpanNode node : matching.isEmpty() ? named : matching) {
      failure =
          failure.marking(node, matching.isEmpty() ? "named " + Layout.quote(name) : "matches");
    }
    return Lookup.failed(failure);
  }

  static Failure noParent(SpanNode span) {
    return at(
        span, "expected a parent", SpanMessages.shouldHaveParent(span, "(any)"), null, "a parent");
  }

  /**
   * The node of {@code trace} with the same span id as {@code node} (the same object when
   * navigating within one trace).
   */
  static SpanNode nodeIn(Trace trace, SpanNode node) {
    return trace.findBySpanId(node.spanId()).orElse(node);
  }

  private static List<String> sorted(List<String> names) {
    List<String> copy = new ArrayList<>(names);
    copy.sort(null);
    return copy;
  }
}
