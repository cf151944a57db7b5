package dev.spanproof.junit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Where one {@link TracingExtension} keeps its state: in JUnit's store, never in fields, so that
 * JUnit closes each harness and session with the context that created it.
 */
final class ExtensionStore {

  private static final Namespace NAMESPACE = Namespace.create(TracingExtension.class);

  private final TracingExtension owner;
  private final HarnessKey harnessKey;

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
    context.getStore(NAMESPACE).put(TestInProgress.class, test);
  }

  /** The running test of this context or the test it belongs to; null outside a test. */
  TestInProgress findTest(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(TestInProgress.class, TestInProgress.class);
  }

  /** Takes the test out of the store: from now on, closing its session is the caller's job. */
  TestInProgress removeTest(ExtensionContext context) {
    return context.getStore(NAMESPACE).remove(TestInProgress.class, TestInProgress.class);
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
