package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A trace's shape as a golden file holds it: one line per span, indented two spaces per level, with
 * its kind and status, and the compared attributes on lines of their own starting with {@code |}
 * under it. Ids, times and durations are left out, so that the same code gives the same file on
 * every run.
 *
 * <pre>
 * processOrder [SERVER, OK]
 *   | http.route = "/orders"
 *   validateInventory [CLIENT, UNSET]
 *   processPayment [CLIENT, ERROR "card declined"]
 * </pre>
 *
 * <p>A span line is the name, then {@code [KIND, STATUS]} (with the {@code service.name} between
 * them when the trace spans several services), then {@code (orphan)} or {@code (remote parent)}
 * when the span has no parent in the trace, then {@code events: a, b} when event names are
 * compared. Text is escaped as in Java strings where it would break the layout. Lines starting with
 * {@code #} are comments, blank lines are skipped.
 *
 * @param line the span's line, without indentation
 * @param attributes its attribute lines, without indentation, sorted
 * @param children the spans below it
 */
record GoldenTree(String line, List<String> attributes, List<GoldenTree> children) {

  GoldenTree {
    attributes = attributes.stream().sorted().toList();
    children = List.copyOf(children);
  }

  /** The trace's roots, their children in start order, showing what {@code options} compare. */
  static List<GoldenTree> of(Trace trace, GoldenTraceOptions options) {
    boolean services = hasSeveralServices(trace);
    return trace.roots().stream().map(root -> of(root, options, services)).toList();
  }

  private static GoldenTree of(SpanNode node, GoldenTraceOptions options, boolean services) {
    SpanData span = node.span();
    StringBuilder line = new StringBuilder(escapeName(span.getName()));
    line.append(" [").append(span.getKind()).append(", ");
    if (services) {
      line.append(escape(serviceOf(span))).append(", ");
    }
    line.append(status(span.getStatus())).append(']');
    if (node.isOrphan()) {
      line.append(" (orphan)");
    } else if (node.hasRemoteParent()) {
      line.append(" (remote parent)");
    }
    if (options.eventNames() && !span.getEvents().isEmpty()) {
      line.append(" events: ");
      for (int i = 0; i < span.getEvents().size(); i++) {
        line.append(i == 0 ? "" : ", ").append(escape(span.getEvents().get(i).getName()));
      }
    }
    List<String> attributes = new ArrayList<>();
    span.getAttributes()
        .forEach(
            (key, value) -> {
              if (options.attributes().contains(key.getKey())) {
                attributes.add("| " + escape(key.getKey()) + " = " + value(value));
              }
            });
    List<GoldenTree> children =
        node.children().stream().map(child -> of(child, options, services)).toList();
    return new GoldenTree(line.toString(), attributes, children);
  }

  private static boolean hasSeveralServices(Trace trace) {
    return trace.spans().stream().map(node -> serviceOf(node.span())).distinct().count() > 1;
  }

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private static String serviceOf(SpanData span) {
    return Objects.requireNonNullElse(
        span.getResource().getAttribute(SERVICE_NAME), "no service.name");
  }

  private static String status(StatusData status) {
    if (status.getStatusCode() == StatusCode.ERROR && !status.getDescription().isEmpty()) {
      return "ERROR \"" + escape(status.getDescription()) + "\"";
    }
    return status.getStatusCode().toString();
  }

  /** Strings quoted, so that {@code "42"} and {@code 42} differ; arrays in brackets. */
  private static String value(Object value) {
    if (value instanceof List<?> values) {
      List<String> elements = new ArrayList<>();
      for (Object element : values) {
        elements.add(value(element));
      }
      return elements.toString();
    }
    if (value instanceof Boolean || value instanceof Long || value instanceof Double) {
      return String.valueOf(value);
    }
    // Strings, and the text of value types newer APIs add
    return "\"" + escape(String.valueOf(value)) + "\"";
  }

  /** A span name that cannot be mistaken for a comment, an attribute or indentation. */
  private static String escapeName(String name) {
    String escaped = escape(name);
    if (escaped.startsWith("#") || escaped.startsWith("|")) {
      return "\\" + escaped;
    }
    return escaped.startsWith(" ") ? "\\s" + escaped.substring(1) : escaped;
  }

  /** Backslashes, quotes and control characters as in Java strings: one line, unambiguous. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Reading a golden file

  /** A golden file that cannot be read as a tree, with the line at fault. */
  static final class MalformedGoldenFileException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedGoldenFileException(int lineNumber, String problem) {
      super("line " + lineNumber + " " + problem, null, false, false);
    }
  }

  /** The trees of a golden file's text. */
  static List<GoldenTree> parse(String text) throws MalformedGoldenFileException {
    List<Builder> roots = new ArrayList<>();
    List<Builder> path = new ArrayList<>(); // the last span of each level
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int spaces = 0;
      while (spaces < line.length() && line.charAt(spaces) == ' ') {
        spaces++;
      }
      if (spaces % 2 != 0) {
        throw new MalformedGoldenFileException(
            i + 1, "is indented by " + spaces + " spaces, but levels are 2 spaces each");
      }
      int level = spaces / 2;
      String content = line.substring(spaces).stripTrailing();
      if (content.startsWith("|")) {
        if (level == 0 || level > path.size()) {
          throw new MalformedGoldenFileException(
              i + 1, "is an attribute, but not indented under a span");
        }
        path.get(level - 1).attributes.add(content);
        continue;
      }
      if (level > path.size()) {
        throw new MalformedGoldenFileException(
            i + 1, "is indented more than one level below the span above it");
      }
      Builder span = new Builder(content);
      if (level == 0) {
        roots.add(span);
      } else {
        path.get(level - 1).children.add(span);
      }
      path.subList(level, path.size()).clear();
      path.add(span);
    }
    return roots.stream().map(Builder::build).toList();
  }

  private static final class Builder {
    final String line;
    final List<String> attributes = new ArrayList<>();
    final List<Builder> children = new ArrayList<>();

    Builder(String line) {
      this.line = line;
    }

    GoldenTree build() {
      return new GoldenTree(line, attributes, children.stream().map(Builder::build).toList());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Comparing and drawing

  /**
   * A text equal for two lists of trees exactly when they match: the same lines, attributes and
   * children, children (and roots) in any order unless {@code ordered}.
   */
  static String canonical(List<GoldenTree> trees, boolean ordered) {
    List<String> each = new ArrayList<>();
    for (GoldenTree tree : trees) {
      each.add(tree.canonical(ordered));
    }
    if (!ordered) {
      Collections.sort(each);
    }
    // Lengths first, so that no text inside a line can fake the structure.
    StringBuilder out = new StringBuilder("[");
    for (String text : each) {
      out.append(text.length()).append(':').append(text);
    }
    return out.append(']').toString();
  }

  private String canonical(boolean ordered) {
    StringBuilder out = new StringBuilder();
    out.append(line.length()).append(':').append(line);
    for (String attribute : attributes) {
      out.append(attribute.length()).append(':').append(attribute);
    }
    return out.append(canonical(children, ordered)).toString();
  }

  /**
   * {@code actual} in the order that lines it up best with {@code golden}, for a readable diff:
   * each golden tree takes the first unused actual tree that matches it whole, else one with the
   * same line, else one with the same name; the actual trees left over follow in their own order.
   * With {@code ordered}, the order stays and only the children are lined up, pair by pair.
   */
  static List<GoldenTree> alignedTo(
      List<GoldenTree> actual, List<GoldenTree> golden, boolean ordered) {
    List<GoldenTree> result = new ArrayList<>();
    if (ordered) {
      for (int i = 0; i < actual.size(); i++) {
        result.add(
            i < golden.size() ? actual.get(i).alignedTo(golden.get(i), true) : actual.get(i));
      }
      return result;
    }
    List<GoldenTree> unused = new ArrayList<>(actual);
    for (GoldenTree wanted : golden) {
      GoldenTree partner = bestPartner(wanted, unused);
      if (partner != null) {
        unused.remove(partner);
        result.add(partner.alignedTo(wanted, false));
      }
    }
    result.addAll(unused);
    return result;
  }

  private static GoldenTree bestPartner(GoldenTree wanted, List<GoldenTree> candidates) {
    String whole = wanted.canonical(false);
    for (GoldenTree candidate : candidates) {
      if (candidate.canonical(false).equals(whole)) {
        return candidate;
      }
    }
    for (GoldenTree candidate : candidates) {
      if (candidate.line.equals(wanted.line)) {
        return candidate;
      }
    }
    for (GoldenTree candidate : candidates) {
      if (candidate.name().equals(wanted.name())) {
        return candidate;
      }
    }
    return null;
  }

  private GoldenTree alignedTo(GoldenTree golden, boolean ordered) {
    return new GoldenTree(line, attributes, alignedTo(children, golden.children, ordered));
  }

  /** The span name part of the line: what comes before the last bracket. */
  private String name() {
    int bracket = line.lastIndexOf(" [");
    return bracket < 0 ? line : line.substring(0, bracket);
  }

  /** The trees as a golden file's lines, without comments. */
  static List<String> lines(List<GoldenTree> trees) {
    List<String> lines = new ArrayList<>();
    for (GoldenTree tree : trees) {
      tree.appendLines(lines, "");
    }
    return lines;
  }

  private void appendLines(List<String> lines, String indent) {
    lines.add(indent + line);
    for (String attribute : attributes) {
      lines.add(indent + "  " + attribute);
    }
    for (GoldenTree child : children) {
      child.appendLines(lines, indent + "  ");
    }
  }
}
