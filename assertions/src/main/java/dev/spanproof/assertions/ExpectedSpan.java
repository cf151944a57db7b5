package dev.spanproof.assertions;

import java.util.List;
import java.util.Objects;

/**
 * The expected shape of a span and everything below it, by names only, for {@link
 * AbstractTraceAssert#hasStructure(ExpectedSpan)}. Create it with {@link
 * TraceAssertions#span(String, ExpectedSpan...)}:
 *
 * <pre>{@code
 * assertThatTrace().hasStructure(
 *     span("processOrder",
 *         span("validateInventory"),
 *         span("processPayment", span("POST /charges"))));
 * }</pre>
 *
 * <p>Immutable; {@link #toString()} draws the expected tree the way failure messages show it.
 */
public final class ExpectedSpan {

  private final String name;
  private final List<ExpectedSpan> children;

  private ExpectedSpan(String name, List<ExpectedSpan> children) {
    this.name = name;
    this.children = children;
  }

  /**
   * A span named {@code name} with exactly these children.
   *
   * @throws NullPointerException if {@code name}, {@code children} or a child is null
   */
  static ExpectedSpan of(String name, ExpectedSpan... children) {
    String method = "span(String name, ExpectedSpan... children)";
    Arguments.requireNonNull(name, method, "name");
    Arguments.requireNoNulls(children, method, "children");
    return new ExpectedSpan(name, List.of(children));
  }

  /**
   * The span name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The expected children, in the order given.
   *
   * @return the children, unmodifiable
   */
  public List<ExpectedSpan> children() {
    return children;
  }

  /**
   * How many spans this shape has, itself included.
   *
   * @return the span count
   */
  public int size() {
    int size = 1;
    for (ExpectedSpan child : children) {
      size += child.size();
    }
    return size;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExpectedSpan that
        && name.equals(that.name)
        && children.equals(that.children);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, children);
  }

  /** The shape as an indented tree, the root first. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(name);
    appendChildren(out, this, "");
    return out.toString();
  }

  private static void appendChildren(StringBuilder out, ExpectedSpan parent, String prefix) {
    // Expected shapes are written by hand, so recursion depth is never a concern here.
    for (int i = 0; i < parent.children.size(); i++) {
      boolean last = i == parent.children.size() - 1;
      ExpectedSpan child = parent.children.get(i);
      out.append('\n').append(prefix).append(last ? "└─ " : "├─ ").append(child.name);
      appendChildren(out, child, prefix + (last ? "   " : "│  "));
    }
  }
}
