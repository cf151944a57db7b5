package dev.spanproof.core;

import dev.spanproof.core.internal.UserFrames;
import java.util.List;

/**
 * Trims a span's start stack to the frames a user recognises: theirs, from where the span was
 * started down to their test or task, without the SDK's and spanproof's frames above them and the
 * test runner's, reflection's or thread pool's frames below them, which say nothing about the span.
 */
final class StartStacks {

  /** Frames above the user's call: the span builder, the SDK, spanproof's capture. */
  private static final List<String> STARTING_THE_SPAN =
      List.of(
          "io.opentelemetry.sdk.",
          "io.opentelemetry.api.",
          "io.opentelemetry.context.",
          CapturingSpanProcessor.class.getName(),
          SpanBucket.class.getName(),
          FirstStartStacks.class.getName(),
          RoutingTracerProvider.class.getName(),
          // Its nested router classes only: the name alone would also match ExternalSdkCaptureTest.
          ExternalSdkCapture.class.getName() + "$");

  /**
   * Frames below the user's code: how a test runner called it, or a thread pool ran it through a
   * context-carrying wrapper.
   */
  private static final List<String> RUNNING_THE_USER_CODE =
      List.of(
          "io.opentelemetry.context.",
          "jdk.internal.reflect.",
          "sun.reflect.",
          "java.lang.reflect.",
          "java.lang.invoke.",
          "org.junit.",
          "java.util.concurrent.ThreadPoolExecutor",
          "java.util.concurrent.ScheduledThreadPoolExecutor",
          "java.util.concurrent.FutureTask",
          "java.util.concurrent.Executors$",
          "java.util.concurrent.ForkJoin",
          "java.lang.Thread.",
          "java.lang.VirtualThread",
          "jdk.internal.vm.Continuation");

  private StartStacks() {}

  static List<StackTraceElement> userFrames(Throwable startStack) {
    return UserFrames.of(startStack, STARTING_THE_SPAN, RUNNING_THE_USER_CODE);
  }
}
