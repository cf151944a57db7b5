package dev.spanproof.core.trace;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Iterative tree walks: traces can be 100,000 spans deep, far beyond the call stack. */
final class TreeWalk {

  interface Visitor {
    void visit(SpanNode node, int level);
  }

  private TreeWalk() {}

  /** Visits {@code starts} and everything below them, parents first, siblings in list order. */
  static void preOrder(List<SpanNode> starts, Visitor visitor) {
    Deque<SpanNode> nodes = new ArrayDeque<>();
    Deque<Integer> levels = new ArrayDeque<>();
    for (int i = starts.size() - 1; i >= 0; i--) {
      nodes.push(starts.get(i));
      levels.push(0);
    }
    while (!nodes.isEmpty()) {
      SpanNode node = nodes.pop();
      int level = levels.pop();
      visitor.visit(node, level);
      List<SpanNode> children = node.children();
      for (int i = children.size() - 1; i >= 0; i--) {
        nodes.push(children.get(i));
        levels.push(level + 1);
      }
    }
  }
}
