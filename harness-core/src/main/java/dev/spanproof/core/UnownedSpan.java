package dev.spanproof.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A span that belongs to no open capture session, as a value for reports: what it is, why it has no
 * session, which thread started it and, when known, where, and which test most likely lost its
 * context. From {@link TracingHarness#unownedSpanReports()}.
 */
public final class UnownedSpan {

  private final String name;
  private final String traceId;
  private final String spanId;
  private final boolean hasEnded;
  private final String reason;
  private final String closedSession;
  private final String threadName;
  private final List<StackTraceElement> startStack;
  private final String likelyTest;
  private final String sendingService;

  UnownedSpan(
      String name,
      String traceId,
      String spanId,
      boolean hasEnded,
      String reason,
      String closedSession,
      String threadName,
      List<StackTraceElement> startStack,
      String likelyTest,
      String sendingService) {
    this.name = name;
    this.traceId = traceId;
    this.spanId = spanId;
    this.hasEnded = hasEnded;
    this.reason = reason;
    this.closedSession = closedSession;
    this.threadName = threadName;
    this.startStack = startStack == null ? null : List.copyOf(startStack);
    this.likelyTest = likelyTest;
    this.sendingService = sendingService;
  }

  /** The span's name. */
  public String name() {
    return name;
  }

  /** The span's trace id, 32 lowercase hex characters. */
  public String traceId() {
    return traceId;
  }

  /** The span's id, 16 lowercase hex characters. */
  public String spanId() {
    return spanId;
  }

  /** Whether the span had ended when this report was taken. */
  public boolean hasEnded() {
    return hasEnded;
  }

  /**
   * Why the span has no session: {@code started outside any capture session}, {@code started after
   * [name] was closed}, or, for a span another process exported to the harness's OTLP receiver,
   * {@code received over OTLP from service [name], in a trace no open session owns}.
   */
  public String reason() {
    return reason;
  }

  /**
   * The name of the session whose context the span carried, when that session was already closed as
   * the span started: the test that left work running past its end. Empty if the span carried no
   * session.
   */
  public Optional<String> closedSession() {
    return Optional.ofNullable(closedSession);
  }

  /** The name of the thread that started the span. */
  public String threadName() {
    return threadName;
  }

  /**
   * Where the span was started: the user's frames, from the first below the OpenTelemetry SDK and
   * spanproof down to the last above the test runner, reflection or thread pool that ran them;
   * empty unless the harness records start stacks.
   */
  public Optional<List<StackTraceElement>> startStack() {
    return Optional.ofNullable(startStack);
  }

  /**
   * The name of the capture session (typically a test) last seen on a thread of the same pool as
   * the thread that started the span, when the span started: the test that most likely lost the
   * context. Threads of one pool share a name up to their trailing number ({@code pool-2-thread-1},
   * {@code pool-2-thread-3}). Empty if no session was seen on that pool.
   */
  public Optional<String> likelyTest() {
    return Optional.ofNullable(likelyTest);
  }

  /**
   * The {@code service.name} of the process that exported the span to the harness's OTLP receiver
   * ({@link TracingHarness.Builder#otlpReceiver()}); empty for a span started in this JVM, or sent
   * by a process that named no service.
   */
  public Optional<String> sendingService() {
    return Optional.ofNullable(sendingService);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UnownedSpan that
        && hasEnded == that.hasEnded
        && name.equals(that.name)
        && traceId.equals(that.traceId)
        && spanId.equals(that.spanId)
        && reason.equals(that.reason)
        && Objects.equals(closedSession, that.closedSession)
        && threadName.equals(that.threadName)
        && Objects.equals(startStack, that.startStack)
        && Objects.equals(likelyTest, that.likelyTest)
        && Objects.equals(sendingService, that.sendingService);
  }

  @Override
  public int hashCode() {
    return Objects.hash(traceId, spanId, hasEnded, reason);
  }

  @Override
  public String toString() {
    return "UnownedSpan[" + name + " " + spanId + ", " + reason + ", thread " + threadName + "]";
  }
}
