package dev.spanproof.junit;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The spans a failure message is about. spanproof's failure messages draw the trace and mark the
 * spans they are about with {@code <-- note} at the end of the span's line; this finds the spans
 * whose drawn line was marked. The extension sees only the message (it does not depend on the
 * assertions), so a span is recognized by the start of its line: name, kind, status and duration.
 */
final class FailureMarks {

  private static final String MARK = "  <-- ";
  private static final String TREE_DRAWING = " │├└─";

  private FailureMarks() {}

  static Set<String> markedSpanIds(String message, List<Trace> traces) {
    Set<String> marked = new HashSet<>();
    TraceRenderer renderer = TraceRenderer.create();
    for (String line : message.split("\n", -1)) {
      int mark = line.indexOf(MARK);
      if (mark < 0) {
        continue;
      }
      String drawn = withoutTreeDrawing(line.substring(0, mark));
      for (Trace trace : traces) {
        for (SpanNode node : trace.spans()) {
          if (drawn.startsWith(head(renderer.renderLine(node), node))) {
            marked.add(node.spanId());
          }
        }
      }
    }
    return marked;
  }

  /** "processPayment [CLIENT, ERROR, 2.00 ms]": what every drawing of the span starts with. */
  private static String head(String line, SpanNode node) {
    int end = line.indexOf(']', node.name().length());
    return end < 0 ? line : line.substring(0, end + 1);
  }

  private static String withoutTreeDrawing(String line) {
    int start = 0;
    while (start < line.length() && TREE_DRAWING.indexOf(line.charAt(start)) >= 0) {
      start++;
    }
    return line.substring(start);
  }
}
