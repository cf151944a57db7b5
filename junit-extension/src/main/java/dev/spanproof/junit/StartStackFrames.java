package dev.spanproof.junit;

import java.util.ArrayList;
import java.util.List;

/**
 * The frames of a span's start stack that a report shows: the user's own, from where the span was
 * started down to the test method, without the OpenTelemetry and spanproof frames above them and
 * the JUnit and reflection frames below them.
 */
final class StartStackFrames {

  /** Closes a report that shows no stacks because they were not recorded. */
  static final String STACKS_OFF =
      "Start stacks are off here (recordStartStacks(false) or "
          + SpanproofConfiguration.START_STACKS_PROPERTY_NAME
          + "=false); turn them on to see where each span started.";

  private static final int MAX_FRAMES = 12;

  /** Frames above the user's call: the span builder, the SDK, spanproof's capture. */
  private static final List<String> STARTING_SPAN =
      List.of(
          "io.opentelemetry.sdk.",
          "io.opentelemetry.api.",
          "io.opentelemetry.context.",
          "dev.spanproof.core.");

  /**
   * Frames below the user's code: how JUnit called the test method, or how a thread pool ran a
   * task, which says nothing about the span.
   */
  private static final List<String> RUNNING_USER_CODE =
      List.of(
          "jdk.internal.reflect.",
          "sun.reflect.",
          "java.lang.reflect.",
          "java.lang.invoke.",
          "org.junit.",
          TracingExtension.class.getName() + ".",
          TracingExtension.class.getName() + "$",
          "java.util.concurrent.ThreadPoolExecutor",
          "java.util.concurrent.ScheduledThreadPoolExecutor",
          "java.util.concurrent.FutureTask",
          "java.util.concurrent.Executors$",
          "java.util.concurrent.ForkJoin",
          "java.lang.Thread.",
          "java.lang.VirtualThread",
          "jdk.internal.vm.Continuation");

  private StartStackFrames() {}

  static List<StackTraceElement> of(List<StackTraceElement> startStack) {
    int first = 0;
    while (first < startStack.size() && startsWithAny(startStack.get(first), STARTING_SPAN)) {
      first++;
    }
    List<StackTraceElement> shown = new ArrayList<>();
    for (int i = first; i < startStack.size() && shown.size() < MAX_FRAMES; i++) {
      if (startsWithAny(startStack.get(i), RUNNING_USER_CODE)) {
        break;
      }
      shown.add(startStack.get(i));
    }
    return shown;
  }

  /** Appends each frame as a stack trace line, indented to sit under a report paragraph. */
  static void appendTo(StringBuilder report, List<StackTraceElement> startStack) {
    for (StackTraceElement frame : of(startStack)) {
      report.append("\n  \tat ").append(frame);
    }
  }

  private static boolean startsWithAny(StackTraceElement frame, List<String> prefixes) {
    // "java.lang.Thread." matches the frame "java.lang.Thread.run", not the class ThreadLocal.
    String frameName = frame.getClassName() + ".";
    return prefixes.stream().anyMatch(frameName::startsWith);
  }
}
