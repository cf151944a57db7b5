package dev.spanproof.junit;

import static dev.spanproof.junit.EngineRuns.failureMessages;
import static dev.spanproof.junit.EngineRuns.onlyFailureWithoutLineNumbers;
import static dev.spanproof.junit.EngineRuns.run;
import static dev.spanproof.junit.EngineRuns.withoutLineNumbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.internal.ScopeTracking;
import dev.spanproof.core.internal.TrackedScope;
import dev.spanproof.core.internal.WatchedScopes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.File;
import java.lang.reflect.Array;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class StrictContextTest {

  /** Stands for the user's code that makes its span current and forgets the scope. */
  static final class PaymentClient {
    private final Tracer tracer;

    PaymentClient(Tracer tracer) {
      this.tracer = tracer;
    }

    @SuppressWarnings("MustBeClosedChecker") // the mistake under test
    void charge() {
      Span span = tracer.spanBuilder("processPayment").startSpan();
      span.makeCurrent();
      span.end();
    }

    @SuppressWarnings("MustBeClosedChecker") // handed to the caller, who closes it (or not)
    Scope chargeAndKeepScope() {
      Span span = tracer.spanBuilder("processPayment").startSpan();
      span.end();
      return span.makeCurrent();
    }
  }

  static TracingExtension.Builder fixedIds() {
    return EngineRuns.fixedIds(Duration.ofMillis(20));
  }

  static ExecutorService pool() {
    return Executors.newSingleThreadExecutor(task -> new Thread(task, "payments-1"));
  }

  static class LeavesScopeOpen {
    @RegisterExtension static final TracingExtension tracing = fixedIds().build();

    @Test
    void forgetsToClose(Tracer tracer) {
      new PaymentClient(tracer).charge();
    }
  }

  static class LeavesScopeOpenOnPooledThread {
    @RegisterExtension static final TracingExtension tracing = fixedIds().build();
    static ExecutorService payments;

    @BeforeAll
    static void startPool() {
      payments = pool();
    }

    @Test
    void forgetsToCloseInTask(Tracer tracer) {
      CompletableFuture.runAsync(
              Context.current().wrap(() -> new PaymentClient(tracer).charge()), payments)
          .join();
    }

    @AfterAll
    static void stopPool() {
      payments.shutdown();
    }
  }

  static class KeepsContextOnPooledThread {
    @RegisterExtension
    static final TracingExtension tracing = fixedIds().openScopes(SpanPolicy.IGNORE).build();

    static ExecutorService payments;

    @BeforeAll
    static void startPool() {
      payments = pool();
    }

    @Test
    void forgetsToCloseInTask(Tracer tracer) {
      CompletableFuture.runAsync(
              Context.current().wrap(() -> new PaymentClient(tracer).charge()), payments)
          .join();
    }

    @AfterAll
    static void stopPool() {
      payments.shutdown();
    }
  }

  static class ClosesScopeOnAnotherThread {
    @RegisterExtension static final TracingExtension tracing = fixedIds().build();
    static ExecutorService payments;

    @BeforeAll
    static void startPool() {
      payments = pool();
    }

    @Test
    void closesInTask(Tracer tracer) {
      Scope scope = new PaymentClient(tracer).chargeAndKeepScope();
      CompletableFuture.runAsync(scope::close, payments).join();
    }

    @AfterAll
    static void stopPool() {
      payments.shutdown();
    }
  }

  static class ClosesScopesOutOfOrder {
    @RegisterExtension static final TracingExtension tracing = fixedIds().build();

    @Test
    @SuppressWarnings("MustBeClosedChecker") // the mistake under test
    void closesOuterFirst(Tracer tracer) {
      Span order = tracer.spanBuilder("processOrder").startSpan();
      Scope outer = order.makeCurrent();
      Scope inner = new PaymentClient(tracer).chargeAndKeepScope();
      outer.close();
      inner.close();
      order.end();
    }
  }

  static class ClosesEveryScope {
    @RegisterExtension static final TracingExtension tracing = fixedIds().build();
    static ExecutorService payments;

    @BeforeAll
    static void startPool() {
      payments = pool();
    }

    @Test
    void closesInTryWithResources(Tracer tracer) {
      Span order = tracer.spanBuilder("processOrder").startSpan();
      try (Scope ignored = order.makeCurrent()) {
        CompletableFuture.runAsync(
                Context.current()
                    .wrap(
                        () -> {
                          try (Scope inTask = new PaymentClient(tracer).chargeAndKeepScope()) {
                            // the payment runs here
                          }
                        }),
                payments)
            .join();
      } finally {
        order.end();
      }
    }

    @AfterAll
    static void stopPool() {
      payments.shutdown();
    }
  }

  static class HalfLeakInParallel {
    @RegisterExtension static final TracingExtension tracing = fixedIds().build();

    @RepeatedTest(200)
    void processesOrder(RepetitionInfo repetition, Tracer tracer) throws InterruptedException {
      Span order = tracer.spanBuilder("processOrder").startSpan();
      try (Scope ignored = order.makeCurrent()) {
        if (repetition.getCurrentRepetition() % 2 == 1) {
          new PaymentClient(tracer).charge();
        }
        Thread.sleep(1); // keep tests overlapping
      } finally {
        order.end();
      }
    }
  }

  @Test
  void should_blame_exactly_the_tests_that_leaked_among_200_concurrent_ones() {
    EngineExecutionResults results = EngineRuns.runConcurrently(HalfLeakInParallel.class);

    results.testEvents().assertStatistics(stats -> stats.started(200).succeeded(100).failed(100));
    results.testEvents().failed().stream()
        .forEach(
            event -> {
              String test = event.getTestDescriptor().getDisplayName();
              String message = EngineRuns.failureMessage(event);
              assertThat(test).as(message).matches("repetition \\d*[13579] of 200");
              assertThat(message)
                  .startsWith(
                      "test [HalfLeakInParallel.processesOrder " + test + "] left 1 scope open")
                  .contains("scope of span [processPayment]")
                  .doesNotContain("out of order")
                  .doesNotContain("left its context current");
            });
  }

  /**
   * Does everything right, 200 times at once: its scopes nest, close innermost first on the thread
   * that opened them, also in tasks on a shared pool, and every span ends.
   */
  static class CleanInParallel {
    @RegisterExtension static final TracingExtension tracing = fixedIds().build();
    static ExecutorService payments;

    @BeforeAll
    static void startPool() {
      payments = Executors.newFixedThreadPool(3);
    }

    @RepeatedTest(200)
    void processesOrder(Tracer tracer) throws InterruptedException {
      Span order = tracer.spanBuilder("processOrder").startSpan();
      try (Scope ignored = order.makeCurrent()) {
        CompletableFuture.runAsync(
                Context.current()
                    .wrap(
                        () -> {
                          try (Scope inTask = new PaymentClient(tracer).chargeAndKeepScope()) {
                            // the payment runs here
                          }
                        }),
                payments)
            .join();
        Thread.sleep(1); // keep tests overlapping
      } finally {
        order.end();
      }
    }

    @AfterAll
    static void stopPool() {
      payments.shutdown();
    }
  }

  @Test
  void should_report_nothing_about_200_concurrent_tests_that_handle_their_scopes_right() {
    EngineExecutionResults results;
    try (LoggedWarnings warnings = LoggedWarnings.record()) {
      results = EngineRuns.runConcurrently(CleanInParallel.class);

      assertThat(warnings.warnings()).isEmpty();
    }

    assertThat(failureMessages(results.allEvents())).isEmpty();
    results.testEvents().assertStatistics(stats -> stats.started(200).succeeded(200));
  }

  @Test
  void should_watch_the_runners_own_scope_without_a_stack_and_the_tests_scopes_with_theirs() {
    try (TracingHarness harness = TracingHarness.builder().recordStartStacks(true).build();
        CaptureSession session = harness.openSession("test [runnersScope]")) {
      WatchedScopes scopes = ScopeTracking.watch(session, true);
      Span order = harness.tracer().spanBuilder("processOrder").startSpan();
      try (Scope runners = scopes.openRunnersScope(session::makeCurrent);
          Scope tests = order.makeCurrent()) {
        assertThat(scopes.openScopes())
            .extracting(TrackedScope::isRunnersScope, scope -> scope.openStack().isPresent())
            .containsExactly(tuple(true, false), tuple(false, true));
        assertThat(scopes.openScopes().get(1).openStack().orElseThrow().get(0).getMethodName())
            .isEqualTo(
                "should_watch_the_runners_own_scope_without_a_stack_and_the_tests_scopes_with_theirs");
      } finally {
        order.end();
        ScopeTracking.stopWatching(session);
      }
    }
  }

  @Test
  void the_wrapper_wraps_the_context_storage_of_this_jvm() {
    assertThat(ScopeTracking.install()).isEqualTo(ScopeTracking.Installation.INSTALLED);
  }

  @Test
  void should_fail_a_test_that_leaves_a_scope_open_naming_its_span_and_where_it_was_opened() {
    EngineExecutionResults results = run(LeavesScopeOpen.class);

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .satisfies(
            message ->
                assertThat(withoutLineNumbers(message))
                    .isEqualTo(
                        "test [LeavesScopeOpen.forgetsToClose(Tracer)] left 1 scope open (waited 20"
                            + " ms for it to close):\n"
                            + "  scope of span [processPayment] (trace"
                            + " 00000000000000000000000000000001, span 0000000000000001) was"
                            + " opened on thread [main] and never closed, opened at:\n"
                            + "  \tat "
                            + PaymentClient.class.getName()
                            + ".charge(StrictContextTest.java:N)\n"
                            + "  \tat "
                            + LeavesScopeOpen.class.getName()
                            + ".forgetsToClose(StrictContextTest.java:N)\n"
                            + "Every scope must be closed, typically with try-with-resources: an"
                            + " open scope leaves its context current, and whatever runs next on"
                            + " that thread joins the test's trace."));
  }

  /**
   * The first test closes its scope; the second, run after it, leaves one of the same span open.
   */
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class LeavesScopeOpenInALaterTest {
    @RegisterExtension static final TracingExtension tracing = fixedIds().build();

    @Test
    void a_closes(Tracer tracer) {
      new PaymentClient(tracer).chargeAndKeepScope().close();
    }

    @Test
    void b_forgetsToClose(Tracer tracer) {
      new PaymentClient(tracer).chargeAndKeepScope();
    }
  }

  @Test
  void should_show_a_scope_of_a_later_test_with_the_stack_of_the_first_scope_of_its_span_name() {
    EngineExecutionResults results = run(LeavesScopeOpenInALaterTest.class);

    assertThat(onlyFailureWithoutLineNumbers(results))
        .isEqualTo(
            "test [LeavesScopeOpenInALaterTest.b_forgetsToClose(Tracer)] left 1 scope"
                + " open (waited 20 ms for it to close):\n"
                + "  scope of span [processPayment] (trace"
                + " 00000000000000000000000000000002, span 0000000000000002) was"
                + " opened on thread [main] and never closed; its own opening stack"
                + " was not recorded, the first scope that made a span of its name"
                + " current (in test [LeavesScopeOpenInALaterTest.a_closes(Tracer)])"
                + " was opened at:\n"
                + "  \tat "
                + PaymentClient.class.getName()
                + ".chargeAndKeepScope(StrictContextTest.java:N)\n"
                + "  \tat "
                + LeavesScopeOpenInALaterTest.class.getName()
                + ".a_closes(StrictContextTest.java:N)\n"
                + "Every scope must be closed, typically with try-with-resources: an"
                + " open scope leaves its context current, and whatever runs next on"
                + " that thread joins the test's trace.\n"
                + "Start stacks are recorded for the first span of each name, and the"
                + " first scope to make it current, in a test class"
                + " (spanproof.startStacks=test: in each test);"
                + " spanproof.startStacks=every or"
                + " recordStartStacks(StartStackRecording.EVERY_SPAN) records every"
                + " span's and scope's own.");
  }

  @Test
  void should_give_the_test_thread_back_its_context_after_a_leaked_scope() {
    Context before = Context.current();

    run(LeavesScopeOpen.class);

    assertThat(Context.current()).isSameAs(before);
    assertThat(CaptureSession.current()).isEmpty();
  }

  @Test
  void should_report_a_scope_left_open_on_a_pooled_thread_naming_the_thread() {
    EngineExecutionResults results = run(LeavesScopeOpenOnPooledThread.class);

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .satisfies(
            message ->
                assertThat(withoutLineNumbers(message))
                    .startsWith(
                        "test [LeavesScopeOpenOnPooledThread.forgetsToCloseInTask(Tracer)] left 1"
                            + " scope open (waited 20 ms for it to close):\n"
                            + "  scope of span [processPayment] (trace"
                            + " 00000000000000000000000000000001, span 0000000000000001) was"
                            + " opened on thread [payments-1] and never closed, opened at:\n"
                            + "  \tat "
                            + PaymentClient.class.getName()
                            + ".charge(StrictContextTest.java:N)\n"));
  }

  @Test
  void should_report_a_pooled_thread_that_kept_the_test_context() {
    EngineExecutionResults results = run(KeepsContextOnPooledThread.class);

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .satisfies(
            message ->
                assertThat(withoutLineNumbers(message))
                    .isEqualTo(
                        "test [KeepsContextOnPooledThread.forgetsToCloseInTask(Tracer)] left its"
                            + " context current on 1 thread after the test:\n"
                            + "  thread [payments-1] still has the context of span"
                            + " [processPayment] (trace 00000000000000000000000000000001, span"
                            + " 0000000000000001) current, opened at:\n"
                            + "  \tat "
                            + PaymentClient.class.getName()
                            + ".charge(StrictContextTest.java:N)\n"
                            + "  \tat "
                            + KeepsContextOnPooledThread.class.getName()
                            + ".lambda$forgetsToCloseInTask$0(StrictContextTest.java:N)\n"
                            + "A pooled thread that keeps a test's context runs its next task"
                            + " inside that test's trace: every scope opened on it must be closed,"
                            + " innermost first."));
  }

  @Test
  void should_report_a_scope_closed_on_another_thread() {
    EngineExecutionResults results = run(ClosesScopeOnAnotherThread.class);

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .satisfies(
            message ->
                assertThat(withoutLineNumbers(message))
                    .isEqualTo(
                        "test [ClosesScopeOnAnotherThread.closesInTask(Tracer)] closed 1 scope on"
                            + " a thread other than the one that opened it:\n"
                            + "  scope of span [processPayment] (trace"
                            + " 00000000000000000000000000000001, span 0000000000000001) was"
                            + " opened on thread [main] and closed on thread [payments-1], opened"
                            + " at:\n"
                            + "  \tat "
                            + PaymentClient.class.getName()
                            + ".chargeAndKeepScope(StrictContextTest.java:N)\n"
                            + "  \tat "
                            + ClosesScopeOnAnotherThread.class.getName()
                            + ".closesInTask(StrictContextTest.java:N)\n"
                            + "A scope restores the context of the thread that opened it: close it"
                            + " there, with try-with-resources around the work on that thread, and"
                            + " hand the Context, not the scope, to other threads."));
  }

  @Test
  void should_report_scopes_closed_out_of_order() {
    EngineExecutionResults results = run(ClosesScopesOutOfOrder.class);

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .satisfies(
            message ->
                assertThat(withoutLineNumbers(message))
                    .isEqualTo(
                        "test [ClosesScopesOutOfOrder.closesOuterFirst(Tracer)] closed 1 scope out"
                            + " of order:\n"
                            + "  scope of span [processOrder] (trace"
                            + " 00000000000000000000000000000001, span 0000000000000001) was"
                            + " closed on thread [main] while a scope opened after it was still"
                            + " open, opened at:\n"
                            + "  \tat "
                            + ClosesScopesOutOfOrder.class.getName()
                            + ".closesOuterFirst(StrictContextTest.java:N)\n"
                            + "Scopes must be closed innermost first, as nested try-with-resources"
                            + " close them: OpenTelemetry does not restore the context when an"
                            + " outer scope closes first."));
  }

  @Test
  void should_not_flag_a_test_that_closes_every_scope_on_its_own_thread() {
    EngineExecutionResults results = run(ClosesEveryScope.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void should_only_warn_when_told_to_by_the_configuration_parameter() {
    try (LoggedWarnings warnings = LoggedWarnings.record()) {
      EngineExecutionResults results =
          run(
              LeavesScopeOpen.class,
              Map.of(SpanproofConfiguration.OPEN_SCOPES_PROPERTY_NAME, "warn"));

      results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
      assertThat(warnings.warnings())
          .singleElement()
          .asString()
          .startsWith("test [LeavesScopeOpen.forgetsToClose(Tracer)] left 1 scope open");
    }
  }

  @Test
  void should_say_nothing_when_every_check_is_ignored() {
    Map<String, String> allIgnored =
        Map.of(
            SpanproofConfiguration.OPEN_SCOPES_PROPERTY_NAME, "ignore",
            SpanproofConfiguration.SCOPES_CLOSED_ON_ANOTHER_THREAD_PROPERTY_NAME, "ignore",
            SpanproofConfiguration.SCOPES_CLOSED_OUT_OF_ORDER_PROPERTY_NAME, "ignore",
            SpanproofConfiguration.CONTEXTS_LEFT_CURRENT_PROPERTY_NAME, "ignore");
    try (LoggedWarnings warnings = LoggedWarnings.record()) {
      EngineExecutionResults results = run(ClosesScopesOutOfOrder.class, allIgnored);

      results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
      assertThat(warnings.warnings()).isEmpty();
    }
  }

  @Test
  void should_name_the_parameter_when_its_value_is_not_a_policy() {
    EngineExecutionResults results =
        run(
            ClosesEveryScope.class,
            Map.of(SpanproofConfiguration.CONTEXTS_LEFT_CURRENT_PROPERTY_NAME, "strict"));

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .isEqualTo(
            "configuration parameter spanproof.strict.contextsLeftCurrent must be fail, warn or"
                + " ignore, but was strict");
  }

  @Test
  void should_warn_once_and_report_nothing_when_something_used_the_context_storage_first()
      throws Exception {
    try (URLClassLoader fresh = freshClassLoader();
        LoggedWarnings warnings = LoggedWarnings.record()) {
      long failedFirst =
          inContextOf(
              fresh,
              () -> {
                fresh.loadClass(Context.class.getName()).getMethod("current").invoke(null);
                return failedTests(fresh, LeavesScopeOpen.class);
              });
      long failedAgain = inContextOf(fresh, () -> failedTests(fresh, LeavesScopeOpen.class));

      assertThat(failedFirst).isZero();
      assertThat(failedAgain).isZero();
      assertThat(warnings.warnings()).containsExactly(ScopeRules.STORAGE_USED_FIRST);
    }
  }

  /** Runs {@code fixture} through a JUnit engine loaded, with spanproof, by {@code loader}. */
  private static long failedTests(ClassLoader loader, Class<?> fixture) throws Exception {
    Object selector =
        loader
            .loadClass(DiscoverySelectors.class.getName())
            .getMethod("selectClass", String.class)
            .invoke(null, fixture.getName());
    Object selectors = Array.newInstance(loader.loadClass(DiscoverySelector.class.getName()), 1);
    Array.set(selectors, 0, selector);
    Object kit =
        loader
            .loadClass(EngineTestKit.class.getName())
            .getMethod("engine", String.class)
            .invoke(null, "junit-jupiter");
    kit = kit.getClass().getMethod("selectors", selectors.getClass()).invoke(kit, selectors);
    Object results = kit.getClass().getMethod("execute").invoke(kit);
    Object events = results.getClass().getMethod("testEvents").invoke(results);
    Object failed = events.getClass().getMethod("failed").invoke(events);
    return (long) failed.getClass().getMethod("count").invoke(failed);
  }

  /** The test class path, sharing nothing with this class loader but the JDK. */
  private static URLClassLoader freshClassLoader() {
    URL[] classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(StrictContextTest::url)
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

  /** JUnit and OpenTelemetry find their services through the context class loader. */
  private static <T> T inContextOf(ClassLoader loader, Callable<T> call) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return call.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
