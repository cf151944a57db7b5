package dev.spanproof.core.trace;

import java.util.Arrays;
import java.util.List;

/** Iterative tree walks: traces can be 100,000 spans deep, far beyond the call stack. */
final class TreeWalk {

  interface Visitor {
    void visit(SpanNode node, int level);
  }

  private TreeWalk() {}

  /** Visits {@code starts} and everything below them, parents first, siblings in list order. */
  static void preOrder(List<SpanNode> starts, Visitor visitor) {
    // Two parallel array stacks rather than a Deque of boxed levels: no allocation per node.
    SpanNode[] nodes = new SpanNode[Math.max(16, starts.size())];
    int[] levels = new int[nodes.length];
    int size = 0;
    for (int i = starts.size() - 1; i >= 0; i--) {
      nodes[size] = starts.get(i);
      levels[size++] = 0;
    }
    while (size > 0) {
      SpanNode node = nodes[--size];
      int level = levels[size];
      nodes[size] = null;
      visitor.visit(node, level);
      List<SpanNode> children = node.children();
      if (size + children.size() > nodes.length) {
        int capacity = Math.max(nodes.length * 2, size + children.size());
        nodes = Arrays.copyOf(nodes, capacity);
        levels = Arrays.copyOf(levels, capacity);
      }
      for (int i = children.size() - 1; i >= 0; i--) {
        nodes[size] = children.get(i);
        levels[size++] = level + 1;
      }
    }
  }
}
