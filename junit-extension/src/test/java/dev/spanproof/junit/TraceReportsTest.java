package dev.spanproof.junit;

import static dev.spanproof.junit.EngineRuns.failureMessages;
import static dev.spanproof.junit.EngineRuns.run;
import static dev.spanproof.junit.SpanproofConfiguration.PRINT_TRACES_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.START_STACKS_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.TRACES_DIRECTORY_PROPERTY_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Printing and writing each test's traces, and the configuration parameters that ask for it. */
class TraceReportsTest {

  static class ProcessesOrder {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder()
            .harness(harness -> harness.idGenerator(new FixedIds()))
            .reportAttributes("order.id")
            .build();

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
        run(ProcessesOrder.class, Map.of(TRACES_DIRECTORY_PROPERTY_NAME, reports.toString()));

    assertThat(failureMessages(results.allEvents())).isEmpty();
    List<Path> written;
    try (var files = Files.list(reports.resolve(ProcessesOrder.class.getName()))) {
      written = files.toList();
    }
    assertThat(written)
        .singleElement()
        .satisfies(
            file ->
                assertThat(file.getFileName().toString()).isEqualTo("processOrder_Tracer_.txt"));
    assertThat(Files.readString(written.get(0)))
        .startsWith(
            "test [ProcessesOrder.processOrder(Tracer)]\n"
                + "trace 00000000000000000000000000000001 (2 spans, ")
        .contains("\n└─ processOrder [INTERNAL, UNSET, ")
        .contains("] order.id=42\n   └─ validateInventory [INTERNAL, UNSET, ");
  }

  @Test
  void should_print_each_tests_traces_to_standard_output_when_asked() {
    try (StandardStreams streams = StandardStreams.capture()) {
      EngineExecutionResults results =
          run(ProcessesOrder.class, Map.of(PRINT_TRACES_PROPERTY_NAME, "true"));

      assertThat(failureMessages(results.allEvents())).isEmpty();
      assertThat(streams.out())
          .startsWith(
              "test [ProcessesOrder.processOrder(Tracer)]\n"
                  + "trace 00000000000000000000000000000001 (2 spans, ")
          .contains("] order.id=42\n   └─ validateInventory [INTERNAL, UNSET, ");
      assertThat(streams.err()).isEmpty();
    }
  }

  @Test
  void should_print_nothing_unless_asked() {
    try (StandardStreams streams = StandardStreams.capture()) {
      EngineExecutionResults results = run(ProcessesOrder.class);

      assertThat(failureMessages(results.allEvents())).isEmpty();
      assertThat(streams.out()).isEmpty();
      assertThat(streams.err()).isEmpty();
    }
  }

  static class PrintsTraces {
    @RegisterExtension
    static final TracingExtension tracing = TracingExtension.builder().printTraces().build();

    @Test
    void startsOneSpan(Tracer tracer) {
      tracer.spanBuilder("checkout").startSpan().end();
    }
  }

  @Test
  void should_print_traces_when_the_builder_asks_whatever_the_parameter_says() {
    try (StandardStreams streams = StandardStreams.capture()) {
      run(PrintsTraces.class, Map.of(PRINT_TRACES_PROPERTY_NAME, "false"));

      assertThat(streams.out())
          .startsWith("test [PrintsTraces.startsOneSpan(Tracer)]\ntrace ")
          .contains("└─ checkout [INTERNAL, UNSET, ");
    }
  }

  @Test
  void should_refuse_a_boolean_parameter_it_cannot_read_naming_it() {
    EngineExecutionResults results =
        run(ProcessesOrder.class, Map.of(PRINT_TRACES_PROPERTY_NAME, "yes"));

    assertThat(failureMessages(results.testEvents()))
        .containsExactly(
            "configuration parameter spanproof.traces.print must be true or false, but was yes");
  }

  @Test
  void should_refuse_a_misspelt_start_stacks_parameter_before_the_class_runs() {
    EngineExecutionResults results =
        run(ProcessesOrder.class, Map.of(START_STACKS_PROPERTY_NAME, "ture"));

    assertThat(failureMessages(results.containerEvents()))
        .containsExactly(
            "configuration parameter spanproof.startStacks must be true, test, every or false, but was ture");
  }

  @Test
  void should_refuse_an_empty_trace_directory_naming_the_parameter() {
    EngineExecutionResults results =
        run(ProcessesOrder.class, Map.of(TRACES_DIRECTORY_PROPERTY_NAME, " "));

    assertThat(failureMessages(results.testEvents()))
        .containsExactly(
            "configuration parameter spanproof.traces.directory must name a directory, but was"
                + " empty");
  }
}
