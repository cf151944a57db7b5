package dev.spanproof.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationContext;

/** The application contexts the parallel test classes ran against, to prove they share one. */
final class SharedContext {

  private static final Map<Class<?>, ApplicationContext> SEEN = new ConcurrentHashMap<>();

  private SharedContext() {}

  /** Records the context of {@code testClass} and checks that every class so far had the same. */
  static void verifyShared(Class<?> testClass, ApplicationContext context) {
    SEEN.put(testClass, context);
    assertThat(SEEN.values()).allSatisfy(seen -> assertThat(seen).isSameAs(context));
  }
}
