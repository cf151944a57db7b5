package dev.spanproof.junit;

import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.concurrent.atomic.AtomicLong;

/** Counts ids up from 1, so that messages with ids in them can be pinned exactly. */
final class FixedIds implements IdGenerator {

  private final AtomicLong spanIds = new AtomicLong();
  private final AtomicLong traceIds = new AtomicLong();

  @Override
  public String generateSpanId() {
    return String.format("%016x", spanIds.incrementAndGet());
  }

  @Override
  public String generateTraceId() {
    return String.format("%032x", traceIds.incrementAndGet());
  }
}
