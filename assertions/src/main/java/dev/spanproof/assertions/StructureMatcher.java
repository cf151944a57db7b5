package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a captured span tree with an {@link ExpectedSpan} shape, and says where they first
 * differ.
 */
final class StructureMatcher {

  /** Where a tree differs from its expected shape: the span to mark and what was expected there. */
  record Mismatch(SpanNode node, String note) {}

  private final boolean ordered;
  // Keyed by identity: two equal expected spans at different places in the pattern are distinct.
  private final IdentityHashMap<ExpectedSpan, Map<SpanNode, Boolean>> memo =
      new IdentityHashMap<>();

  private StructureMatcher(boolean ordered) {
    this.ordered = ordered;
  }

  /** Children must come in the given order (by start time). */
  static StructureMatcher ordered() {
    return new StructureMatcher(true);
  }

  /** Children may come in any order. */
  static StructureMatcher unordered() {
    return new StructureMatcher(false);
  }

  boolean isOrdered() {
    return ordered;
  }

  boolean matches(ExpectedSpan expected, SpanNode actual) {
    // Each (expected, actual) pair is decided once: sibling matching asks about every pair.
    Map<SpanNode, Boolean> known = memo.computeIfAbsent(expected, e -> new IdentityHashMap<>());
    Boolean result = known.get(actual);
    if (result == null) {
      result = decide(expected, actual);
      known.put(actual, result);
    }
    return result;
  }

  private boolean decide(ExpectedSpan expected, SpanNode actual) {
    if (!expected.name().equals(actual.name())
        || expected.children().size() != actual.children().size()) {
      return false;
    }
    if (ordered) {
      for (int i = 0; i < expected.children().size(); i++) {
        if (!matches(expected.children().get(i), actual.children().get(i))) {
          return false;
        }
      }
      return true;
    }
    return perfectMatching(expected.children(), actual.children());
  }

  /**
   * Whether every expected child can be paired with its own actual child whose subtree matches.
   * Same-named siblings may have different subtrees, so the first pairing found may be wrong; this
   * is bipartite matching by augmenting paths (Kuhn), polynomial where naive backtracking would try
   * every permutation of, say, 20 identical queries.
   */
  private boolean perfectMatching(List<ExpectedSpan> expected, List<SpanNode> actual) {
    int n = expected.size();
    boolean[][] fits = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        fits[i][j] = matches(expected.get(i), actual.get(j));
      }
    }
    int[] expectedOfActual = new int[n];
    Arrays.fill(expectedOfActual, -1);
    for (int i = 0; i < n; i++) {
      if (!augment(i, fits, expectedOfActual, new boolean[n])) {
        return false;
      }
    }
    return true;
  }

  private static boolean augment(
      int expected, boolean[][] fits, int[] expectedOfActual, boolean[] visited) {
    for (int actual = 0; actual < fits.length; actual++) {
      if (fits[expected][actual] && !visited[actual]) {
        visited[actual] = true;
        if (expectedOfActual[actual] < 0
            || augment(expectedOfActual[actual], fits, expectedOfActual, visited)) {
          expectedOfActual[actual] = expected;
          return true;
        }
      }
    }
    return false;
  }

  /** The first difference, top-down; only called when {@link #matches} is false. */
  Mismatch explain(ExpectedSpan expected, SpanNode actual) {
    if (!expected.name().equals(actual.name())) {
      return new Mismatch(actual, "expected [" + expected.name() + "]");
    }
    List<String> expectedNames = expected.children().stream().map(ExpectedSpan::name).toList();
    List<String> actualNames = actual.children().stream().map(SpanNode::name).toList();
    boolean sameNames =
        ordered
            ? expectedNames.equals(actualNames)
            : sorted(expectedNames).equals(sorted(actualNames));
    if (!sameNames) {
      return new Mismatch(
          actual,
          "expected children "
              + expectedNames
              + (ordered ? " in this order" : "")
              + " but were "
              + actualNames);
    }
    List<SpanNode> remaining = new ArrayList<>(actual.children());
    for (int i = 0; i < expected.children().size(); i++) {
      ExpectedSpan child = expected.children().get(i);
      SpanNode partner = ordered ? actual.children().get(i) : takeNamed(remaining, child.name());
      if (!matches(child, partner)) {
        return explain(child, partner);
      }
    }
    // Greedy pairing failed somewhere deeper among same-named siblings: point at the parent.
    return new Mismatch(actual, "children do not match the expected subtrees");
  }

  private static SpanNode takeNamed(List<SpanNode> nodes, String name) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).name().equals(name)) {
        return nodes.remove(i);
      }
    }
    throw new IllegalStateException("no child named " + name);
  }

  private static List<String> sorted(List<String> names) {
    List<String> copy = new ArrayList<>(names);
    copy.sort(null);
    return copy;
  }
}
