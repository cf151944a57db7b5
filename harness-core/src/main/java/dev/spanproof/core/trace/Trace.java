package dev.spanproof.core.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An immutable tree of the spans that share one trace id.
 *
 * <p>Built in one pass over the spans from their parent ids: spans are ordered by start time (spans
 * that started at the same instant keep the order they were given in), and each is attached to its
 * parent. A span whose parent is not in the trace becomes a root: a true root, a span continuing a
 * remote parent, or an orphan. A trace may therefore have several roots.
 *
 * <pre>{@code
 * Trace trace = Trace.of(exporter.getFinishedSpanItems());
 * SpanNode root = trace.roots().get(0);
 * System.out.println(TraceRenderer.create().render(trace));
 * }</pre>
 */
public final class Trace {

  // List.sort is stable: spans that started at the same instant keep capture order.
  private static final Comparator<SpanNode> START_ORDER =
      Comparator.comparingLong(node -> node.span().getStartEpochNanos());

  private final String traceId;
  private final List<SpanNode> roots;
  private final List<SpanNode> spans;
  private final SpanIdIndex bySpanId;
  // Built on the first query by name; racing threads build equal maps, so either may win.
  private volatile Map<String, List<SpanNode>> byName;
  private final int depth;
  private final long startEpochNanos;
  private final long endEpochNanos;

  private Trace(Members members) {
    this.traceId = members.traceId;
    List<SpanNode> nodes = members.nodes;
    // A capture session hands spans over in start order: then there is nothing to sort.
    if (!members.startOrdered) {
      nodes.sort(START_ORDER);
    }
    SpanIdIndex index = new SpanIdIndex(nodes.size());
    for (SpanNode node : nodes) {
      index.putIfAbsent(node);
    }
    // Parents are looked up first and counted, so each children list is made at its final size.
    SpanNode[] parents = new SpanNode[nodes.size()];
    for (int i = 0; i < parents.length; i++) {
      SpanNode node = nodes.get(i);
      SpanNode parent =
          node.span().getParentSpanContext().isValid() ? index.get(node.parentSpanId()) : null;
      if (parent != null && parent != node) {
        parents[i] = parent;
        parent.expectChild();
      }
    }
    List<SpanNode> rootNodes = new ArrayList<>();
    for (int i = 0; i < parents.length; i++) {
      if (parents[i] == null) {
        rootNodes.add(nodes.get(i));
      } else {
        nodes.get(i).attachTo(parents[i]);
      }
    }
    List<SpanNode> ordered = placeInTreeOrder(rootNodes, nodes.size());
    if (ordered.size() != nodes.size()) {
      breakParentCycles(nodes, rootNodes);
      ordered = placeInTreeOrder(rootNodes, nodes.size());
    }
    int maxDepth = -1;
    for (SpanNode node : ordered) {
      node.freeze();
      maxDepth = Math.max(maxDepth, node.depth());
    }
    this.startEpochNanos = members.start;
    this.endEpochNanos = members.end;
    this.roots = Collections.unmodifiableList(rootNodes);
    this.spans = Collections.unmodifiableList(ordered);
    this.bySpanId = index;
    this.depth = maxDepth + 1;
  }

  /** Every node reachable from the roots, parents first, each told its depth. */
  private static List<SpanNode> placeInTreeOrder(List<SpanNode> rootNodes, int expected) {
    List<SpanNode> ordered = new ArrayList<>(expected);
    TreeWalk.preOrder(
        rootNodes,
        (node, level) -> {
          node.placeAt(level);
          ordered.add(node);
        });
    return ordered;
  }

  /**
   * Malformed input can make spans each other's ancestors; none of them is then reachable from a
   * root. Each such loop is cut at its earliest span, which becomes a root marked as an orphan.
   */
  private static void breakParentCycles(List<SpanNode> nodes, List<SpanNode> rootNodes) {
    Set<SpanNode> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
    TreeWalk.preOrder(rootNodes, (node, level) -> reachable.add(node));
    for (SpanNode node : nodes) {
      if (!reachable.contains(node)) {
        node.parent().ifPresent(p -> p.children().remove(node));
        node.detachFromParent();
        node.markInParentCycle();
        TreeWalk.preOrder(List.of(node), (n, level) -> reachable.add(n));
      }
    }
    // The new roots join in start order, as in the sorted list of every node.
    rootNodes.clear();
    for (SpanNode node : nodes) {
      if (node.isRoot()) {
        rootNodes.add(node);
      }
    }
  }

  /**
   * Builds the trace of {@code spans}, which must all share one trace id.
   *
   * @throws IllegalArgumentException if {@code spans} is null, empty, contains null, or holds
   *     several trace ids (use {@link #groupByTraceId(Collection)} for those)
   */
  public static Trace of(Collection<? extends SpanData> spans) {
    List<Trace> traces = groupByTraceId(spans);
    if (traces.size() != 1) {
      throw new IllegalArgumentException(
          traces.isEmpty()
              ? "a trace needs at least one span, but no spans were given"
              : "expected spans of one trace, but they belong to "
                  + traces.size()
                  + " traces: "
                  + traces.stream().map(Trace::traceId).toList());
    }
    return traces.get(0);
  }

  /**
   * Groups {@code spans} by trace id and builds one trace per id, ordered by the start of each
   * trace's earliest span.
   *
   * @throws IllegalArgumentException if {@code spans} is null or contains null
   */
  public static List<Trace> groupByTraceId(Collection<? extends SpanData> spans) {
    if (spans == null) {
      throw new IllegalArgumentException("spans must not be null");
    }
    // One pass checks for null, groups, makes the nodes and notes what the trees need later.
    Map<String, Members> byTraceId = new LinkedHashMap<>();
    // Consecutive spans nearly always share a trace id: look the map up only when it changes.
    Members current = null;
    for (SpanData span : spans) {
      if (span == null) {
        throw new IllegalArgumentException("spans must not contain null, but got " + spans);
      }
      String traceId = span.getTraceId();
      if (current == null || !traceId.equals(current.traceId)) {
        // Usually every span is of one trace: its list then never grows.
        int capacity = byTraceId.isEmpty() ? spans.size() : 10;
        current = byTraceId.computeIfAbsent(traceId, id -> new Members(id, capacity));
      }
      current.add(span);
    }
    List<Trace> traces = new ArrayList<>(byTraceId.size());
    for (Members members : byTraceId.values()) {
      traces.add(new Trace(members));
    }
    traces.sort(Comparator.comparingLong(Trace::startEpochNanos));
    return Collections.unmodifiableList(traces);
  }

  /** The spans of one trace id as they are gathered, with their time span and whether sorted. */
  private static final class Members {
    final String traceId;
    final List<SpanNode> nodes;
    boolean startOrdered = true;
    long lastStart = Long.MIN_VALUE;
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;

    Members(String traceId, int capacity) {
      this.traceId = traceId;
      this.nodes = new ArrayList<>(capacity);
    }

    void add(SpanData span) {
      long spanStart = span.getStartEpochNanos();
      // Equal starts keep capture order when sorted too, so only a decrease needs a sort.
      if (spanStart < lastStart) {
        startOrdered = false;
      }
      lastStart = spanStart;
      nodes.add(new SpanNode(span));
      start = Math.min(start, spanStart);
      end = Math.max(end, span.getEndEpochNanos());
    }
  }

  /** The trace id, 32 lowercase hex characters. */
  public String traceId() {
    return traceId;
  }

  /** The spans without a parent in this trace, by start time. Usually one. */
  public List<SpanNode> roots() {
    return roots;
  }

  /** Every span, parents before their children, siblings by start time. */
  public List<SpanNode> spans() {
    return spans;
  }

  /** The number of spans. */
  public int spanCount() {
    return spans.size();
  }

  /** The span with this id. */
  public Optional<SpanNode> findBySpanId(String spanId) {
    return Optional.ofNullable(bySpanId.get(spanId));
  }

  /** The spans with this name, in tree order. */
  public List<SpanNode> spansNamed(String name) {
    Objects.requireNonNull(name, "name");
    Map<String, List<SpanNode>> index = byName;
    if (index == null) {
      index = indexByName();
      byName = index;
    }
    return index.getOrDefault(name, List.of());
  }

  /**
   * Every span by name, each list in tree order. Assertions ask for spans by name many times (each
   * {@code span(name)}, each count, each check that a name is unique), so one pass answers them all
   * instead of a scan per query.
   */
  private Map<String, List<SpanNode>> indexByName() {
    Map<String, List<SpanNode>> index = new HashMap<>();
    // Spans of one name often follow each other in tree order (a parent's repeated children).
    String lastName = null;
    List<SpanNode> lastList = null;
    for (SpanNode node : spans) {
      String name = node.name();
      if (lastList == null || !Objects.equals(name, lastName)) {
        lastName = name;
        lastList = index.computeIfAbsent(name, key -> new ArrayList<>());
      }
      lastList.add(node);
    }
    index.replaceAll((name, named) -> Collections.unmodifiableList(named));
    return index;
  }

  /** The spans of this kind, in tree order. */
  public List<SpanNode> spansOfKind(SpanKind kind) {
    Objects.requireNonNull(kind, "kind");
    return spansMatching(node -> node.span().getKind() == kind);
  }

  /** The spans whose attribute {@code key} equals {@code value}, in tree order. */
  public <T> List<SpanNode> spansWithAttribute(AttributeKey<T> key, T value) {
    Objects.requireNonNull(key, "key");
    return spansMatching(node -> Objects.equals(node.span().getAttributes().get(key), value));
  }

  /** The spans that satisfy {@code condition}, in tree order. */
  public List<SpanNode> spansMatching(Predicate<? super SpanNode> condition) {
    Objects.requireNonNull(condition, "condition");
    return spans.stream().filter(condition).toList();
  }

  /** Roots whose local parent is missing from the trace. */
  public List<SpanNode> orphans() {
    return roots.stream().filter(SpanNode::isOrphan).toList();
  }

  /** Spans that continue a context received from another process. */
  public List<SpanNode> spansWithRemoteParent() {
    return spansMatching(SpanNode::hasRemoteParent);
  }

  /**
   * True when the trace crosses services: its spans' {@link SpanNode#serviceName() service names}
   * differ (a span without one counts as a service of its own). Drawings then name each span's
   * service.
   */
  public boolean spansSeveralServices() {
    return spans.stream().map(SpanNode::serviceName).distinct().limit(2).count() > 1;
  }

  /** The number of levels: 1 for a single span, 2 for a root with children, and so on. */
  public int depth() {
    return depth;
  }

  /** The earliest start of any span, in epoch nanoseconds. */
  public long startEpochNanos() {
    return startEpochNanos;
  }

  /** The latest end of any span, in epoch nanoseconds. */
  public long endEpochNanos() {
    return endEpochNanos;
  }

  /** From the earliest start to the latest end. */
  public Duration duration() {
    return Duration.ofNanos(endEpochNanos() - startEpochNanos());
  }

  @Override
  public String toString() {
    return TraceRenderer.create().render(this);
  }
}
