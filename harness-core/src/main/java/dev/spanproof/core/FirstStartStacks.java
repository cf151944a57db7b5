package dev.spanproof.core;

import dev.spanproof.core.internal.FirstOfEachName;
import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * The start stack of the first span of each name, shared by every span of that name after it: one
 * stack walk per name instead of one per span. A session keeps one table ({@link
 * StartStackRecording#FIRST_OF_EACH_NAME}), a harness one for all its sessions ({@link
 * StartStackRecording#FIRST_OF_EACH_NAME_PER_HARNESS}).
 */
final class FirstStartStacks {

  private final FirstOfEachName<StartStack> byName = new FirstOfEachName<>();

  /**
   * The start stack of the first span named as {@code span} is, taken now if {@code span} is that
   * first one; {@code takenIn} names the session it starts in.
   */
  StartStack firstOfName(ReadableSpan span, String takenIn) {
    StartStack first = byName.first(span.getName());
    return first != null ? first : byName.offer(span.getName(), new StartStack(span, takenIn));
  }

  void clear() {
    byName.clear();
  }
}
