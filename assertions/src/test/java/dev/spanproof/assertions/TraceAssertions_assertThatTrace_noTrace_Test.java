package dev.spanproof.assertions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.GlobalInstallation;
import dev.spanproof.core.TracingHarness;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the current test captured nothing, the failure checks the usual causes and says which. */
class TraceAssertions_assertThatTrace_noTrace_Test {

  private static final String HEADLINE =
      "Expecting test [checkout] to hold exactly one trace, but it has none: not a single span was"
          + " captured.\n"
          + "The usual causes:\n";

  @Test
  void should_say_when_no_usual_cause_applies() {
    try (TracingHarness harness = TracingHarness.builder().build();
        CaptureSession session = harness.openSession("test [checkout]");
        Scope ignored = session.makeCurrent()) {
      assertThatThrownBy(TraceAssertions::assertThatTrace)
          .hasMessage(
              HEADLINE
                  + """
                    - the sampler dropped the test's spans: no, AlwaysOnSampler dropped none
                    - the code under test took a no-op tracer from GlobalOpenTelemetry before the \
                  harness was installed: no
                    - the spans went to no test: no, every span the harness captured belongs to a test
                  None of these applies: check that the code under test uses the OpenTelemetry the \
                  extension injects, or installs it globally (installGlobal()), and that it starts its \
                  spans while the test runs.""");
    }
  }

  @Test
  void should_name_the_sampler_that_dropped_every_span() {
    try (TracingHarness harness = TracingHarness.builder().sampler(Sampler.alwaysOff()).build();
        CaptureSession session = harness.openSession("test [checkout]");
        Scope ignored = session.makeCurrent()) {
      // GIVEN spans the sampler drops
      for (String name : new String[] {"processOrder", "validateInventory", "processPayment"}) {
        harness.tracer().spanBuilder(name).startSpan().end();
      }
      // WHEN/THEN
      assertThatThrownBy(TraceAssertions::assertThatTrace)
          .hasMessageStartingWith(
              HEADLINE
                  + """
                    - the sampler dropped the test's spans: yes, AlwaysOffSampler dropped all 3 of \
                  them (processOrder, validateInventory, processPayment); sample every span in tests \
                  (Sampler.alwaysOn()), or assert on the sampling decisions instead \
                  (assertThatSamplingDecisions())
                    - the code under test took a no-op tracer from GlobalOpenTelemetry before the \
                  harness was installed: no
                  """);
    }
  }

  @Test
  void should_tell_that_the_global_was_read_before_the_harness_was_installed() {
    GlobalOpenTelemetry.resetForTest();
    try (TracingHarness harness = TracingHarness.builder().build()) {
      // GIVEN code under test that took its tracer before the harness was installed
      Tracer tooEarly = GlobalOpenTelemetry.getTracer("order-service");
      try (GlobalInstallation global = harness.installGlobal();
          CaptureSession session = harness.openSession("test [checkout]");
          Scope ignored = session.makeCurrent()) {
        tooEarly.spanBuilder("processOrder").startSpan().end();
        // WHEN/THEN
        assertThatThrownBy(TraceAssertions::assertThatTrace)
            .hasMessage(
                HEADLINE
                    + """
                      - the sampler dropped the test's spans: no, AlwaysOnSampler dropped none
                      - the code under test took a no-op tracer from GlobalOpenTelemetry before the \
                    harness was installed: yes, GlobalOpenTelemetry.get() was called before the \
                    harness was installed, so code that took its tracer then (e.g. in a static \
                    field) keeps a no-op one; take it after the extension has run (in the test or a \
                    @BeforeEach), or inject OpenTelemetry
                      - the spans went to no test: no, every span the harness captured belongs to a \
                    test""");
      }
    } finally {
      GlobalOpenTelemetry.resetForTest();
    }
  }

  @Test
  void should_count_the_spans_that_went_to_no_test() throws Exception {
    ExecutorService mailer =
        Executors.newSingleThreadExecutor(task -> new Thread(task, "mailer-1"));
    try (TracingHarness harness = TracingHarness.builder().build();
        CaptureSession session = harness.openSession("test [checkout]")) {
      // GIVEN a pool thread that once worked for the test, then ran a task without its context
      mailer.submit(() -> workFor(session)).get();
      mailer.submit(() -> harness.tracer().spanBuilder("sendEmail").startSpan().end()).get();
      try (Scope ignored = session.makeCurrent()) {
        // WHEN/THEN
        assertThatThrownBy(TraceAssertions::assertThatTrace)
            .hasMessageEndingWith(
                """
                  - the spans went to no test: yes, 1 span was started without a test's context (on \
                a thread it was not passed to?):
                      span [sendEmail] on thread mailer-1, most likely lost by this test
                    Pass the context along, e.g. with Context.taskWrapping(executor) or \
                Context.current().wrap(task).""");
      }
    } finally {
      mailer.shutdownNow();
      mailer.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** The session is current on the calling thread for a moment, as when a task ran for the test. */
  private static void workFor(CaptureSession session) {
    try (Scope ignored = session.makeCurrent()) {
      // nothing to do: the harness notes the thread
    }
  }
}
