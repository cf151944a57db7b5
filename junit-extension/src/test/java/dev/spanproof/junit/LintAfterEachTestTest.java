package dev.spanproof.junit;

import static dev.spanproof.junit.EngineRuns.failureMessages;
import static dev.spanproof.junit.EngineRuns.run;
import static dev.spanproof.junit.SpanproofConfiguration.LINT_DISABLED_RULES_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.LINT_PROPERTY_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.ManualClock;
import dev.spanproof.core.lint.TraceLint;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Trace lint after every test: off by default, failing or warning when asked. */
class LintAfterEachTestTest {

  /** Stands for the user's code: records the exception, forgets setStatus(ERROR). */
  static void chargeCardQuietly(Tracer tracer) {
    Span order = tracer.spanBuilder("processOrder").startSpan();
    try (Scope ignored = order.makeCurrent()) {
      Span payment = tracer.spanBuilder("processPayment").startSpan();
      payment.recordException(new IllegalStateException("card declined"));
      payment.end();
    } finally {
      order.end();
    }
  }

  static void processOrderCleanly(Tracer tracer) {
    Span order = tracer.spanBuilder("processOrder").startSpan();
    tracer
        .spanBuilder("validateInventory")
        .setParent(Context.current().with(order))
        .startSpan()
        .end();
    order.end();
  }

  static class FailsOnLint {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder()
            .harness(
                harness ->
                    harness
                        .idGenerator(new FixedIds())
                        .clock(ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"))))
            .lintAfterEachTest(SpanPolicy.FAIL)
            .build();

    @Test
    void forgetsTheErrorStatus(Tracer tracer) {
      chargeCardQuietly(tracer);
    }

    @Test
    void tracesCleanly(Tracer tracer) {
      processOrderCleanly(tracer);
    }
  }

  @Test
  void should_fail_a_test_whose_traces_break_a_lint_rule_drawing_them() {
    EngineExecutionResults results = run(FailsOnLint.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
    assertThat(failureMessages(results.testEvents()))
        .containsExactly(
            """
            test [FailsOnLint.forgetsTheErrorStatus(Tracer)]: trace lint found 1 violation:
              - violation exception_without_error [processPayment]: recorded an exception \
            (java.lang.IllegalStateException) but its status is UNSET: set the status to ERROR \
            when the exception ends the operation, or do not record an exception that was handled

            trace 00000000000000000000000000000001 (2 spans, 0 ns)
            └─ processOrder [INTERNAL, UNSET, 0 ns]
               └─ processPayment [INTERNAL, UNSET, 0 ns] events: exception  <-- \
            exception_without_error""");
  }

  static class WarnsOnLint {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder().lintAfterEachTest(SpanPolicy.WARN).build();

    @Test
    void forgetsTheErrorStatus(Tracer tracer) {
      chargeCardQuietly(tracer);
    }
  }

  @Test
  void should_log_the_report_once_when_told_to_warn() {
    try (LoggedWarnings logged = LoggedWarnings.record()) {
      EngineExecutionResults results = run(WarnsOnLint.class, Map.of(LINT_PROPERTY_NAME, "fail"));

      results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
      assertThat(logged.warnings())
          .singleElement()
          .asString()
          .startsWith(
              "test [WarnsOnLint.forgetsTheErrorStatus(Tracer)]: trace lint found 1 violation:\n"
                  + "  - violation exception_without_error [processPayment]");
    }
  }

  @ExtendWith(TracingExtension.class)
  static class Declared {
    @Test
    void forgetsTheErrorStatus(Tracer tracer) {
      chargeCardQuietly(tracer);
    }
  }

  @Test
  void should_not_lint_unless_asked() {
    run(Declared.class).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void should_lint_when_the_configuration_parameter_asks() {
    EngineExecutionResults results = run(Declared.class, Map.of(LINT_PROPERTY_NAME, " FAIL "));

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .startsWith(
            "test [Declared.forgetsTheErrorStatus(Tracer)]: trace lint found 1 violation:\n"
                + "  - violation exception_without_error [processPayment]");
  }

  @Test
  void should_switch_off_the_rules_the_configuration_parameter_names() {
    run(
            Declared.class,
            Map.of(
                LINT_PROPERTY_NAME,
                "fail",
                LINT_DISABLED_RULES_PROPERTY_NAME,
                "n_plus_one, exception_without_error"))
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void should_refuse_parameters_it_cannot_read_naming_them() {
    assertThat(
            failureMessages(run(Declared.class, Map.of(LINT_PROPERTY_NAME, "loud")).testEvents()))
        .containsExactly(
            "configuration parameter spanproof.lint must be fail, warn or ignore, but was loud");
    assertThat(
            failureMessages(
                run(
                        Declared.class,
                        Map.of(
                            LINT_PROPERTY_NAME, "fail", LINT_DISABLED_RULES_PROPERTY_NAME, "n+1"))
                    .testEvents()))
        .containsExactly(
            "configuration parameter spanproof.lint.disabledRules must list lint rule ids separated"
                + " by commas, but was n+1: no lint rule has the id \"n+1\"; the rules are"
                + " [orphan_span, several_roots, server_without_remote_parent,"
                + " consumer_without_producer, unexplained_error, exception_without_error,"
                + " high_cardinality_span_name, sensitive_attribute, n_plus_one]");
  }

  static class ExpectsOneTrace {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder()
            .lintAfterEachTest(SpanPolicy.FAIL, TraceLint.defaults().expectingOneTrace())
            .build();

    @Test
    void losesTheContext(Tracer tracer) {
      processOrderCleanly(tracer);
      // started without the order's context: a trace of its own
      tracer.spanBuilder("sendEmail").setNoParent().startSpan().end();
    }
  }

  @Test
  void should_use_the_builders_configuration_over_the_parameters() {
    EngineExecutionResults results =
        run(ExpectsOneTrace.class, Map.of(LINT_PROPERTY_NAME, "ignore"));

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .startsWith(
            "test [ExpectsOneTrace.losesTheContext(Tracer)]: trace lint found 1 violation:\n"
                + "  - violation several_roots [processOrder and 1 more]: expected one trace, but"
                + " the spans form 2 traces, with roots [processOrder, sendEmail]");
  }

  static class LeavesParentOpen {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder()
            .gracePeriod(Duration.ZERO)
            .lintAfterEachTest(SpanPolicy.FAIL)
            .build();

    @Test
    void forgetsToEndTheOrder(Tracer tracer) {
      Span order = tracer.spanBuilder("processOrder").startSpan();
      tracer
          .spanBuilder("validateInventory")
          .setParent(Context.current().with(order))
          .startSpan()
          .end();
    }
  }

  @Test
  void should_leave_the_children_of_an_unended_span_to_the_unended_span_report() {
    EngineExecutionResults results = run(LeavesParentOpen.class);

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .startsWith("test [LeavesParentOpen.forgetsToEndTheOrder(Tracer)] left 1 span started")
        .doesNotContain("orphan_span");
  }
}
