package dev.spanproof.junit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Where one {@link TracingExtension} keeps its state. Harnesses live in JUnit's store, so that
 * JUnit closes each with the context that created it. Running tests live in a map of their own:
 * JUnit's store charged about 1 KB per test for the put, the look-ups and the removal
 * (docs/benchmarks.md), and a test is always taken out again by the extension's {@code afterEach},
 * which JUnit calls once a {@code beforeEach} has run. Should a session still be open then, its
 * harness closes it.
 */
final class ExtensionStore {

  private static final Namespace NAMESPACE = Namespace.create(TracingExtension.class);

  private final TracingExtension owner;
  private final HarnessKey harnessKey;
  // Keyed by the test's context, which JUnit compares by identity; tests of parallel classes may
  // share one extension (a static field), so the map is concurrent.
  private final Map<ExtensionContext, TestInProgress> runningTests = new ConcurrentHashMap<>();

  ExtensionStore(TracingExtension owner) {
    this.owner = owner;
    this.harnessKey = new HarnessKey(owner);
  }

  /**
   * One TracingExtension per test class: two (say {@code @ExtendWith} and a registered field) would
   * each capture half of the story, so the second is refused by name.
   */
  // JUnit 6 deprecates getOrComputeIfAbsent for computeIfAbsent, which JUnit 5.14 lacks.
  @SuppressWarnings("deprecation")
  void claimTestClass(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    Object claimant =
        context.getStore(NAMESPACE).getOrComputeIfAbsent(new ClassClaim(testClass), key -> owner);
    if (claimant != owner) {
      throw new ExtensionConfigurationException(
          "TracingExtension is registered twice on "
              + testClass.getName()
              + " (for example by @ExtendWith and by a @RegisterExtension field, or on an enclosing"
              + " class and again here): keep one, so that a test has one harness");
    }
  }

  /** The harness of this context, started by {@code start} if neither it nor a parent has one. */
  // JUnit 6 deprecates getOrComputeIfAbsent for computeIfAbsent, which JUnit 5.14 lacks.
  @SuppressWarnings("deprecation")
  HarnessResource harness(ExtensionContext context, Supplier<HarnessResource> start) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(harnessKey, key -> start.get(), HarnessResource.class);
  }

  /** The harness of this context or an enclosing one; null before the extension started one. */
  HarnessResource findHarness(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(harnessKey, HarnessResource.class);
  }

  /** The harness this context itself started, as opposed to one inherited from an outer class. */
  HarnessResource ownHarness(ExtensionContext context) {
    HarnessResource harness = findHarness(context);
    if (harness == null || context.getParent().isEmpty()) {
      return harness;
    }
    return harness == findHarness(context.getParent().get()) ? null : harness;
  }

  void putTest(ExtensionContext context, TestInProgress test) {
    runningTests.put(context, test);
  }

  /**
   * The running test of this context or of the test it belongs to (a dynamic test's factory
   * method); null outside a test.
   */
  TestInProgress findTest(ExtensionContext context) {
    ExtensionContext searched = context;
    while (true) {
      TestInProgress test = runningTests.get(searched);
      if (test != null) {
        return test;
      }
      Optional<ExtensionContext> parent = searched.getParent();
      if (parent.isEmpty()) {
        return null;
      }
      searched = parent.get();
    }
  }

  /** Takes the test out: from now on, closing its session is the caller's job. */
  TestInProgress removeTest(ExtensionContext context) {
    return runningTests.remove(context);
  }

  private record ClassClaim(Class<?> testClass) {}

  /** Keys the harness by extension instance, so a nested class's own extension is told apart. */
  private static final class HarnessKey {
    private final TracingExtension owner;

    HarnessKey(TracingExtension owner) {
      this.owner = owner;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof HarnessKey key && key.owner == owner;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(owner);
    }
  }
}
