package dev.spanproof.core.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * Which watched scopes record the stack where they were opened: none, every one, or the first scope
 * to make a span of each name current, shared by every session watched with the same instance (in
 * the JUnit extension, the tests of one class). A stack costs a stack walk and about a kilobyte at
 * a test's depth; one per span name is what keeps a test's scopes cheap. Not public API.
 */
public final class OpenStacks {

  private static final OpenStacks NONE = new OpenStacks(false, null);
  private static final OpenStacks EVERY_SCOPE = new OpenStacks(true, null);

  private final boolean record;
  // Null unless one stack per span name is shared.
  private final FirstOfEachName<OpenStack> firstBySpanName;

  private OpenStacks(boolean record, FirstOfEachName<OpenStack> firstBySpanName) {
    this.record = record;
    this.firstBySpanName = firstBySpanName;
  }

  /** No scope records a stack. */
  public static OpenStacks none() {
    return NONE;
  }

  /** Every scope records its own stack. */
  public static OpenStacks everyScope() {
    return EVERY_SCOPE;
  }

  /**
   * A new table in which the first scope to make a span of each name current records its stack, and
   * later scopes of that span name, in any session watched with this table, share it.
   */
  public static OpenStacks firstOfEachSpanName() {
    return new OpenStacks(true, new FirstOfEachName<>());
  }

  /**
   * Gives {@code scope}, opened now in {@code session}, its stack: its own, a shared one or none.
   */
  void record(TrackedScope scope, String session) {
    if (!record) {
      return;
    }
    if (firstBySpanName == null) {
      scope.openStack(new OpenStack(session), true);
      return;
    }
    String spanName = spanName(scope.context());
    OpenStack first = firstBySpanName.first(spanName);
    if (first != null) {
      scope.openStack(first, false);
      return;
    }
    OpenStack own = new OpenStack(session);
    OpenStack kept = firstBySpanName.offer(spanName, own);
    scope.openStack(kept, kept == own);
  }

  /**
   * The name of the span {@code context} makes current; empty for no span or one of another SDK.
   */
  private static String spanName(Context context) {
    Span span = Span.fromContext(context);
    return span instanceof ReadableSpan readable ? readable.getName() : "";
  }

  /** The stack where a scope was opened, with the session it was opened in. */
  static final class OpenStack extends Throwable {

    private static final long serialVersionUID = 1L;

    private final String session;

    OpenStack(String session) {
      super("scope opened here");
      this.session = session;
    }

    String session() {
      return session;
    }
  }
}
