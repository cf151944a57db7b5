package dev.spanproof.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.CaptureSession;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * 240 tests in three classes run concurrently on 4 threads; the code under test uses
 * GlobalOpenTelemetry with a tracer it caches, and ends half its spans on executor threads. Every
 * test must see exactly its own spans, and nothing may be unowned.
 */
class ParallelIsolationTest {

  private static final AttributeKey<String> TEST_KEY = AttributeKey.stringKey("test.id");
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  /** What each fixture test saw through its injected CaptureSession, by test id. */
  private static final Map<String, List<SpanData>> seen = new ConcurrentHashMap<>();

  private static final AtomicInteger running = new AtomicInteger();
  private static final AtomicInteger maxRunning = new AtomicInteger();

  @Test
  void should_give_each_of_240_concurrent_tests_exactly_its_own_spans()
      throws InterruptedException {
    seen.clear();
    maxRunning.set(0);
    OrderService.start();
    EngineExecutionResults results;
    try {
      results = EngineTestKit(OrdersA.class, OrdersB.class, OrdersC.class);
    } finally {
      OrderService.stop();
    }

    assertThat(EngineRuns.failureMessages(results.allEvents())).isEmpty();
    results.testEvents().assertStatistics(stats -> stats.started(240).succeeded(240));
    assertThat(maxRunning.get()).as("tests that ran at the same time").isGreaterThan(1);
    assertThat(seen).hasSize(240);
    seen.forEach(
        (testId, spans) -> {
          assertThat(spans).as("spans of " + testId).hasSize(OrderService.SPANS_PER_ORDER);
          assertThat(spans)
              .as("spans of " + testId)
              .allSatisfy(
                  span -> {
                    assertThat(span.getAttributes().get(TEST_KEY)).isEqualTo(testId);
                    assertThat(span.getResource().getAttribute(SERVICE_NAME))
                        .isEqualTo(testId.split("#", -1)[0]);
                  });
        });
  }

  private static EngineExecutionResults EngineTestKit(Class<?>... fixtures) {
    return org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter(
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
        .selectors(
            java.util.Arrays.stream(fixtures)
                .map(org.junit.platform.engine.discovery.DiscoverySelectors::selectClass)
                .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
        .execute();
  }

  /** Code under test: knows only GlobalOpenTelemetry, caches its tracer, works on an executor. */
  static final class OrderService {
    static final int SPANS_PER_ORDER = 4;
    private static volatile Tracer tracer;
    private static ExecutorService executor;

    static void start() {
      executor = Context.taskWrapping(Executors.newFixedThreadPool(3));
    }

    static void stop() throws InterruptedException {
      executor.shutdown();
      executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static Tracer tracer() {
      if (tracer == null) {
        tracer = GlobalOpenTelemetry.getTracer("order-service");
      }
      return tracer;
    }

    static void processOrder(String testId) throws Exception {
      Span order = tracer().spanBuilder("processOrder").setAttribute(TEST_KEY, testId).startSpan();
      try (Scope ignored = order.makeCurrent()) {
        Future<?> inventory =
            executor.submit(
                () ->
                    tracer()
                        .spanBuilder("validateInventory")
                        .setAttribute(TEST_KEY, testId)
                        .startSpan()
                        .end());
        Span payment =
            tracer().spanBuilder("processPayment").setAttribute(TEST_KEY, testId).startSpan();
        // Ended on another thread, as asynchronous clients do.
        Future<?> paid =
            executor.submit(
                () -> {
                  Span.current().getSpanContext(); // the wrapped task carries the order span
                  tracer()
                      .spanBuilder("chargeCard")
                      .setAttribute(TEST_KEY, testId)
                      .startSpan()
                      .end();
                  payment.end();
                });
        inventory.get();
        paid.get();
      } finally {
        order.end();
      }
    }
  }

  /**
   * Each class gets its own service name, to prove the global routes every span to the harness of
   * its own test class; spans with no test would mean cross-talk was avoided by losing spans, so
   * they fail the class.
   */
  static TracingExtension extensionFor(Class<?> fixture) {
    return TracingExtension.builder()
        .resource(Resource.builder().put(SERVICE_NAME, fixture.getSimpleName()).build())
        .unownedSpans(SpanPolicy.FAIL)
        .build();
  }

  abstract static class OrderFixture {
    @RepeatedTest(80)
    void processesOrder(RepetitionInfo repetition, CaptureSession session) throws Exception {
      String testId = getClass().getSimpleName() + "#" + repetition.getCurrentRepetition();
      int now = running.incrementAndGet();
      maxRunning.accumulateAndGet(now, Math::max);
      try {
        OrderService.processOrder(testId);
        Thread.sleep(2); // keep tests overlapping
      } finally {
        running.decrementAndGet();
      }
      seen.put(testId, session.finishedSpans());
    }
  }

  @UsesGlobalOpenTelemetry
  static class OrdersA extends OrderFixture {
    @RegisterExtension static final TracingExtension tracing = extensionFor(OrdersA.class);
  }

  @UsesGlobalOpenTelemetry
  static class OrdersB extends OrderFixture {
    @RegisterExtension static final TracingExtension tracing = extensionFor(OrdersB.class);
  }

  @UsesGlobalOpenTelemetry
  static class OrdersC extends OrderFixture {
    @RegisterExtension static final TracingExtension tracing = extensionFor(OrdersC.class);
  }
}
