package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a failed check found, as an immutable value: the message, the actual and expected values
 * (for the IDE's diff), the notes to mark on the drawn trace and the attributes the drawing must
 * show besides the usual ones. Checkers return it; the assert classes turn it into their {@link
 * AssertionError}, drawn by {@link Layout#describe}.
 *
 * @param message "Expecting … to … but …", without the tree
 * @param actual what was found
 * @param expected what was expected
 * @param marks notes on spans of the trace, by node
 * @param alsoShown attribute keys to draw on top of the shown ones, e.g. the one asserted on
 * @param drawsTree whether the message ends with the trace; false when there is nothing to draw
 */
record Failure(
    String message,
    Object actual,
    Object expected,
    Map<SpanNode, String> marks,
    List<String> alsoShown,
    boolean drawsTree) {

  Failure {
    marks = Collections.unmodifiableMap(new LinkedHashMap<>(marks));
    alsoShown = List.copyOf(alsoShown);
  }

  /** A failure drawn with the trace, marking nothing yet. */
  static Failure of(String message, Object actual, Object expected) {
    return new Failure(message, actual, expected, Map.of(), List.of(), true);
  }

  /** A failure about {@code span}, drawn with {@code note} on its line. */
  static Failure at(SpanNode span, String note, String message, Object actual, Object expected) {
    return of(message, actual, expected).marking(span, note);
  }

  /** A failure whose message already draws what it is about, e.g. every trace of a test. */
  static Failure drawn(String message, Object actual, Object expected) {
    return new Failure(message, actual, expected, Map.of(), List.of(), false);
  }

  /** A failure that says everything in its message, without a tree. */
  static Failure withoutTree(String message) {
    return new Failure(message, null, null, Map.of(), List.of(), false);
  }

  /** This failure, also marking {@code node} with {@code note}. */
  Failure marking(SpanNode node, String note) {
    Map<SpanNode, String> all = new LinkedHashMap<>(marks);
    all.put(node, note);
    return new Failure(message, actual, expected, all, alsoShown, drawsTree);
  }

  /** This failure, also marking each of {@code nodes} with {@code note}. */
  Failure marking(Collection<SpanNode> nodes, String note) {
    Failure marked = this;
    for (SpanNode node : nodes) {
      marked = marked.marking(node, note);
    }
    return marked;
  }

  /** This failure, drawing the attribute {@code key} on every span that has it. */
  Failure showing(String key) {
    List<String> keys = new ArrayList<>(alsoShown);
    keys.add(key);
    return new Failure(message, actual, expected, marks, keys, drawsTree);
  }
}
