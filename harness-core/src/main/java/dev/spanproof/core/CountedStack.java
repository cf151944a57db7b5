package dev.spanproof.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A lock-free stack whose items are their own links: pushing allocates nothing and is one
 * compare-and-set, and each item carries the count of items up to it, so a limit needs no counter
 * of its own. Readers get the items oldest first.
 *
 * @param <N> the item type, which extends {@link Node}
 */
final class CountedStack<N extends CountedStack.Node<N>> {

  private static final VarHandle NEWEST;

  static {
    try {
      NEWEST = MethodHandles.lookup().findVarHandle(CountedStack.class, "newest", Node.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The link and running count an item carries. */
  abstract static class Node<N extends Node<N>> {
    // Set by tryPush before the item is published to other threads, never after.
    N previous;
    int count;
  }

  // Pushed to through NEWEST only; cleared by a plain write.
  private volatile N newest;

  /** The newest item, null when empty: pass it to {@link #tryPush} to push on top of it. */
  N newest() {
    return newest;
  }

  /**
   * Pushes {@code item} on top of {@code expectedNewest}, unless another item was pushed since it
   * was read.
   *
   * @return whether {@code item} was pushed; if not, read {@link #newest()} again and retry
   */
  boolean tryPush(N expectedNewest, N item) {
    item.previous = expectedNewest;
    item.count = expectedNewest == null ? 1 : expectedNewest.count + 1;
    return NEWEST.compareAndSet(this, expectedNewest, item);
  }

  /** How many items the stack holds. */
  int count() {
    return countUpTo(newest);
  }

  /** How many items the stack held when {@code newest} was its newest. */
  static int countUpTo(Node<?> newest) {
    return newest == null ? 0 : newest.count;
  }

  /** A count kept beside a stack (such as of items refused at its limit), as an int. */
  static int saturated(long count) {
    return (int) Math.min(count, Integer.MAX_VALUE);
  }

  /** The items, oldest first. */
  List<N> oldestFirst() {
    N last = newest;
    List<N> items = new ArrayList<>(countUpTo(last));
    for (N item = last; item != null; item = item.previous) {
      items.add(item);
    }
    Collections.reverse(items);
    return items;
  }

  /** Whether any item satisfies {@code test}, newest first. */
  boolean anyMatch(Predicate<? super N> test) {
    for (N item = newest; item != null; item = item.previous) {
      if (test.test(item)) {
        return true;
      }
    }
    return false;
  }

  void clear() {
    newest = null;
  }
}
