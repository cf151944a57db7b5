package dev.spanproof.junit;

import dev.spanproof.core.GlobalInstallation;
import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.internal.OpenStacks;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A harness in JUnit's store, closed by JUnit with the context that created it: the test class, or
 * one test. It remembers the spans of no test already reported against a test, so that the report
 * after the class leaves them out.
 */
final class HarnessResource implements AutoCloseable {

  private final TracingHarness harness;
  private final GlobalInstallation global;
  private final OpenStacks openStacks;
  private final Set<String> reportedUnownedSpanIds = ConcurrentHashMap.newKeySet();
  private volatile TestPolicies policies;

  /**
   * @param global the installation to undo on close, or null when the harness is not global
   */
  HarnessResource(TracingHarness harness, GlobalInstallation global) {
    this.harness = harness;
    this.global = global;
    this.openStacks =
        switch (harness.startStackRecording()) {
          case OFF -> OpenStacks.none();
          // Scopes follow spans: one stack per span name for the harness's tests.
          case FIRST_OF_EACH_NAME_PER_HARNESS -> OpenStacks.firstOfEachSpanName();
          case FIRST_OF_EACH_NAME, EVERY_SPAN -> OpenStacks.everyScope();
        };
  }

  TracingHarness harness() {
    return harness;
  }

  /** Which of its tests' scopes record where they were opened. */
  OpenStacks openStacks() {
    return openStacks;
  }

  /**
   * The policies of this harness's tests, resolved by the first test that asks: from a test, so
   * that a configuration parameter that cannot be read fails the tests, as it did when each test
   * read it. Two tests racing here resolve the same values.
   */
  TestPolicies policies(ExtensionSettings settings, ExtensionContext context) {
    TestPolicies resolved = policies;
    if (resolved == null) {
      resolved = settings.resolve(context);
      policies = resolved;
    }
    return resolved;
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
