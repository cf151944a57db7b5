package dev.spanproof.junit;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;

/** How reports and trace files name a test. */
final class TestNames {

  private static final int MAX_FILE_NAME_LENGTH = 120;

  private TestNames() {}

  /** "test [OrderServiceTest.processOrder(Tracer)]": also the name of the test's session. */
  static String describe(ExtensionContext context) {
    return "test [" + context.getRequiredTestClass().getSimpleName() + "." + label(context) + "]";
  }

  /** "processOrder_Tracer_": the test, in characters every file system accepts. */
  static String fileName(ExtensionContext context) {
    String name = label(context).replaceAll("[^A-Za-z0-9._-]+", "_");
    return name.length() > MAX_FILE_NAME_LENGTH ? name.substring(0, MAX_FILE_NAME_LENGTH) : name;
  }

  /** "processOrder(Tracer)", or "processesOrder repetition 3 of 80" for template invocations. */
  private static String label(ExtensionContext context) {
    String method = context.getTestMethod().map(Method::getName).orElse("");
    String display = context.getDisplayName();
    return display.startsWith(method) ? display : method + " " + display;
  }
}
