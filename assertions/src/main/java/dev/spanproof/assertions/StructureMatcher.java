package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import java.util.ArrayList;
import java.util.List;

/** Compares a captured span tree with an {@link ExpectedSpan} shape, and says where they first differ. */
final class StructureMatcher {

  /** Where a tree differs from its expected shape: the span to mark and what was expected there. */
  record Mismatch(SpanNode node, String note) {}

  private final boolean ordered;

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
    if (!expected.name().equals(actual.name()) || expected.children().size() != actual.children().size()) {
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
    return assign(expected.children(), 0, actual.children(), new boolean[actual.children().size()]);
  }

  /** Backtracking: same-named siblings may have different subtrees, so the first pairing may be wrong. */
  private boolean assign(List<ExpectedSpan> expected, int index, List<SpanNode> actual, boolean[] used) {
    if (index == expected.size()) {
      return true;
    }
    for (int i = 0; i < actual.size(); i++) {
      if (!used[i] && matches(expected.get(index), actual.get(i))) {
        used[i] = true;
        if (assign(expected, index + 1, actual, used)) {
          return true;
        }
        used[i] = false;
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
        ordered ? expectedNames.equals(actualNames) : sorted(expectedNames).equals(sorted(actualNames));
    if (!sameNames) {
      return new Mismatch(
          actual,
          "expected children " + expectedNames + (ordered ? " in this order" : "") + " but were " + actualNames);
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
