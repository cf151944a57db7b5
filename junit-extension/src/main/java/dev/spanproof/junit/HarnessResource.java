package dev.spanproof.junit;

import dev.spanproof.core.GlobalInstallation;
import dev.spanproof.core.TracingHarness;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A harness in JUnit's store, closed by JUnit with the context that created it: the test class, or
 * one test. It remembers the spans of no test already reported against a test, so that the report
 * after the class leaves them out.
 */
final class HarnessResource implements AutoCloseable {

  private final TracingHarness harness;
  private final GlobalInstallation global;
  private final Set<String> reportedUnownedSpanIds = ConcurrentHashMap.newKeySet();

  /**
   * @param global the installation to undo on close, or null when the harness is not global
   */
  HarnessResource(TracingHarness harness, GlobalInstallation global) {
    this.harness = harness;
    this.global = global;
  }

  TracingHarness harness() {
    return harness;
  }

  /** True the first time for a span id: that span is reported now, and never again. */
  boolean firstReportOf(String spanId) {
    return reportedUnownedSpanIds.add(spanId);
  }

  @Override
  public void close() {
    if (global != null) {
      global.close();
    }
    harness.close();
  }
}
