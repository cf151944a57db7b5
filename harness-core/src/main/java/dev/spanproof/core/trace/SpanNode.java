package dev.spanproof.core.trace;

import dev.spanproof.core.internal.SpanDataWithBaggage;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ServiceAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One span in a {@link Trace}, with its place in the tree: parent, children (ordered by start
 * time), depth.
 *
 * <p>A node whose parent is not in the trace is a root of the trace. Such a root is either a true
 * root (no parent at all), a span continuing a remote parent ({@link #hasRemoteParent()}), or an
 * orphan ({@link #isOrphan()}): its parent is local but was never captured, which usually means a
 * span was not ended or context was lost.
 */
public final class SpanNode {

  private final SpanData span;
  // Read when the node is made, with the span in cache: indexing needs it right after, and each
  // read through the span follows several objects (span, SDK span, context, id).
  private final String spanId;
  // Assigned once while the owning Trace is built, read-only afterwards.
  private SpanNode parent;
  // Most spans are leaves: a list is made only for a node that gets a child.
  private List<SpanNode> children = List.of();
  private int depth;
  private int expectedChildren;
  private boolean inParentCycle;

  SpanNode(SpanData span) {
    this.span = span;
    this.spanId = span.getSpanId();
  }

  /** The captured span. */
  public SpanData span() {
    return span;
  }

  /** The span's name. */
  public String name() {
    return span.getName();
  }

  /** The span id, 16 lowercase hex characters. */
  public String spanId() {
    return spanId;
  }

  /**
   * The baggage that was in the context where the span started (empty baggage if there was none),
   * for spans captured by a spanproof harness; empty for spans from elsewhere, such as
   * sdk-testing's {@code InMemorySpanExporter}. Spans do not carry baggage, so this is how a test
   * checks that {@code tenant.id} reached the code that started a span.
   */
  public Optional<Baggage> baggageAtStart() {
    return span instanceof SpanDataWithBaggage captured
        ? Optional.of(captured.baggageAtStart())
        : Optional.empty();
  }

  /** The parent span id, or {@code 0000000000000000} for a span without a parent. */
  public String parentSpanId() {
    return span.getParentSpanId();
  }

  /** The parent within the trace; empty for every root (true root, remote parent or orphan). */
  public Optional<SpanNode> parent() {
    return Optional.ofNullable(parent);
  }

  /**
   * The children, ordered by start time; spans that started at the same instant keep capture order.
   */
  public List<SpanNode> children() {
    return children;
  }

  /** Every node below this one, parents before children, siblings in start order. */
  public List<SpanNode> descendants() {
    List<SpanNode> result = new ArrayList<>();
    TreeWalk.preOrder(children, (node, level) -> result.add(node));
    return result;
  }

  /** 0 for a root, 1 for its children, and so on. */
  public int depth() {
    return depth;
  }

  /** True when the span has no parent inside this trace. */
  public boolean isRoot() {
    return parent == null;
  }

  /** True when the span continues a context received from another process. */
  public boolean hasRemoteParent() {
    return span.getParentSpanContext().isRemote() && span.getParentSpanContext().isValid();
  }

  /**
   * True when the span names a local parent that is not in the trace (never ended, never captured,
   * or dropped), or when its parent chain loops back on itself.
   */
  public boolean isOrphan() {
    if (inParentCycle) {
      return true;
    }
    SpanContext parentContext = span.getParentSpanContext();
    return parent == null && parentContext.isValid() && !parentContext.isRemote();
  }

  /** The {@code service.name} of the span's resource: which service made it. */
  public Optional<String> serviceName() {
    return Optional.ofNullable(span.getResource().getAttribute(ServiceAttributes.SERVICE_NAME));
  }

  /** The span's duration (end minus start). */
  public Duration duration() {
    return Duration.ofNanos(span.getEndEpochNanos() - span.getStartEpochNanos());
  }

  /** True when {@code ancestor} is this node's parent, grandparent, and so on. */
  public boolean isDescendantOf(SpanNode ancestor) {
    for (SpanNode p = parent; p != null; p = p.parent) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "span [" + name() + "] " + spanId();
  }

  void expectChild() {
    expectedChildren++;
  }

  void attachTo(SpanNode newParent) {
    parent = newParent;
    if (newParent.children.isEmpty()) {
      newParent.children = new ArrayList<>(Math.max(1, newParent.expectedChildren));
    }
    newParent.children.add(this);
  }

  void detachFromParent() {
    parent = null;
  }

  void markInParentCycle() {
    inParentCycle = true;
  }

  void placeAt(int depth) {
    this.depth = depth;
  }

  void freeze() {
    if (!children.isEmpty()) {
      children = Collections.unmodifiableList(children);
    }
  }
}
