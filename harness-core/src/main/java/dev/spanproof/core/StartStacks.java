package dev.spanproof.core;

import java.util.List;

/** Trims a span's start stack to the frames a user recognises: theirs, not the SDK's or ours. */
final class StartStacks {

  private StartStacks() {}

  static List<StackTraceElement> userFrames(Throwable startStack) {
    StackTraceElement[] frames = startStack.getStackTrace();
    int first = 0;
    while (first < frames.length && isInfrastructure(frames[first].getClassName())) {
      first++;
    }
    return List.of(frames).subList(first, frames.length);
  }

  private static boolean isInfrastructure(String className) {
    return className.startsWith("io.opentelemetry.sdk.")
        || className.startsWith("io.opentelemetry.api.")
        || className.startsWith("io.opentelemetry.context.")
        || className.startsWith(CapturingSpanProcessor.class.getName())
        || className.startsWith(RoutingTracerProvider.class.getName());
  }
}
