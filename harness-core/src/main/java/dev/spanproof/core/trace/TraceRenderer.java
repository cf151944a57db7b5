package dev.spanproof.core.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Draws traces as indented trees, one line per span with its kind, status, duration and chosen
 * attributes; this is what failure messages and reports show.
 *
 * <pre>
 * trace 4bf92f3577b34da6a3ce929d0e0e4736 (3 spans, 12.3 ms)
 * └─ processOrder [INTERNAL, OK, 12.3 ms] order.id=42
 *    ├─ validateInventory [INTERNAL, UNSET, 2.1 ms]
 *    └─ processPayment [CLIENT, ERROR "card declined", 8.0 ms] events: exception  &lt;-- expected status OK
 * </pre>
 *
 * <p>When a trace has spans of more than one service (their resources' {@code service.name} differ,
 * as when another process exported spans to the harness's OTLP receiver), each span names its
 * service after its kind: {@code GET /inventory [SERVER, inventory, UNSET, 3.00 ms]}. A trace of
 * one service is drawn without it.
 *
 * <p>A link is drawn after the span as {@code → link to [orders publish]}, with {@code in trace
 * 4bf92f35…} when the linked span is in another of the drawn traces, or by its ids when it is not
 * drawn. A span that was recorded but not sampled (it is never exported) says {@code not sampled}
 * in its brackets.
 *
 * <p>Spans deeper than 32 levels are drawn as {@code ┆ (level 40) └─ name …} rather than with
 * ever-growing indentation. Instances are immutable; each {@code with…} method returns a copy.
 */
public final class TraceRenderer {

  /** Deeper spans are drawn with their level number instead of indentation. */
  static final int MAX_DRAWN_LEVELS = 32;

  /** Drawn as the service of a span whose resource has no {@code service.name}. */
  public static final String NO_SERVICE = "no service.name";

  private final List<String> attributeKeys;
  private final Map<SpanNode, String> marks;
  private final int maxSpans;

  private TraceRenderer(List<String> attributeKeys, Map<SpanNode, String> marks, int maxSpans) {
    this.attributeKeys = attributeKeys;
    this.marks = marks;
    this.maxSpans = maxSpans;
  }

  /**
   * A renderer that shows kind, status, duration and event names, no attributes, and every span.
   */
  public static TraceRenderer create() {
    return new TraceRenderer(List.of(), Map.of(), Integer.MAX_VALUE);
  }

  /**
   * Draws at most about {@code maxSpans} spans of a trace: the first ones in tree order, plus every
   * marked span with its ancestors, and a closing line that counts the spans left out. Keeps a
   * failure message about a 100,000-span trace readable.
   *
   * @throws IllegalArgumentException if {@code maxSpans} is less than 1
   */
  public TraceRenderer withMaxSpans(int maxSpans) {
    if (maxSpans < 1) {
      throw new IllegalArgumentException("maxSpans must be at least 1, but was " + maxSpans);
    }
    return new TraceRenderer(attributeKeys, marks, maxSpans);
  }

  /**
   * Also shows these attributes, in this order, on spans that have them.
   *
   * @throws IllegalArgumentException if a key is null
   */
  public TraceRenderer withAttributes(String... keys) {
    List<String> all = new ArrayList<>(attributeKeys);
    for (String key : Objects.requireNonNull(keys, "keys")) {
      if (key == null) {
        throw new IllegalArgumentException("attribute keys must not contain null");
      }
      all.add(key);
    }
    return new TraceRenderer(List.copyOf(all), marks, maxSpans);
  }

  /** Also shows these attributes, in this order, on spans that have them. */
  public TraceRenderer withAttributes(AttributeKey<?>... keys) {
    return withAttributes(
        Arrays.stream(Objects.requireNonNull(keys, "keys"))
            .map(
                key -> Objects.requireNonNull(key, "attribute keys must not contain null").getKey())
            .toArray(String[]::new));
  }

  /**
   * Marks {@code node}'s line with {@code note}, e.g. to point at the span an assertion is about.
   */
  @SuppressWarnings("IdentityHashMapUsage") // marks are by node identity, like the tree itself
  public TraceRenderer withMark(SpanNode node, String note) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(note, "note");
    Map<SpanNode, String> all = new IdentityHashMap<>(marks);
    all.put(node, note);
    return new TraceRenderer(attributeKeys, Collections.unmodifiableMap(all), maxSpans);
  }

  /** The trace as an indented tree, without a trailing newline. */
  public String render(Trace trace) {
    Objects.requireNonNull(trace, "trace");
    StringBuilder out = new StringBuilder();
    appendTrace(out, trace, linkTargets(List.of(trace)));
    return out.toString();
  }

  /** The drawn spans by trace and span id, so that links can name the span they point to. */
  private static Map<String, SpanNode> linkTargets(List<Trace> traces) {
    Map<String, SpanNode> targets = new HashMap<>();
    for (Trace trace : traces) {
      for (SpanNode node : trace.spans()) {
        targets.put(node.span().getTraceId() + node.spanId(), node);
      }
    }
    return targets;
  }

  private void appendTrace(StringBuilder out, Trace trace, Map<String, SpanNode> linkTargets) {
    out.append("trace ")
        .append(trace.traceId())
        .append(" (")
        .append(trace.spanCount())
        .append(trace.spanCount() == 1 ? " span, " : " spans, ")
        .append(formatDuration(trace.duration()))
        .append(')');
    // ancestorsLast[level] tells whether the ancestor at that level was the last of its siblings,
    // which decides between "│  " and "   " in the indentation.
    Set<SpanNode> drawn = spansToDraw(trace);
    boolean showServices = trace.spansSeveralServices();
    List<Boolean> ancestorsLast = new ArrayList<>();
    List<SpanNode> roots = trace.roots();
    TreeWalk.preOrder(
        roots,
        (node, level) -> {
          if (drawn != null && !drawn.contains(node)) {
            return;
          }
          List<SpanNode> siblings = node.parent().map(SpanNode::children).orElse(roots);
          boolean last = lastDrawn(siblings, drawn) == node;
          while (ancestorsLast.size() > level) {
            ancestorsLast.remove(ancestorsLast.size() - 1);
          }
          out.append('\n');
          if (level > MAX_DRAWN_LEVELS) {
            // Drawing every level would make output quadratic in depth for very deep traces.
            out.append("┆ (level ").append(level).append(") ");
          } else {
            for (boolean ancestorLast : ancestorsLast) {
              out.append(ancestorLast ? "   " : "│  ");
            }
          }
          out.append(last ? "└─ " : "├─ ");
          appendSpan(out, node, linkTargets, showServices);
          ancestorsLast.add(last);
        });
    if (drawn != null) {
      int hidden = trace.spanCount() - drawn.size();
      out.append("\n… ")
          .append(hidden)
          .append(hidden == 1 ? " more span" : " more spans")
          .append(" not drawn");
    }
  }

  /** The spans to draw, or null for all of them. */
  private Set<SpanNode> spansToDraw(Trace trace) {
    if (trace.spanCount() <= maxSpans) {
      return null;
    }
    Set<SpanNode> drawn = Collections.newSetFromMap(new IdentityHashMap<>());
    drawn.addAll(trace.spans().subList(0, maxSpans));
    for (SpanNode marked : marks.keySet()) {
      for (SpanNode node = marked; node != null; node = node.parent().orElse(null)) {
        drawn.add(node);
      }
    }
    return drawn;
  }

  private static SpanNode lastDrawn(List<SpanNode> siblings, Set<SpanNode> drawn) {
    for (int i = siblings.size() - 1; i >= 0; i--) {
      if (drawn == null || drawn.contains(siblings.get(i))) {
        return siblings.get(i);
      }
    }
    return null;
  }

  /** Every trace, separated by blank lines; "no traces" when the list is empty. */
  public String render(List<Trace> traces) {
    Objects.requireNonNull(traces, "traces");
    if (traces.isEmpty()) {
      return "(no traces)";
    }
    StringBuilder out = new StringBuilder();
    Map<String, SpanNode> linkTargets = linkTargets(traces);
    for (Trace trace : traces) {
      if (out.length() > 0) {
        out.append("\n\n");
      }
      appendTrace(out, Objects.requireNonNull(trace, "traces must not contain null"), linkTargets);
    }
    return out.toString();
  }

  /** One span on one line, as in a tree but without indentation; links show their ids. */
  public String renderLine(SpanNode node) {
    StringBuilder out = new StringBuilder();
    appendSpan(out, Objects.requireNonNull(node, "node"), Map.of(), false);
    return out.toString();
  }

  private void appendSpan(
      StringBuilder out, SpanNode node, Map<String, SpanNode> linkTargets, boolean showService) {
    SpanData span = node.span();
    out.append(span.getName()).append(" [").append(span.getKind()).append(", ");
    if (showService) {
      out.append(node.serviceName().orElse(NO_SERVICE)).append(", ");
    }
    appendStatus(out, span.getStatus());
    out.append(", ").append(formatDuration(node.duration()));
    if (!span.getSpanContext().isSampled()) {
      out.append(", not sampled");
    }
    out.append(']');
    if (node.isOrphan()) {
      out.append(" (orphan: parent ").append(node.parentSpanId()).append(" is not in the trace)");
    } else if (node.hasRemoteParent()) {
      out.append(" (remote parent ").append(node.parentSpanId()).append(')');
    }
    for (String key : attributeKeys) {
      span.getAttributes()
          .forEach(
              (attributeKey, value) -> {
                if (attributeKey.getKey().equals(key)) {
                  out.append(' ').append(key).append('=').append(value);
                }
              });
    }
    List<EventData> events = span.getEvents();
    if (!events.isEmpty()) {
      out.append(" events: ");
      for (int i = 0; i < events.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(events.get(i).getName());
      }
    }
    for (LinkData link : span.getLinks()) {
      appendLink(out, span.getTraceId(), link.getSpanContext(), linkTargets);
    }
    String mark = marks.get(node);
    if (mark != null) {
      out.append("  <-- ").append(mark);
    }
  }

  /**
   * " → link to [name]" within the trace, "… in trace 4bf92f35…" in another drawn trace, and by its
   * ids when the linked span is not drawn.
   */
  private static void appendLink(
      StringBuilder out, String ownTraceId, SpanContext linked, Map<String, SpanNode> targets) {
    SpanNode target = targets.get(linked.getTraceId() + linked.getSpanId());
    out.append(" → link to ");
    if (target == null) {
      out.append("span ")
          .append(linked.getSpanId())
          .append(" in trace ")
          .append(linked.getTraceId())
          .append(" (not drawn)");
    } else {
      out.append('[').append(target.name()).append(']');
      if (!linked.getTraceId().equals(ownTraceId)) {
        out.append(" in trace ").append(linked.getTraceId(), 0, 8).append('…');
      }
    }
  }

  private static void appendStatus(StringBuilder out, StatusData status) {
    out.append(status.getStatusCode());
    if (status.getStatusCode() == StatusCode.ERROR && !status.getDescription().isEmpty()) {
      out.append(" \"").append(status.getDescription()).append('"');
    }
  }

  /**
   * A duration the way the tree shows it, to three significant digits: 850 ns, 12.3 µs, 4.07 ms,
   * 1.20 s. Messages that quote durations use it too, so they agree with the tree.
   */
  public static String formatDuration(Duration duration) {
    long nanos = Objects.requireNonNull(duration, "duration").toNanos();
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return threeDigits(nanos / 1e3) + " µs";
    }
    if (nanos < 1_000_000_000) {
      return threeDigits(nanos / 1e6) + " ms";
    }
    return threeDigits(nanos / 1e9) + " s";
  }

  private static String threeDigits(double value) {
    String pattern = value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, pattern, value);
  }
}
