package dev.spanproof.core;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.List;
import java.util.Optional;

/**
 * A span that was started but not ended, with the stack where it started when the harness records
 * start stacks. Unended spans are never exported by a real SDK, so they are lost from production
 * traces: a test should know.
 */
public final class UnendedSpan {

  /** How many frames of the start stack {@link #describe()} shows. */
  private static final int DESCRIBED_FRAMES = 12;

  private final ReadableSpan span;
  private final Throwable startStack;

  UnendedSpan(ReadableSpan span, Throwable startStack) {
    this.span = span;
    this.startStack = startStack;
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
   * Where the span was started, from the first frame below the OpenTelemetry SDK and spanproof;
   * empty unless the harness records start stacks.
   */
  public Optional<List<StackTraceElement>> startStack() {
    return Optional.ofNullable(startStack).map(StartStacks::userFrames);
  }

  /**
   * One paragraph for a report: name, ids and, when known, the frames of the start stack below the
   * OpenTelemetry SDK and spanproof itself.
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
    out.append(", started at:");
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
