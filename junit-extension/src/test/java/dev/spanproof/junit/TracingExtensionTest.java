package dev.spanproof.junit;

import static dev.spanproof.junit.EngineRuns.failureMessages;
import static dev.spanproof.junit.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.TracingHarness;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class TracingExtensionTest {

  /** Values fixture tests hand back to the test that ran them. */
  static final Map<String, Object> observed = new ConcurrentHashMap<>();

  @BeforeEach
  void clearObservations() {
    observed.clear();
  }

  // ---------------------------------------------------------------- injection

  @ExtendWith(TracingExtension.class)
  static class InjectsEverything {
    @Test
    void injected(
        OpenTelemetry otel, Tracer tracer, TracingHarness harness, CaptureSession session) {
      tracer.spanBuilder("via-tracer").startSpan().end();
      otel.getTracer("orders").spanBuilder("via-otel").startSpan().end();
      observed.put("names", session.finishedSpans().stream().map(SpanData::getName).toList());
      observed.put("scope", session.finishedSpans().get(0).getInstrumentationScopeInfo().getName());
      observed.put("sameOtel", harness.openTelemetry() == otel);
      observed.put("current", CaptureSession.current().orElse(null) == session);
    }
  }

  @Test
  void should_inject_an_isolated_opentelemetry_tracer_harness_and_the_tests_session() {
    EngineExecutionResults results = run(InjectsEverything.class);

    assertThat(failureMessages(results.allEvents())).isEmpty();
    results.testEvents().assertStatistics(stats -> stats.succeeded(1));
    assertThat(observed)
        .containsEntry("names", List.of("via-tracer", "via-otel"))
        .containsEntry("scope", "spanproof-test")
        .containsEntry("sameOtel", true)
        .containsEntry("current", true);
  }

  @ExtendWith(TracingExtension.class)
  static class AsksForUnknownType {
    @Test
    void needsAString(String unknown) {}
  }

  @Test
  void should_leave_unknown_parameter_types_to_other_resolvers() {
    EngineExecutionResults results = run(AsksForUnknownType.class);

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .startsWith("No ParameterResolver registered for parameter [java.lang.String");
  }

  @ExtendWith(TracingExtension.class)
  static class AsksForSessionInBeforeAll {
    @BeforeAll
    static void setUp(CaptureSession session) {}

    @Test
    void test() {}
  }

  @Test
  void should_refuse_a_session_outside_a_test_naming_the_method() {
    EngineExecutionResults results = run(AsksForSessionInBeforeAll.class);

    assertThat(failureMessages(results.containerEvents()))
        .singleElement()
        .asString()
        .isEqualTo(
            "CaptureSession is the spans of one test, so it can be injected only into a test"
                + " method or its @BeforeEach/@AfterEach methods, not into static void "
                + AsksForSessionInBeforeAll.class.getName()
                + ".setUp(dev.spanproof.core.CaptureSession)");
  }

  @ExtendWith(TracingExtension.class)
  static class RegisteredTwice {
    @RegisterExtension static final TracingExtension tracing = TracingExtension.builder().build();

    @Test
    void test() {}
  }

  @Test
  void should_refuse_two_extensions_on_one_class_naming_it() {
    EngineExecutionResults results = run(RegisteredTwice.class);

    assertThat(failureMessages(results.containerEvents()))
        .singleElement()
        .asString()
        .isEqualTo(
            "TracingExtension is registered twice on "
                + RegisteredTwice.class.getName()
                + " (for example by @ExtendWith and by a @RegisterExtension field, or on an enclosing class"
                + " and again here): keep one, so that a test has one harness");
  }

  static class RegisteredOnInstanceField {
    @RegisterExtension final TracingExtension tracing = TracingExtension.builder().build();

    @Test
    void first(Tracer tracer, CaptureSession session) {
      tracer.spanBuilder("first").startSpan().end();
      observed.put("first", session.finishedSpans().size());
    }

    @Test
    void second(Tracer tracer, CaptureSession session) {
      tracer.spanBuilder("second").startSpan().end();
      observed.put("second", session.finishedSpans().size());
    }
  }

  @Test
  void should_work_registered_on_an_instance_field_with_a_harness_per_test() {
    EngineExecutionResults results = run(RegisteredOnInstanceField.class);

    assertThat(failureMessages(results.allEvents())).isEmpty();
    assertThat(observed).containsEntry("first", 1).containsEntry("second", 1);
  }

  // ---------------------------------------------------------------- nested classes

  @ExtendWith(TracingExtension.class)
  static class Outer {
    @Test
    void outer(Tracer tracer, CaptureSession session) {
      tracer.spanBuilder("outer").startSpan().end();
      observed.put("outer", session.finishedSpans().stream().map(SpanData::getName).toList());
    }

    @Nested
    class Inner {
      @BeforeEach
      void startsSpanInBeforeEach(Tracer tracer) {
        tracer.spanBuilder("before-each").startSpan().end();
      }

      @Test
      void inner(Tracer tracer, CaptureSession session) {
        tracer.spanBuilder("inner").startSpan().end();
        observed.put("inner", session.finishedSpans().stream().map(SpanData::getName).toList());
      }
    }
  }

  @Test
  void should_capture_per_test_in_nested_classes_including_before_each_methods() {
    EngineExecutionResults results = run(Outer.class);

    assertThat(failureMessages(results.allEvents())).isEmpty();
    assertThat(observed)
        .containsEntry("outer", List.of("outer"))
        .containsEntry("inner", List.of("before-each", "inner"));
  }

  // ---------------------------------------------------------------- configuration

  static class NeverSamples {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder().sampler(Sampler.alwaysOff()).build();

    @Test
    void test(Tracer tracer, CaptureSession session) {
      tracer.spanBuilder("dropped").startSpan().end();
      observed.put("spans", session.finishedSpans().size());
    }
  }

  @Test
  void should_apply_the_configured_sampler() {
    EngineExecutionResults results = run(NeverSamples.class);

    assertThat(failureMessages(results.allEvents())).isEmpty();
    assertThat(observed).containsEntry("spans", 0);
  }

  static class SmallLimit {
    @RegisterExtension
    static final TracingExtension tracing = TracingExtension.builder().maxSpansPerTest(10).build();

    @Test
    void loops(Tracer tracer) {
      for (int i = 0; i < 25; i++) {
        tracer.spanBuilder("SELECT orders").startSpan().end();
      }
    }
  }

  @Test
  void should_fail_a_test_that_exceeds_the_span_limit_naming_limit_and_test() {
    EngineExecutionResults results = run(SmallLimit.class);

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .isEqualTo(
            "[test [SmallLimit.loops(Tracer)]] started more spans than its limit of 10: 15 spans"
                + " beyond the limit were not kept. Raise the limit (maxSpans) if the test really needs that"
                + " many, or look for a loop that starts spans without end.");
  }

  // ---------------------------------------------------------------- unended spans

  @ExtendWith(TracingExtension.class)
  static class LeavesSpanOpen {
    @Test
    void forgetsToEnd(Tracer tracer) {
      tracer.spanBuilder("processPayment").startSpan();
    }
  }

  @Test
  void should_fail_a_test_that_leaves_a_span_unended_showing_where_it_started() {
    EngineExecutionResults results = run(LeavesSpanOpen.class);

    String message = failureMessages(results.testEvents()).get(0);
    assertThat(message)
        .startsWith(
            "test [LeavesSpanOpen.forgetsToEnd(Tracer)] left 1 span started but not ended"
                + " (waited 500 ms for it to end):\n  span [processPayment] (trace ")
        .contains(
            ") was started but never ended, started at:\n  \tat "
                + LeavesSpanOpen.class.getName()
                + ".forgetsToEnd(TracingExtensionTest.java:")
        .endsWith(
            "\nEvery started span must be ended, typically with span.end() in a finally block:"
                + " an unended span is never exported.");
  }

  @Test
  void should_say_how_to_see_start_stacks_when_they_are_off() {
    EngineExecutionResults results =
        run(LeavesSpanOpen.class, Map.of(TracingExtension.START_STACKS_PARAMETER, "false"));

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .contains(") was started but never ended; enable start stacks to see where it started\n")
        .endsWith(
            "\nStart stacks are off here (recordStartStacks(false) or spanproof.startStacks=false);"
                + " turn them on to see where each span started.");
  }

  @ExtendWith(TracingExtension.class)
  static class EndsSpanLateOnAnotherThread {
    @Test
    void endsAsynchronously(Tracer tracer) {
      Span span = tracer.spanBuilder("async-call").startSpan();
      var unused =
          CompletableFuture.runAsync(
              span::end, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
    }
  }

  @Test
  void should_wait_for_spans_that_end_on_another_thread_within_the_grace_period() {
    EngineExecutionResults results = run(EndsSpanLateOnAnotherThread.class);

    assertThat(failureMessages(results.allEvents())).isEmpty();
    results.testEvents().assertStatistics(stats -> stats.succeeded(1));
  }

  static class WarnsOnUnended {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder().unendedSpans(SpanPolicy.WARN).gracePeriod(Duration.ZERO).build();

    @Test
    void forgetsToEnd(Tracer tracer) {
      tracer.spanBuilder("left-open").startSpan();
    }
  }

  @Test
  void should_only_report_unended_spans_when_asked_to_warn() {
    EngineExecutionResults results = run(WarnsOnUnended.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1));
    assertThat(reportEntries(results, "spanproof.unendedSpans"))
        .singleElement()
        .asString()
        .startsWith("test [WarnsOnUnended.forgetsToEnd(Tracer)] left 1 span started but not ended");
  }

  // ---------------------------------------------------------------- spans of no test

  static class FailsOnUnowned {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder().unownedSpans(SpanPolicy.FAIL).build();

    @Test
    void startsSpanWithoutContext(Tracer tracer) throws Exception {
      startSpanOnThreadThatLostTheContext(tracer);
    }
  }

  @Test
  void should_report_spans_that_belong_to_no_test_after_the_class() {
    EngineExecutionResults results = run(FailsOnUnowned.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1));
    assertThat(failureMessages(results.containerEvents()))
        .singleElement()
        .asString()
        .startsWith(
            "1 span belongs to no test of "
                + FailsOnUnowned.class.getName()
                + " (no test's context reached it; check context propagation to threads and callbacks):\n"
                + "  span [lost-context] (trace ")
        .endsWith(") started outside any capture session");
  }

  static class InstanceFieldFailsOnUnowned {
    @RegisterExtension
    final TracingExtension tracing =
        TracingExtension.builder().unownedSpans(SpanPolicy.FAIL).build();

    @Test
    void startsSpanWithoutContext(Tracer tracer) throws Exception {
      startSpanOnThreadThatLostTheContext(tracer);
    }
  }

  @Test
  void should_report_spans_of_no_test_after_each_test_when_the_harness_is_per_test() {
    EngineExecutionResults results = run(InstanceFieldFailsOnUnowned.class);

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .startsWith("1 span belongs to no test of " + InstanceFieldFailsOnUnowned.class.getName());
  }

  @Test
  void should_not_let_a_builder_change_an_extension_it_already_built() {
    TracingExtension.Builder builder = TracingExtension.builder().sampler(Sampler.alwaysOn());
    TracingExtension built = builder.build();
    builder.sampler(Sampler.alwaysOff());
    BuiltThenChanged.tracing = built;

    EngineExecutionResults results = run(BuiltThenChanged.class);

    assertThat(failureMessages(results.allEvents())).isEmpty();
    assertThat(observed).containsEntry("spans", 1);
  }

  static class BuiltThenChanged {
    @RegisterExtension static TracingExtension tracing;

    @Test
    void test(Tracer tracer, CaptureSession session) {
      tracer.spanBuilder("sampled").startSpan().end();
      observed.put("spans", session.finishedSpans().size());
    }
  }

  @Test
  void should_reject_bad_builder_arguments_where_they_are_given() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TracingExtension.builder().sampler(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sampler must not be null");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TracingExtension.builder().maxSpansPerTest(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSpans must be at least 1, but was 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TracingExtension.builder().gracePeriod(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gracePeriod must be zero or positive, but was PT-0.001S");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TracingExtension.builder().unendedSpans(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("policy must not be null");
  }

  // ---------------------------------------------------------------- global state

  @ExtendWith(TracingExtension.class)
  @UsesGlobalOpenTelemetry
  static class UsesGlobal {
    @Test
    void global(CaptureSession session) {
      GlobalOpenTelemetry.getTracer("legacy").spanBuilder("through-global").startSpan().end();
      observed.put("names", session.finishedSpans().stream().map(SpanData::getName).toList());
    }
  }

  @Test
  void should_install_the_global_for_the_class_and_leave_an_unset_global_unset() {
    GlobalOpenTelemetry.resetForTest();
    Context before = Context.current();

    EngineExecutionResults results = run(UsesGlobal.class);

    assertThat(failureMessages(results.allEvents())).isEmpty();
    assertThat(observed).containsEntry("names", List.of("through-global"));
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
    assertThat(Context.current()).isSameAs(before);
  }

  @Test
  void should_restore_a_previously_set_global_exactly() {
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(OpenTelemetry.noop());
    OpenTelemetry previous = GlobalOpenTelemetry.get();
    try {
      EngineExecutionResults results = run(UsesGlobal.class);

      assertThat(failureMessages(results.allEvents())).isEmpty();
      assertThat(observed).containsEntry("names", List.of("through-global"));
      assertThat(GlobalOpenTelemetry.get()).isSameAs(previous);
    } finally {
      GlobalOpenTelemetry.resetForTest();
    }
  }

  @ExtendWith(TracingExtension.class)
  static class DoesNotInstallGlobal {
    @Test
    void test() {
      observed.put("globalSet", GlobalOpenTelemetry.isSet());
    }
  }

  @Test
  void should_not_touch_the_global_unless_asked() {
    GlobalOpenTelemetry.resetForTest();

    run(DoesNotInstallGlobal.class);

    assertThat(observed).containsEntry("globalSet", false);
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
  }

  // ---------------------------------------------------------------- reports

  static class WritesReports {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder().reportAttributes("order.id").build();

    @Test
    void processOrder(Tracer tracer) {
      Span root = tracer.spanBuilder("processOrder").setAttribute("order.id", 42L).startSpan();
      try (var ignored = root.makeCurrent()) {
        tracer.spanBuilder("validateInventory").startSpan().end();
      } finally {
        root.end();
      }
    }
  }

  @Test
  void should_write_each_tests_traces_where_configured(@TempDir Path reports) throws Exception {
    EngineExecutionResults results =
        run(WritesReports.class, Map.of("spanproof.traces.directory", reports.toString()));

    assertThat(failureMessages(results.allEvents())).isEmpty();
    List<Path> written;
    try (var files = Files.list(reports.resolve(WritesReports.class.getName()))) {
      written = files.toList();
    }
    assertThat(written)
        .singleElement()
        .satisfies(
            file ->
                assertThat(file.getFileName().toString()).isEqualTo("processOrder_Tracer_.txt"));
    String text = Files.readString(written.get(0));
    assertThat(text)
        .startsWith("test [WritesReports.processOrder(Tracer)]\ntrace ")
        .contains("\n└─ processOrder [INTERNAL, UNSET, ")
        .contains("] order.id=42\n   └─ validateInventory [INTERNAL, UNSET, ");
  }

  /** A thread that does not carry the test's context: context propagation is broken. */
  static void startSpanOnThreadThatLostTheContext(Tracer tracer) throws InterruptedException {
    Thread thread =
        new Thread(
            () -> {
              try (var ignored = Context.root().makeCurrent()) {
                tracer.spanBuilder("lost-context").startSpan().end();
              }
            });
    thread.start();
    thread.join();
  }

  private static List<String> reportEntries(EngineExecutionResults results, String key) {
    return results.allEvents().reportingEntryPublished().stream()
        .map(event -> event.getPayload(ReportEntry.class).orElseThrow())
        .flatMap(entry -> entry.getKeyValuePairs().entrySet().stream())
        .filter(pair -> pair.getKey().equals(key))
        .map(Map.Entry::getValue)
        .toList();
  }
}
