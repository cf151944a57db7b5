package dev.spanproof.core;

import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The start stack of the first span of each name, shared by every span of that name after it: one
 * stack walk per name instead of one per span. A session keeps one table ({@link
 * StartStackRecording#FIRST_OF_EACH_NAME}), a harness one for all its sessions ({@link
 * StartStackRecording#FIRST_OF_EACH_NAME_PER_HARNESS}).
 */
final class FirstStartStacks {

  /**
   * Names past this many each take their own stack: a table that lives as long as a harness must
   * not grow with span names that carry ids, and such spans are then still reported exactly.
   */
  static final int MAX_NAMES = 10_000;

  private final ConcurrentMap<String, StartStack> byName = new ConcurrentHashMap<>();

  /**
   * The start stack of the first span named as {@code span} is, taken now (for {@code takenIn}) if
   * {@code span} is that first one; {@code takenIn} names the session it starts in.
   */
  StartStack firstOfName(ReadableSpan span, String takenIn) {
    String name = span.getName();
    StartStack first = byName.get(name);
    if (first != null) {
      return first;
    }
    StartStack own = new StartStack(span, takenIn);
    if (byName.size() >= MAX_NAMES) {
      return own;
    }
    // Not computeIfAbsent: the stack would hold the map's bin lock while it is walked.
    first = byName.putIfAbsent(name, own);
    return first == null ? own : first;
  }

  void clear() {
    byName.clear();
  }
}
