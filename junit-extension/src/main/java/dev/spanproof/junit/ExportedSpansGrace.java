package dev.spanproof.junit;

import dev.spanproof.core.TracingHarness;
import java.time.Duration;

/**
 * Spans that other processes export to the harness's OTLP receiver arrive after the calls that
 * caused them returned: their batch processors send them later. Before the after-test checks judge
 * a test's traces, waits until the receiver has been quiet for the grace period, and no longer than
 * {@value #BOUND} times it, so that an exporter that never stops cannot hold the test.
 */
final class ExportedSpansGrace {

  /** How many grace periods the wait may take at most. */
  static final int BOUND = 4;

  private final Duration gracePeriod;

  ExportedSpansGrace(ExtensionSettings settings) {
    this.gracePeriod = settings.gracePeriod();
  }

  /** Waits for a quiet receiver; does nothing for a harness without one or a zero grace period. */
  void await(HarnessResource resource) {
    if (resource == null || gracePeriod.isZero()) {
      return;
    }
    TracingHarness harness = resource.harness();
    if (harness.hasOtlpReceiver()) {
      harness.awaitOtlpQuiet(gracePeriod, gracePeriod.multipliedBy(BOUND));
    }
  }
}
