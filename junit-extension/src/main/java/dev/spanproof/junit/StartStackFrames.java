package dev.spanproof.junit;

import java.util.ArrayList;
import java.util.List;

/**
 * The frames of a span's start stack that a report shows: the user's own, from where the span was
 * started down to the test method, without the OpenTelemetry and spanproof frames above them and
 * the JUnit and reflection frames below them.
 */
final class StartStackFrames {

  private static final int MAX_FRAMES = 12;

  /** Frames above the user's call: the span builder, the SDK, spanproof's capture. */
  private static final List<String> STARTING_SPAN =
      List.of(
          "io.opentelemetry.sdk.",
          "io.opentelemetry.api.",
          "io.opentelemetry.context.",
          "dev.spanproof.core.");

  /** Frames below the test method: how JUnit called it, which says nothing about the span. */
  private static final List<String> RUNNING_TEST =
      List.of(
          "jdk.internal.reflect.",
          "sun.reflect.",
          "java.lang.reflect.",
          "java.lang.invoke.",
          "org.junit.",
          TracingExtension.class.getName());

  private StartStackFrames() {}

  static List<StackTraceElement> of(List<StackTraceElement> startStack) {
    int first = 0;
    while (first < startStack.size() && startsWithAny(startStack.get(first), STARTING_SPAN)) {
      first++;
    }
    List<StackTraceElement> shown = new ArrayList<>();
    for (int i = first; i < startStack.size() && shown.size() < MAX_FRAMES; i++) {
      if (startsWithAny(startStack.get(i), RUNNING_TEST)) {
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

  private static boolean startsWithAny(StackTraceElement frame, List<String> packages) {
    return packages.stream().anyMatch(frame.getClassName()::startsWith);
  }
}
