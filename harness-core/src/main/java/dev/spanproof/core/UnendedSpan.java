package dev.spanproof.core;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.List;
import java.util.Optional;

/**
 * A span that was started but not ended, with the stack where it started when the harness records
 * start stacks: its own, or, when stacks are recorded once per span name ({@link
 * StartStackRecording#FIRST_OF_EACH_NAME_PER_HARNESS}, {@link
 * StartStackRecording#FIRST_OF_EACH_NAME}), that of the first span of its name. Unended spans are
 * never exported by a real SDK, so they are lost from production traces: a test should know.
 */
public final class UnendedSpan {

  /** How many frames of the start stack {@link #describe()} shows. */
  private static final int DESCRIBED_FRAMES = 12;

  private final ReadableSpan span;
  private final StartStack startStack;
  private final String owner;

  /**
   * @param owner the name of the span's session, to tell a same-name stack taken in another
   *     session; null for a span of no session
   */
  UnendedSpan(ReadableSpan span, StartStack startStack, String owner) {
    this.span = span;
    this.startStack = startStack;
    this.owner = owner;
  }

  /** The span's name. */
  public String name() {
    return span.getName();
  }

  /** The span's context (trace id, span id). */
  public SpanContext spanContext() {
    return span.getSpanContext();
  }

  /** The span itself, still live: it may end after this was taken. */
  public ReadableSpan span() {
    return span;
  }

  /**
   * Where the span was started: the user's frames, from the first below the OpenTelemetry SDK and
   * spanproof down to the last above the test runner, reflection or thread pool that ran them;
   * empty unless the harness recorded this span's own start stack.
   */
  public Optional<List<StackTraceElement>> startStack() {
    return ownStack().map(StartStacks::userFrames);
  }

  /**
   * Where the first span of the same name started, trimmed as {@link #startStack()} is, when the
   * harness records one stack per span name and this span is not that first one: the first in the
   * harness ({@link StartStackRecording#FIRST_OF_EACH_NAME_PER_HARNESS}, possibly in another
   * session, see {@link #sameNameStackSession()}) or in this span's session ({@link
   * StartStackRecording#FIRST_OF_EACH_NAME}). Most likely where this span started too, unless the
   * code starts spans of this name in several places. Empty when {@link #startStack()} is present
   * or no stacks were recorded.
   */
  public Optional<List<StackTraceElement>> sameNameStartStack() {
    return sameNameStack().map(StartStacks::userFrames);
  }

  /**
   * The name of the session whose span the {@link #sameNameStartStack()} was taken for, when that
   * is not this span's session: with one stack per span name in the harness, the first test of a
   * class to start a span of a name records the stack for the whole class. Empty otherwise.
   */
  public Optional<String> sameNameStackSession() {
    return sameNameStack().map(StartStack::takenIn).filter(takenIn -> !takenIn.equals(owner));
  }

  private Optional<StartStack> ownStack() {
    return Optional.ofNullable(startStack).filter(stack -> stack.isOf(span));
  }

  private Optional<StartStack> sameNameStack() {
    return Optional.ofNullable(startStack).filter(stack -> !stack.isOf(span));
  }

  /**
   * One paragraph for a report, the one every spanproof message about an unended span uses: name,
   * ids and, when known, the first frames of {@link #startStack()} or else of {@link
   * #sameNameStartStack()} (saying so), each on a line starting with a tab.
   */
  public String describe() {
    StringBuilder out =
        new StringBuilder("span [")
            .append(name())
            .append("] (trace ")
            .append(spanContext().getTraceId())
            .append(", span ")
            .append(spanContext().getSpanId())
            .append(") was started but never ended");
    if (startStack == null) {
      out.append("; enable start stacks to see where it started");
      return out.toString();
    }
    if (startStack.isOf(span)) {
      out.append(", started at:");
    } else {
      out.append("; its own start stack was not recorded, the first [")
          .append(name())
          .append("] span (span ")
          .append(startStack.spanId());
      sameNameStackSession().ifPresent(session -> out.append(", in ").append(session));
      out.append(") started at:");
    }
    List<StackTraceElement> frames = StartStacks.userFrames(startStack);
    for (StackTraceElement frame : frames.subList(0, Math.min(frames.size(), DESCRIBED_FRAMES))) {
      out.append("\n\tat ").append(frame);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "UnendedSpan[" + name() + " " + spanContext().getSpanId() + "]";
  }
}
