package dev.spanproof.core.internal;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Objects;

/**
 * A captured span together with the baggage of the context it started in, which a span does not
 * carry itself. The harness hands out its spans as this type, so the baggage reaches {@link
 * dev.spanproof.core.trace.SpanNode#baggageAtStart()}. Equality is that of the span data alone. Not
 * public API.
 */
public final class SpanDataWithBaggage extends DelegatingSpanData {

  private final Baggage baggageAtStart;

  private SpanDataWithBaggage(SpanData span, Baggage baggageAtStart) {
    super(span);
    this.baggageAtStart = baggageAtStart;
  }

  /**
   * The span with the baggage it started with.
   *
   * @param span the span's data
   * @param baggageAtStart the baggage of the span's parent context; empty baggage if it had none
   */
  public static SpanDataWithBaggage of(SpanData span, Baggage baggageAtStart) {
    return new SpanDataWithBaggage(
        Objects.requireNonNull(span, "span"),
        Objects.requireNonNull(baggageAtStart, "baggageAtStart"));
  }

  /** The baggage of the context the span started in; empty baggage if it had none. */
  public Baggage baggageAtStart() {
    return baggageAtStart;
  }
}
