package dev.spanproof.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs fixture classes through the real Jupiter engine, as a user's build would. */
final class EngineRuns {

  private EngineRuns() {}

  static EngineExecutionResults run(Class<?> fixture) {
    return run(fixture, Map.of());
  }

  /**
   * Runs {@code fixture} with {@code configuration}. Waterfall reports are off unless the
   * configuration turns them on: fixtures fail on purpose, and other tests pin their messages
   * without the report line (WaterfallReportsTest covers the reports).
   */
  static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
    Map<String, String> withDefaults = new HashMap<>(configuration);
    withDefaults.putIfAbsent(SpanproofConfiguration.REPORT_HTML_PROPERTY_NAME, "off");
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameters(withDefaults)
        .selectors(selectClass(fixture))
        .execute();
  }

  /** The messages of every failure among {@code events}, for readable assertions. */
  static List<String> failureMessages(Events events) {
    return events.failed().stream().map(EngineRuns::failureMessage).toList();
  }

  static String failureMessage(Event event) {
    return failure(event).map(Throwable::getMessage).orElse("(no message)");
  }

  /** The failures among {@code events}, to look at their type, cause or suppressed failures. */
  static List<Throwable> failures(Events events) {
    return events.failed().stream().flatMap(event -> failure(event).stream()).toList();
  }

  private static Optional<Throwable> failure(Event event) {
    return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable);
  }

  /**
   * {@code message} with every {@code File.java:123)} of its stack frames as {@code File.java:N)}.
   */
  static String withoutLineNumbers(String message) {
    return message.replaceAll("\\.java:\\d+\\)", ".java:N)");
  }
}
