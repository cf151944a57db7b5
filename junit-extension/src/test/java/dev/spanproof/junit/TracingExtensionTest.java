package dev.spanproof.junit;

import static dev.spanproof.junit.EngineRuns.failureMessages;
import static dev.spanproof.junit.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.TracingHarness;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
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

  // ---------------------------------------------------------------- dynamic tests

  @ExtendWith(TracingExtension.class)
  static class Dynamic {
    @TestFactory
    Stream<DynamicTest> perOrder(Tracer tracer, CaptureSession session) {
      return Stream.of("first", "second")
          .map(
              order ->
                  DynamicTest.dynamicTest(
                      order,
                      () -> {
                        tracer.spanBuilder(order).startSpan().end();
                        observed.put(
                            order + ".current", CaptureSession.current().orElse(null) == session);
                        observed.put(
                            order + ".names",
                            session.finishedSpans().stream().map(SpanData::getName).toList());
                      }));
    }
  }

  @Test
  void should_make_the_factory_methods_session_current_in_its_dynamic_tests() {
    EngineExecutionResults results = run(Dynamic.class);

    assertThat(failureMessages(results.allEvents())).isEmpty();
    results.testEvents().assertStatistics(stats -> stats.succeeded(2));
    assertThat(observed)
        .containsEntry("first.current", true)
        .containsEntry("second.current", true)
        .containsEntry("second.names", List.of("first", "second"));
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

  // ---------------------------------------------------------------- builder

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
}
