package dev.spanproof.core;

import dev.spanproof.core.internal.OpenHarnesses;
import io.opentelemetry.semconv.ServiceAttributes;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A harness's OTLP receiver and what it needs to file received spans: the session that owns each
 * span's trace, and, for a span with none, the sessions closed last, so that a span another process
 * exported after its test ended says which test it was late for and by how much.
 */
final class OtlpIntake implements OtlpReceiver.SpanSink {

  /** How many closed sessions are remembered for late spans. */
  private static final int CLOSED_SESSIONS_REMEMBERED = 256;

  private final Function<String, CaptureSession> ownerOfTrace;
  private final SpanBucket unowned;
  private final ClosedSessions closedSessions = new ClosedSessions(CLOSED_SESSIONS_REMEMBERED);
  private volatile OtlpReceiver receiver;

  private OtlpIntake(Function<String, CaptureSession> ownerOfTrace, SpanBucket unowned) {
    this.ownerOfTrace = ownerOfTrace;
    this.unowned = unowned;
  }

  /**
   * Starts a receiver whose spans go to the harness's session owning their trace ({@code
   * ownerOfTrace}), else to any open harness's, else to {@code unowned}.
   */
  static OtlpIntake start(Function<String, CaptureSession> ownerOfTrace, SpanBucket unowned) {
    OtlpIntake intake = new OtlpIntake(ownerOfTrace, unowned);
    intake.receiver = OtlpReceiver.start(intake);
    return intake;
  }

  URI endpoint() {
    return receiver.endpoint();
  }

  void stop() {
    receiver.stop();
  }

  /** Remembers a closed session's traces, for spans that arrive after it closed. */
  void sessionClosed(CaptureSession session) {
    closedSessions.closed(session);
  }

  /**
   * {@link TracingHarness#awaitOtlpQuiet}'s wait; an interrupt ends it, keeping the thread's
   * interrupt status.
   */
  boolean awaitQuiet(Duration quietPeriod, Duration atMost) {
    try {
      return receiver.awaitQuiet(quietPeriod, atMost);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Checks {@link TracingHarness#awaitOtlpQuiet}'s durations. */
  static void requireWaitDurations(Duration quietPeriod, Duration atMost) {
    requireZeroOrPositive(quietPeriod, "quietPeriod");
    requireZeroOrPositive(atMost, "atMost");
  }

  private static void requireZeroOrPositive(Duration duration, String name) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or positive, but was " + duration);
    }
  }

  /**
   * Keeps a span another process exported, in the open session that owns its trace, in any open
   * harness, else with the unowned spans; returns why it was not kept, or null.
   */
  @Override
  public String keep(ReceivedSpan span) {
    String traceId = span.getSpanContext().getTraceId();
    CaptureSession owner = ownerOfTrace.apply(traceId);
    if (owner == null) {
      owner = OpenHarnesses.findSessionOwningTrace(traceId).orElse(null);
    }
    SpanBucket bucket = owner == null ? unowned : owner.bucket();
    CapturedSpan.UnownedStart unownedStart = owner == null ? receivedTooLate(span) : null;
    if (bucket.add(span, null, null, unownedStart)) {
      return null;
    }
    return "not kept, the limit of "
        + bucket.maxSpans()
        + " spans for "
        + bucket.ownerDescription()
        + " was reached";
  }

  /**
   * Why a received span has no session: its trace's session closed before it came, or none had it.
   */
  private CapturedSpan.UnownedStart receivedTooLate(ReceivedSpan span) {
    String from = "received over OTLP from " + OtlpSpans.serviceName(span.getResource());
    Optional<ClosedSessions.Closed> lateFor =
        closedSessions.owning(span.getSpanContext().getTraceId());
    String reason =
        lateFor
            .map(
                closed ->
                    from
                        + " "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed.closedAtNanos())
                        + " ms after the session that owned its trace, "
                        + closed.name()
                        + ", was closed")
            .orElse(from + ", in a trace no open session owns");
    return new CapturedSpan.UnownedStart(
        reason,
        lateFor.map(ClosedSessions.Closed::name).orElse(null),
        Thread.currentThread().getName(),
        null,
        span.getResource().getAttribute(ServiceAttributes.SERVICE_NAME));
  }
}
