package dev.spanproof.core;

import dev.spanproof.core.internal.OpenHarnesses;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * Capture for an OpenTelemetry SDK that spanproof did not build, such as the one Spring Boot builds
 * for the application under test: with {@link #spanProcessor()} among its span processors and its
 * sampler wrapped in {@link #recordingSampler(Sampler)}, that SDK's spans and head-sampling
 * decisions land in the open {@link CaptureSession}s they belong to, by the rule the harness's own
 * spans follow (the session in the parent context, else the session holding spans of the parent's
 * trace in any open harness, else the session current on the thread). So a server span that a
 * request thread starts from a remote parent belongs to the test whose client span sent the
 * request.
 *
 * <pre>{@code
 * SdkTracerProvider.builder()
 *     .setSampler(ExternalSdkCapture.recordingSampler(applicationSampler))
 *     .addSpanProcessor(ExternalSdkCapture.spanProcessor())
 *     ...
 * }</pre>
 *
 * <p>The SDK keeps its own sampler, resource, limits and exporters: the capture only looks. Spans
 * and decisions that belong to no open session are kept with the unowned spans of the open harness
 * built first, which reports them ({@link TracingHarness#unownedSpanReports()}); while no harness
 * is open they are not kept.
 */
public final class ExternalSdkCapture {

  private static final SpanProcessor PROCESSOR = new RoutingProcessor();

  private ExternalSdkCapture() {}

  /**
   * A span processor that hands each started span to the open harness it belongs to. Only span
   * starts are seen, so it costs the SDK nothing when spans end, and shutting it down does nothing:
   * the harnesses close themselves.
   */
  public static SpanProcessor spanProcessor() {
    return PROCESSOR;
  }

  /**
   * {@code sampler}, unchanged in its decisions, recording each one in the session the span belongs
   * to: {@link CaptureSession#samplingDecisions()} then shows the spans the sampler dropped, which
   * no span processor ever sees.
   *
   * @throws IllegalArgumentException if {@code sampler} is null
   */
  public static Sampler recordingSampler(Sampler sampler) {
    if (sampler == null) {
      throw new IllegalArgumentException("sampler must not be null");
    }
    return new RecordingSampler(sampler, ExternalSdkCapture::samplingLogFor);
  }

  /**
   * The log of the session {@code parentContext} belongs to, else the unowned decisions of the
   * harness that keeps spans of no session; null while no harness is open.
   */
  private static SamplingLog samplingLogFor(Context parentContext) {
    CaptureSession owner = owner(parentContext);
    TracingHarness harness = harnessFor(owner);
    return harness == null ? null : RecordingSampler.logOf(owner, harness.unownedDecisions());
  }

  /** The session {@code parentContext} belongs to in any open harness, or null. */
  private static CaptureSession owner(Context parentContext) {
    return CaptureSession.attribute(parentContext, ExternalSdkCapture::traceOwnerInAnyHarness);
  }

  private static CaptureSession traceOwnerInAnyHarness(String traceId) {
    return OpenHarnesses.findSessionOwningTrace(traceId).orElse(null);
  }

  /** The harness of {@code owner}, else the one that keeps spans of no session; null if none. */
  private static TracingHarness harnessFor(CaptureSession owner) {
    return owner != null ? owner.harness() : OpenHarnesses.earliest().orElse(null);
  }

  private static final class RoutingProcessor implements SpanProcessor {

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      TracingHarness harness = harnessFor(owner(parentContext));
      if (harness != null) {
        // The harness's own capture attributes the span again, and finds the same session.
        harness.capture().onStart(parentContext, span);
      }
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public String toString() {
      return "ExternalSdkCapture.spanProcessor()";
    }
  }
}
