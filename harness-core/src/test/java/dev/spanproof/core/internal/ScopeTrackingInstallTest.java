package dev.spanproof.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Whether the wrapper gets in depends on what used OpenTelemetry's context storage first, which
 * happens once per JVM; each test here loads OpenTelemetry and spanproof afresh in a class loader
 * of its own to see both orders.
 */
class ScopeTrackingInstallTest {

  @Test
  void should_wrap_the_storage_when_installed_before_anything_used_it() throws Exception {
    try (URLClassLoader fresh = freshClassLoader()) {
      assertThat(install(fresh)).isEqualTo("INSTALLED");
      assertThat(install(fresh)).as("asked again").isEqualTo("INSTALLED");
    }
  }

  @Test
  void should_say_so_when_something_used_the_storage_first() throws Exception {
    try (URLClassLoader fresh = freshClassLoader()) {
      inContextOf(
          fresh,
          () ->
              fresh
                  .loadClass("io.opentelemetry.context.Context")
                  .getMethod("current")
                  .invoke(null));

      assertThat(install(fresh)).isEqualTo("STORAGE_USED_FIRST");
    }
  }

  private static String install(ClassLoader loader) throws Exception {
    Method install = loader.loadClass(ScopeTracking.class.getName()).getMethod("install");
    return String.valueOf(inContextOf(loader, () -> install.invoke(null)));
  }

  /** OpenTelemetry finds storage providers through the context class loader: the fresh one. */
  private static Object inContextOf(ClassLoader loader, Callable<Object> call) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return call.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The test class path, with nothing shared with this class loader but the JDK. */
  private static URLClassLoader freshClassLoader() {
    URL[] classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(ScopeTrackingInstallTest::url)
            .toArray(URL[]::new);
    return new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader());
  }

  private static URL url(String path) {
    try {
      return new File(path).toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(path, e);
    }
  }
}
