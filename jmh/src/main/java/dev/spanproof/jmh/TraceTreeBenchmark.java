package dev.spanproof.jmh;

import dev.spanproof.assertions.TraceAssertions;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.assertj.SpanDataAssert;
import io.opentelemetry.sdk.testing.assertj.TraceAssert;
import io.opentelemetry.sdk.testing.assertj.TracesAssert;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Turning the captured spans of one trace into something a test can check, over 10, 1,000 and
 * 100,000 spans: spanproof's trees versus sdk-testing's {@code TracesAssert}.
 *
 * <p>The spans are real SDK {@code SpanData}, built once per trial: a tree with fan-out 10 ({@code
 * processOrder}, then {@code step-0..9}, then {@code db-query} below), handed over in the order
 * they ended, as an exporter sees them. Start times are distinct and parents start first, so both
 * libraries see one unambiguous order.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class TraceTreeBenchmark {

  static final int FAN_OUT = 10;

  @Param({"10", "1000", "100000"})
  public int spanCount;

  List<SpanData> spans;
  String rootName = "processOrder";
  String leafName = "db-query";
  List<String> expectedRootChildren;
  int expectedLeafCount;
  Consumer<TraceAssert> sdkTestingTraceAssertion;

  @Setup(Level.Trial)
  public void captureSpans() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    SpanContext[] contexts = new SpanContext[spanCount];
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setSampler(Sampler.alwaysOn())
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      long start = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
      for (int i = 0; i < spanCount; i++) {
        Context parent =
            i == 0 ? Context.root() : Context.root().with(Span.wrap(contexts[(i - 1) / FAN_OUT]));
        Span span =
            provider
                .get("spanproof-jmh")
                .spanBuilder(nameOf(i))
                .setParent(parent)
                .setStartTimestamp(start + i * 1_000L, TimeUnit.NANOSECONDS)
                .startSpan();
        contexts[i] = span.getSpanContext();
        span.end(start + i * 1_000L + 500, TimeUnit.NANOSECONDS);
      }
      // Read before the provider closes: shutting the exporter down clears it.
      spans = List.copyOf(exporter.getFinishedSpanItems());
    }
    if (spans.size() != spanCount) {
      throw new IllegalStateException("captured " + spans.size() + " spans, expected " + spanCount);
    }

    expectedRootChildren = new ArrayList<>();
    for (int i = 1; i < Math.min(spanCount, FAN_OUT + 1); i++) {
      expectedRootChildren.add(nameOf(i));
    }
    expectedLeafCount = Math.max(0, spanCount - 1 - FAN_OUT);

    // What an sdk-testing user writes: one assertion per span, in start order, name and parent.
    List<Consumer<SpanDataAssert>> perSpan = new ArrayList<>(spanCount);
    for (int i = 0; i < spanCount; i++) {
      String name = nameOf(i);
      if (i == 0) {
        perSpan.add(span -> span.hasName(name).hasNoParent());
      } else {
        String parentId = contexts[(i - 1) / FAN_OUT].getSpanId();
        perSpan.add(span -> span.hasName(name).hasParentSpanId(parentId));
      }
    }
    sdkTestingTraceAssertion = trace -> trace.hasSpansSatisfyingExactly(perSpan);
  }

  private static String nameOf(int index) {
    if (index == 0) {
      return "processOrder";
    }
    return index <= FAN_OUT ? "step-" + (index - 1) : "db-query";
  }

  /**
   * Measured: {@code Trace.groupByTraceId} over the spans: grouping, ordering, linking parents and
   * children. Isolated: the spans exist already (capture is measured elsewhere).
   */
  @Benchmark
  public void spanproofBuildTrees(Blackhole blackhole) {
    blackhole.consume(Trace.groupByTraceId(spans));
  }

  /**
   * Measured: a typical spanproof check through the core API (the DSL's work without its messages):
   * build the trees, find the root by name, compare its children's names, count the spans of a
   * name. Isolated: spans and expected values are prepared in set-up; a mismatch throws.
   */
  @Benchmark
  public void spanproofAssertionChain(Blackhole blackhole) {
    List<Trace> traces = Trace.groupByTraceId(spans);
    if (traces.size() != 1) {
      throw new AssertionError("expected one trace, got " + traces.size());
    }
    Trace trace = traces.get(0);
    SpanNode root =
        trace.roots().stream()
            .filter(node -> node.name().equals(rootName))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no root named " + rootName));
    List<String> children = root.children().stream().map(SpanNode::name).toList();
    if (!children.equals(expectedRootChildren)) {
      throw new AssertionError("children of " + rootName + ": " + children);
    }
    int leaves = trace.spansNamed(leafName).size();
    if (leaves != expectedLeafCount) {
      throw new AssertionError(leafName + " spans: " + leaves);
    }
    blackhole.consume(trace);
  }

  /**
   * Measured: the same check through the assertion DSL, as a user writes it: {@code
   * assertThatTrace(spans)} (grouping and tree building included), the root by name, the span
   * count, the root's child count and the number of spans of a name. Isolated: as above.
   */
  @Benchmark
  public void spanproofDsl(Blackhole blackhole) {
    blackhole.consume(
        TraceAssertions.assertThatTrace(spans)
            .hasRoot(rootName)
            .hasSpanCount(spanCount)
            .hasSpansNamed(leafName, expectedLeafCount)
            .root()
            .hasChildCount(expectedRootChildren.size()));
  }

  /**
   * Measured: sdk-testing's {@code TracesAssert.assertThat(spans)} (groups by trace id and sorts)
   * then {@code hasTracesSatisfyingExactly} with one prebuilt name-and-parent assertion per span,
   * which is how that API checks a tree. Isolated: the per-span assertions are built in set-up.
   */
  @Benchmark
  public void sdkTestingTracesAssert(Blackhole blackhole) {
    blackhole.consume(
        TracesAssert.assertThat(spans).hasTracesSatisfyingExactly(sdkTestingTraceAssertion));
  }
}
