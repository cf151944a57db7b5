package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.opentest4j.AssertionFailedError;

/**
 * Golden traces: the stored shape, what is compared and what is not, the diff on a mismatch, the
 * missing file, and the update mode. Tests that switch the update mode on hold the system
 * properties' lock.
 */
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class TraceAssert_matchesGoldenFile_Test {

  private static final String HEADER =
      """
      # spanproof golden trace: span names, [kind, status], the tree, and
      # the attributes under each span (db.operation.name, db.system, db.system.name, error.type,
      #   http.request.method, http.response.status_code, http.route, messaging.destination.name,
      #   messaging.operation.type, rpc.method).
      # Not compared: ids, timestamps, durations, events, the order of siblings.
      # Rewrite it by running the test with -Dspanproof.golden.update=true
      """;

  private final TestTraces traces = new TestTraces();

  @TempDir Path directory;

  @AfterEach
  void close() {
    traces.close();
    System.clearProperty(GoldenTraceOptions.UPDATE_PROPERTY);
  }

  @Test
  void should_write_the_file_in_update_mode() throws IOException {
    // GIVEN
    Path golden = directory.resolve("golden/order.trace");
    System.setProperty(GoldenTraceOptions.UPDATE_PROPERTY, "true");
    // WHEN
    assertThatTrace(traces.orderTrace()).matchesGoldenFile(golden);
    // THEN
    assertThat(Files.readString(golden))
        .isEqualTo(
            HEADER
                + """
                processOrder [SERVER, UNSET]
                  | http.request.method = "POST"
                  | http.route = "/orders"
                  validateInventory [INTERNAL, UNSET]
                  processPayment [CLIENT, ERROR "card declined"]
                """);
  }

  @Test
  void should_pass_with_siblings_in_any_order_comments_and_blank_lines() throws IOException {
    // GIVEN a hand-written file: siblings swapped, attributes reordered
    Path golden =
        write(
            """
            # the checkout as the business describes it

            processOrder [SERVER, UNSET]
              processPayment [CLIENT, ERROR "card declined"]
              | http.route = "/orders"
              | http.request.method = "POST"
              validateInventory [INTERNAL, UNSET]
            """);
    // WHEN/THEN: ids, times and the order differ from the recorded trace
    assertThatTrace(traces.orderTrace()).matchesGoldenFile(golden);
  }

  @Test
  void should_fail_with_a_diff_of_the_two_trees() throws IOException {
    // GIVEN
    Path golden =
        write(
            HEADER
                + """
                processOrder [SERVER, UNSET]
                  | http.request.method = "POST"
                  | http.route = "/orders"
                  validateInventory [INTERNAL, UNSET]
                  processPayment [CLIENT, OK]
                """);
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(traces.orderTrace()).matchesGoldenFile(golden))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to match the golden file %s
            but it differs (- golden file, + actual trace):
                processOrder [SERVER, UNSET]
                  | http.request.method = "POST"
                  | http.route = "/orders"
                  validateInventory [INTERNAL, UNSET]
              -   processPayment [CLIENT, OK]
              +   processPayment [CLIENT, ERROR "card declined"]
            If the change is intended, rewrite the file by running the test with \
            -Dspanproof.golden.update=true and review the change before committing it.

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception"""
                .formatted(golden));
  }

  @Test
  void should_show_missing_and_unexpected_spans_in_place() throws IOException {
    // GIVEN
    Path golden =
        write(
            """
            GET /orders [SERVER, UNSET]
              loadOrders [INTERNAL, UNSET]
                SELECT orders [CLIENT, UNSET]
              render [INTERNAL, UNSET]
            """);
    List<SpanData> spans =
        traces.record(
            TestTraces.span(
                    "GET /orders",
                    0,
                    10,
                    TestTraces.span("render", 8, 9),
                    TestTraces.span(
                        "loadOrders",
                        1,
                        7,
                        TestTraces.span("SELECT orders", 2, 3).kind(SpanKind.CLIENT),
                        TestTraces.span("SELECT lines", 4, 5).kind(SpanKind.CLIENT)))
                .kind(SpanKind.SERVER));
    // WHEN/THEN: the diff lists the actual children in the golden file's order
    assertThatThrownBy(() -> assertThatTrace(spans).matchesGoldenFile(golden))
        .hasMessageContaining(
            """
            but it differs (- golden file, + actual trace):
                GET /orders [SERVER, UNSET]
                  loadOrders [INTERNAL, UNSET]
                    SELECT orders [CLIENT, UNSET]
              +     SELECT lines [CLIENT, UNSET]
                  render [INTERNAL, UNSET]
            If the change""");
  }

  @Test
  void should_fail_when_the_file_is_missing_saying_how_to_create_it() {
    // GIVEN
    Path golden = directory.resolve("missing.trace");
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(traces.orderTrace()).matchesGoldenFile(golden))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to match the golden file %s
            but the file does not exist. To create it from this trace, run the test with \
            -Dspanproof.golden.update=true, then review the file and commit it."""
                .formatted(golden));
    assertThat(golden).doesNotExist();
  }

  @Test
  void should_fail_when_the_file_is_malformed_naming_the_line() throws IOException {
    // GIVEN
    Path golden = write("processOrder [SERVER, UNSET]\n   validateInventory [INTERNAL, UNSET]\n");
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(traces.orderTrace()).matchesGoldenFile(golden))
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to match the golden file %s
            but the file is not a golden trace: line 2 is indented by 3 spaces, but levels are 2 \
            spaces each. Fix it, or rewrite it from this trace by running the test with \
            -Dspanproof.golden.update=true."""
                .formatted(golden));
  }

  @Test
  void should_rewrite_a_differing_file_in_update_mode_and_leave_a_matching_one()
      throws IOException {
    // GIVEN a file with the siblings swapped and the payment's status outdated
    Path golden =
        write(
            """
            processOrder [SERVER, UNSET]
              processPayment [CLIENT, OK]
              validateInventory [INTERNAL, UNSET]
            """);
    Path matching =
        write(
            "mine.trace",
            """
            # kept as written
            processOrder [SERVER, UNSET]
              | http.request.method = "POST"
              | http.route = "/orders"
              processPayment [CLIENT, ERROR "card declined"]
              validateInventory [INTERNAL, UNSET]
            """);
    System.setProperty(GoldenTraceOptions.UPDATE_PROPERTY, "true");
    List<SpanData> spans = traces.orderTrace();
    // WHEN
    assertThatTrace(spans).matchesGoldenFile(golden).matchesGoldenFile(matching);
    // THEN the rewritten file keeps the old order, so that its diff shows only the change
    assertThat(Files.readString(golden))
        .isEqualTo(
            HEADER
                + """
                processOrder [SERVER, UNSET]
                  | http.request.method = "POST"
                  | http.route = "/orders"
                  processPayment [CLIENT, ERROR "card declined"]
                  validateInventory [INTERNAL, UNSET]
                """);
    assertThat(Files.readString(matching)).startsWith("# kept as written\n");
  }

  @Test
  void should_compare_sibling_order_when_asked() throws IOException {
    // GIVEN
    Path golden =
        write(
            """
            processOrder [SERVER, UNSET]
              processPayment [CLIENT, ERROR "card declined"]
              validateInventory [INTERNAL, UNSET]
            """);
    GoldenTraceOptions options =
        GoldenTraceOptions.defaults().withOnlyAttributes().withSiblingsInStartOrder();
    // WHEN/THEN
    assertThatThrownBy(
            () -> assertThatTrace(traces.orderTrace()).matchesGoldenFile(golden, options))
        .hasMessageContaining(
            """
            to match the golden file %s, siblings in start order
            but it differs (- golden file, + actual trace):
                processOrder [SERVER, UNSET]
              -   processPayment [CLIENT, ERROR "card declined"]
                  validateInventory [INTERNAL, UNSET]
              +   processPayment [CLIENT, ERROR "card declined"]
            """
                .formatted(golden));
  }

  @Test
  void should_compare_the_chosen_attributes_with_their_types() throws IOException {
    // GIVEN
    Path golden =
        write(
            """
            processOrder [SERVER, UNSET]
              validateInventory [INTERNAL, UNSET]
              processPayment [CLIENT, ERROR "card declined"]
                | payment.attempts = "2"
                | payment.provider = "acme"
            """);
    GoldenTraceOptions options =
        GoldenTraceOptions.defaults().withOnlyAttributes("payment.attempts", "payment.provider");
    // WHEN/THEN: the attempts are a number, not text
    assertThatThrownBy(
            () -> assertThatTrace(traces.orderTrace()).matchesGoldenFile(golden, options))
        .hasMessageContaining(
            """
                  processPayment [CLIENT, ERROR "card declined"]
              -     | payment.attempts = "2"
              +     | payment.attempts = 2
                    | payment.provider = "acme"
            """);
  }

  @Test
  void should_compare_event_names_when_asked() throws IOException {
    // GIVEN a file written with event names
    Path golden = directory.resolve("events.trace");
    GoldenTraceOptions options =
        GoldenTraceOptions.defaults().withOnlyAttributes().withEventNames();
    System.setProperty(GoldenTraceOptions.UPDATE_PROPERTY, "true");
    assertThatTrace(traces.orderTrace()).matchesGoldenFile(golden, options);
    System.clearProperty(GoldenTraceOptions.UPDATE_PROPERTY);
    // WHEN a trace whose payment recorded no exception is compared
    List<SpanData> withoutException =
        traces.record(
            TestTraces.span(
                    "processOrder",
                    0,
                    10,
                    TestTraces.span("validateInventory", 1, 3),
                    TestTraces.span("processPayment", 4, 9)
                        .kind(SpanKind.CLIENT)
                        .status(StatusCode.ERROR, "card declined"))
                .kind(SpanKind.SERVER));
    // THEN
    assertThat(Files.readString(golden))
        .startsWith(
            "# spanproof golden trace: span names, [kind, status], the tree, event names, and\n")
        .endsWith(
            """
            processOrder [SERVER, UNSET]
              validateInventory [INTERNAL, UNSET]
              processPayment [CLIENT, ERROR "card declined"] events: exception
            """);
    assertThatThrownBy(() -> assertThatTrace(withoutException).matchesGoldenFile(golden, options))
        .hasMessageContaining(
            """
              -   processPayment [CLIENT, ERROR "card declined"] events: exception
              +   processPayment [CLIENT, ERROR "card declined"]
            """);
  }

  @Test
  void should_mark_orphans_remote_parents_and_escape_awkward_names() throws IOException {
    // GIVEN
    Path golden = directory.resolve("awkward.trace");
    System.setProperty(GoldenTraceOptions.UPDATE_PROPERTY, "true");
    List<SpanData> spans =
        traces.record(
            TestTraces.span(
                    "# not a comment",
                    0,
                    10,
                    TestTraces.span("line\nbreak \"quoted\"", 1, 2),
                    TestTraces.span("| not an attribute", 3, 4)
                        .status(StatusCode.ERROR, "tab\there"))
                .remoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"));
    // WHEN
    assertThatTrace(spans).matchesGoldenFile(golden, GoldenTraceOptions.defaults());
    // THEN
    assertThat(Files.readString(golden))
        .endsWith(
            """
            \\# not a comment [INTERNAL, UNSET] (remote parent)
              line\\nbreak \\"quoted\\" [INTERNAL, UNSET]
              \\| not an attribute [INTERNAL, ERROR "tab\\there"]
            """);
    System.clearProperty(GoldenTraceOptions.UPDATE_PROPERTY);
    assertThatTrace(spans).matchesGoldenFile(golden);
  }

  @Test
  void should_collect_a_mismatch_under_soft_assertions_and_go_on() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    SoftTraceAssertions softly = new SoftTraceAssertions();
    // WHEN
    softly
        .assertThatTrace(spans)
        .matchesGoldenFile(directory.resolve("missing.trace"))
        .hasSpanCount(4);
    // THEN
    assertThat(softly.errorsCollected())
        .extracting(error -> error.getMessage().lines().filter(line -> !line.isEmpty()).findFirst())
        .map(line -> line.orElseThrow().replace(directory.toString(), "<dir>"))
        .containsExactly(
            "Expecting trace 00000000000000000000000000000001 to match the golden file"
                + " <dir>/missing.trace",
            "Expecting trace 00000000000000000000000000000001 to have this many spans:");
  }

  @Test
  void should_name_null_arguments() {
    List<SpanData> spans = traces.orderTrace();
    assertThatThrownBy(() -> assertThatTrace(spans).matchesGoldenFile(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(
            "matchesGoldenFile(Path goldenFile, GoldenTraceOptions options): goldenFile must not"
                + " be null");
    assertThatThrownBy(() -> assertThatTrace(spans).matchesGoldenFile(directory.resolve("x"), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(
            "matchesGoldenFile(Path goldenFile, GoldenTraceOptions options): options must not be"
                + " null");
    assertThatThrownBy(() -> GoldenTraceOptions.defaults().withAttributes("a", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(
            "withAttributes(String... keys): keys must not contain null, but got [a, null]");
  }

  @Test
  void options_say_what_they_compare() {
    assertThat(GoldenTraceOptions.defaults().withOnlyAttributes("b", "a").withAttributes("c"))
        .hasToString("GoldenTraceOptions[attributes [a, b, c], siblings in any order]")
        .isEqualTo(GoldenTraceOptions.defaults().withOnlyAttributes("c", "b", "a"));
    assertThat(GoldenTraceOptions.defaults().withSiblingsInStartOrder())
        .isNotEqualTo(GoldenTraceOptions.defaults());
    assertThat(GoldenTraceOptions.defaults().withOnlyAttributes().withEventNames())
        .hasToString("GoldenTraceOptions[attributes [], siblings in any order, event names]")
        .isNotEqualTo(GoldenTraceOptions.defaults().withOnlyAttributes());
  }

  private Path write(String content) throws IOException {
    return write("golden.trace", content);
  }

  private Path write(String name, String content) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
