package dev.spanproof.core.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.List;
import java.util.Optional;

/** One scope opened for a watched session. Not public API. */
public final class TrackedScope {

  /** Frames above the user's call: OpenTelemetry's context and span code, spanproof's wrapper. */
  private static final List<String> OPENING_THE_SCOPE =
      List.of(
          "io.opentelemetry.",
          "dev.spanproof.core.internal.ScopeTracking",
          "dev.spanproof.core.internal.WatchedScopes",
          "dev.spanproof.core.internal.OpenStacks",
          "dev.spanproof.core.CaptureSession");

  /** Frames below the user's code: the test runner, reflection, a thread pool. */
  private static final List<String> RUNNING_THE_USER_CODE =
      List.of(
          "io.opentelemetry.context.",
          "jdk.internal.reflect.",
          "java.lang.reflect.",
          "java.lang.invoke.",
          "org.junit.",
          "java.util.concurrent.",
          "java.lang.Thread.",
          "java.lang.VirtualThread",
          "jdk.internal.vm.Continuation");

  private final Context context;
  private final Thread openedOn;
  private final String openedOnName;
  private final boolean runners;
  // Set by OpenStacks before the scope is published to other threads, never after.
  private OpenStacks.OpenStack openStack;
  private boolean ownOpenStack;
  private volatile String closedOnName;
  private volatile TrackedScope closedBefore;
  private Scope scope;
  private volatile boolean restoring;

  TrackedScope(Context context, Thread openedOn, boolean runners) {
    this.context = context;
    this.openedOn = openedOn;
    this.openedOnName = openedOn.getName();
    this.runners = runners;
  }

  /** Where the scope was opened: {@code own} if taken for it, else shared by its span name. */
  void openStack(OpenStacks.OpenStack stack, boolean own) {
    this.openStack = stack;
    this.ownOpenStack = own;
  }

  Context context() {
    return context;
  }

  Thread openedOn() {
    return openedOn;
  }

  void closedOn(Thread thread) {
    closedOnName = thread.getName();
  }

  /** Marks the scope as closed by spanproof after the test, to restore its thread. */
  void restoring() {
    restoring = true;
  }

  boolean isRestoring() {
    return restoring;
  }

  /** The scope the wrapper handed out; set once, right after it is made. */
  void scope(Scope scope) {
    this.scope = scope;
  }

  Scope scope() {
    return scope;
  }

  /** Closed out of order: {@code inner} was opened after it on the thread and still open. */
  void closedBefore(TrackedScope inner) {
    this.closedBefore = inner;
  }

  /**
   * The inner scope that was still current when this one was closed out of order, if it was one of
   * the session's.
   */
  public Optional<TrackedScope> closedBefore() {
    return Optional.ofNullable(closedBefore);
  }

  /**
   * Whether the test runner opened the scope around the test ({@link
   * WatchedScopes#openRunnersScope}), which has no open stack even when stacks are recorded.
   */
  public boolean isRunnersScope() {
    return runners;
  }

  /** Whether the scope was closed. */
  public boolean isClosed() {
    return closedOnName != null;
  }

  /** The name of the thread that opened the scope. */
  public String openedOnThread() {
    return openedOnName;
  }

  /** The name of the thread that closed the scope, if it was closed. */
  public Optional<String> closedOnThread() {
    return Optional.ofNullable(closedOnName);
  }

  /**
   * The span the scope made current, as every spanproof report names one: {@code span [name] (trace
   * …, span …)}, or {@code no span} when its context has none.
   */
  public String spanDescription() {
    Span span = Span.fromContext(context);
    SpanContext spanContext = span.getSpanContext();
    if (!spanContext.isValid()) {
      return "no span";
    }
    String name = span instanceof ReadableSpan readable ? readable.getName() : "?";
    return "span ["
        + name
        + "] (trace "
        + spanContext.getTraceId()
        + ", span "
        + spanContext.getSpanId()
        + ")";
  }

  /**
   * Where the scope was opened: the user's frames, without OpenTelemetry's and spanproof's above
   * them and the runner's or thread pool's below them; empty unless stacks were recorded. With one
   * stack per span name ({@link OpenStacks#firstOfEachSpanName()}) it may be the stack of the first
   * scope that made a span of the same name current: see {@link #sharedOpenStackSession()}.
   */
  public Optional<List<StackTraceElement>> openStack() {
    if (openStack == null) {
      return Optional.empty();
    }
    return Optional.of(UserFrames.of(openStack, OPENING_THE_SCOPE, RUNNING_THE_USER_CODE));
  }

  /**
   * When {@link #openStack()} is not this scope's own but that of the first scope to make a span of
   * the same name current: the name of the session that scope was opened in. Empty when the stack
   * is the scope's own or none was recorded.
   */
  public Optional<String> sharedOpenStackSession() {
    return openStack == null || ownOpenStack ? Optional.empty() : Optional.of(openStack.session());
  }

  @Override
  public String toString() {
    return "TrackedScope[" + spanDescription() + " on " + openedOnName + "]";
  }
}
