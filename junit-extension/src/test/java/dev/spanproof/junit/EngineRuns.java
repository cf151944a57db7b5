package dev.spanproof.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.DiscoverySelector;
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

  /**
   * Runs {@code fixtures} concurrently, classes and methods, on four threads: the parallel set-up
   * of the tests that check isolation and strictness under load.
   */
  static EngineExecutionResults runConcurrently(Class<?>... fixtures) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter(
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
        .selectors(
            Arrays.stream(fixtures)
                .map(fixture -> selectClass(fixture))
                .toArray(DiscoverySelector[]::new))
        .execute();
  }

  /**
   * The extension as the fixtures that pin ids in their messages configure it: ids counted up from
   * 1 ({@link FixedIds}).
   */
  static TracingExtension.Builder fixedIds() {
    return TracingExtension.builder().harness(harness -> harness.idGenerator(new FixedIds()));
  }

  /**
   * {@link #fixedIds()} with {@code gracePeriod}, so that a fixture that fails on purpose does not
   * wait the default 500 ms for spans and scopes that will never end or close.
   */
  static TracingExtension.Builder fixedIds(Duration gracePeriod) {
    return fixedIds().gracePeriod(gracePeriod);
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
   * The message of the one test that failed in {@code results}, its line numbers as {@link
   * #withoutLineNumbers} writes them; fails unless exactly one test failed.
   */
  static String onlyFailureWithoutLineNumbers(EngineExecutionResults results) {
    List<String> messages = failureMessages(results.testEvents());
    assertThat(messages).as("failures of the run").hasSize(1);
    return withoutLineNumbers(messages.get(0));
  }

  /**
   * {@code message} with every {@code File.java:123)} of its stack frames as {@code File.java:N)}.
   */
  static String withoutLineNumbers(String message) {
    return message.replaceAll("\\.java:\\d+\\)", ".java:N)");
  }
}
