package dev.spanproof.core.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The first value offered for each name, kept for every later look-up of the name: how start and
 * scope stacks are taken once per span name. Bounded, so that a table living as long as a harness
 * does not grow with span names that carry ids: past the bound nothing more is kept, and each
 * caller keeps its own value. Not public API.
 *
 * @param <T> the values, made by the caller only when {@link #first} finds none
 */
public final class FirstOfEachName<T> {

  /** How many names a table keeps. */
  public static final int MAX_NAMES = 10_000;

  private final ConcurrentMap<String, T> byName = new ConcurrentHashMap<>();

  /** The value kept for {@code name}, null if none yet: then make one and {@link #offer} it. */
  public T first(String name) {
    return byName.get(name);
  }

  /**
   * Keeps {@code made} for {@code name} unless another value came first or the table is full.
   *
   * @return the value kept for the name: {@code made} if it was first (or the table is full)
   */
  public T offer(String name, T made) {
    if (byName.size() >= MAX_NAMES) {
      return made;
    }
    // Not computeIfAbsent: callers make their values (stack walks) outside any lock of the map.
    T first = byName.putIfAbsent(name, made);
    return first == null ? made : first;
  }

  /** Forgets every name. */
  public void clear() {
    byName.clear();
  }
}
