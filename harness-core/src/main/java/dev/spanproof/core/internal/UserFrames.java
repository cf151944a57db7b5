package dev.spanproof.core.internal;

import java.util.List;

/**
 * Trims a recorded stack to the frames a user recognises, for span start stacks and scope open
 * stacks alike: the caller says which frames sit above the user's call and which below the user's
 * code. Not public API.
 */
public final class UserFrames {

  private UserFrames() {}

  /**
   * The frames of {@code stack} after the leading ones whose class starts with one of {@code
   * above}, up to the first whose class starts with one of {@code below}; all frames after the
   * leading ones when that leaves none (code the runner itself ran).
   */
  public static List<StackTraceElement> of(
      Throwable stack, List<String> above, List<String> below) {
    List<StackTraceElement> frames = List.of(stack.getStackTrace());
    int first = 0;
    while (first < frames.size() && startsWithAny(frames.get(first), above)) {
      first++;
    }
    int end = first;
    while (end < frames.size() && !startsWithAny(frames.get(end), below)) {
      end++;
    }
    return frames.subList(first, end > first ? end : frames.size());
  }

  private static boolean startsWithAny(StackTraceElement frame, List<String> prefixes) {
    // With the dot, "java.lang.Thread." matches Thread.run, not the class ThreadLocal.
    String frameName = frame.getClassName() + ".";
    return prefixes.stream().anyMatch(frameName::startsWith);
  }
}
