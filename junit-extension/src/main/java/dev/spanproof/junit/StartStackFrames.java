package dev.spanproof.junit;

import java.util.List;

/**
 * How the extension's reports show a span's start stack. The frames come trimmed from core: the
 * user's own, without the SDK's above them or the test runner's below them.
 */
final class StartStackFrames {

  /** Closes a report that shows no stacks because they were not recorded. */
  static final String STACKS_OFF =
      "Start stacks are off here (recordStartStacks(false) or "
          + SpanproofConfiguration.START_STACKS_PROPERTY_NAME
          + "=false); turn them on to see where each span started.";

  /** Closes a report that shows a span or scope with the stack of the first of its span name. */
  static final String ONE_STACK_PER_NAME =
      "Start stacks are recorded for the first span of each name, and the first scope to make it"
          + " current, in a test class ("
          + SpanproofConfiguration.START_STACKS_PROPERTY_NAME
          + "=test: in each test); "
          + SpanproofConfiguration.START_STACKS_PROPERTY_NAME
          + "=every or recordStartStacks(StartStackRecording.EVERY_SPAN) records every span's"
          + " and scope's own.";

  /** As many frames as the unended-span paragraph of {@code UnendedSpan.describe()} shows. */
  private static final int MAX_FRAMES = 12;

  private StartStackFrames() {}

  /** Appends each frame as a stack trace line, indented to sit under a report paragraph. */
  static void appendTo(StringBuilder report, List<StackTraceElement> startStack) {
    for (StackTraceElement frame : startStack.subList(0, Math.min(startStack.size(), MAX_FRAMES))) {
      report.append("\n  \tat ").append(frame);
    }
  }
}
