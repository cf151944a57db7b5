package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Picking one of several same-named spans, spanWithAttribute(..) and child(name, index), and the
 * "several spans" failure suggesting how.
 */
class TraceAssert_pickOneOfSeveral_Test {

  private static final AttributeKey<String> QUERY = AttributeKey.stringKey("db.query.text");

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  /** GET /orders runs two SELECTs that only their query text tells apart. */
  private List<SpanData> twoQueries() {
    return traces.record(
        span(
            "GET /orders",
            0,
            10,
            span("SELECT", 1, 2)
                .with(s -> s.setAttribute("db.query.text", "select * from orders"))
                .with(s -> s.setAttribute("db.response.returned_rows", 1L)),
            span("SELECT", 3, 4)
                .with(s -> s.setAttribute("db.query.text", "select * from \"lines\""))
                .with(s -> s.setAttribute("db.response.returned_rows", 1L))));
  }

  @Test
  void should_pick_a_span_by_an_attribute_or_by_its_position() {
    // GIVEN
    List<SpanData> spans = twoQueries();
    // WHEN/THEN
    assertThatTrace(spans)
        .spanWithAttribute("SELECT", "db.query.text", "select * from orders")
        .hasAttribute("db.response.returned_rows", 1)
        .returnToTrace()
        .spanWithAttribute("SELECT", QUERY, "select * from \"lines\"")
        .hasParent("GET /orders")
        .returnToTrace()
        .span("GET /orders")
        .child("SELECT", 1)
        .hasAttribute(QUERY, "select * from \"lines\"")
        .parent()
        .child("SELECT", 0)
        .hasAttribute(QUERY, "select * from orders");
  }

  @Test
  void should_suggest_the_attribute_that_tells_them_apart_and_the_positions() {
    // GIVEN
    List<SpanData> spans = twoQueries();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("SELECT"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have exactly one span named:
              "SELECT"
            but it has 2. Pick one:
              1 of 2 (0000000000000002): spanWithAttribute("SELECT", "db.query.text", "select * from orders") or span("GET /orders").child("SELECT", 0)
              2 of 2 (0000000000000003): spanWithAttribute("SELECT", "db.query.text", "select * from \\"lines\\"") or span("GET /orders").child("SELECT", 1)

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ GET /orders [INTERNAL, UNSET, 10.0 ms]
               ├─ SELECT [INTERNAL, UNSET, 1.00 ms]  <-- 1 of 2
               └─ SELECT [INTERNAL, UNSET, 1.00 ms]  <-- 2 of 2""");
  }

  @Test
  void should_suggest_the_path_through_their_parents_when_nothing_else_tells_them_apart() {
    // GIVEN two loads under differently named parents
    List<SpanData> spans =
        traces.record(
            span(
                "job",
                0,
                10,
                span("a", 1, 4, span("load", 2, 3)),
                span("b", 5, 9, span("load", 6, 7))));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("load"))
        .hasMessageStartingWith(
            """
            Expecting trace 00000000000000000000000000000001 to have exactly one span named:
              "load"
            but it has 2. Pick one:
              1 of 2 (0000000000000003): span("a").child("load", 0)
              2 of 2 (0000000000000005): span("b").child("load", 0)
            """);
  }

  @Test
  void should_suggest_the_path_through_same_named_parents() {
    // GIVEN two loads, each with a SELECT, nothing to tell them apart but their place
    List<SpanData> spans =
        traces.record(
            span(
                "batch",
                0,
                10,
                span("load", 1, 5, span("SELECT", 2, 3)),
                span("load", 5, 9, span("SELECT", 6, 7))));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("SELECT"))
        .hasMessageStartingWith(
            """
            Expecting trace 00000000000000000000000000000001 to have exactly one span named:
              "SELECT"
            but it has 2. Pick one:
              1 of 2 (0000000000000003): span("batch").child("load", 0).child("SELECT", 0)
              2 of 2 (0000000000000005): span("batch").child("load", 1).child("SELECT", 0)
            """);
  }

  @Test
  void should_say_when_only_the_id_tells_two_roots_apart() {
    // GIVEN two orphans of the same name, their parent never ended
    List<SpanData> spans =
        traces.record(span("poll", 0, 10, span("handle", 1, 2), span("handle", 3, 4)).unended());
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("handle"))
        .hasMessageStartingWith(
            """
            Expecting trace 00000000000000000000000000000001 to have exactly one span named:
              "handle"
            but it has 2. Pick one:
              1 of 2 (0000000000000002): no attribute tells it apart, and it has no parent to pick it under
              2 of 2 (0000000000000003): no attribute tells it apart, and it has no parent to pick it under
            """);
  }

  @Test
  void should_suggest_indexes_when_a_child_name_is_not_unique() {
    // GIVEN
    List<SpanData> spans = twoQueries();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().child("SELECT"))
        .hasMessageStartingWith(
            """
            Expecting span [GET /orders] to have exactly one child named:
              "SELECT"
            but it has 2. Pick one:
              1 of 2 (0000000000000002): child("SELECT", 0)
              2 of 2 (0000000000000003): child("SELECT", 1)
            """);
  }

  @Test
  void should_fail_listing_the_values_when_no_span_has_the_attribute_value() {
    // GIVEN
    List<SpanData> spans = twoQueries();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).spanWithAttribute("SELECT", QUERY, "select 1"))
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have exactly one span named "SELECT" with the attribute:
              db.query.text=select 1
            but it has 0; the spans named "SELECT" have:
              0000000000000002 db.query.text=select * from orders
              0000000000000003 db.query.text=select * from "lines"

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ GET /orders [INTERNAL, UNSET, 10.0 ms]
               ├─ SELECT [INTERNAL, UNSET, 1.00 ms] db.query.text=select * from orders  <-- named "SELECT"
               └─ SELECT [INTERNAL, UNSET, 1.00 ms] db.query.text=select * from "lines"  <-- named "SELECT\"""");
    assertThatThrownBy(
            () -> assertThatTrace(spans).spanWithAttribute("SELCT", "db.query.text", "x"))
        .hasMessageStartingWith(
            """
            Expecting trace 00000000000000000000000000000001 to have a span named:
              "SELCT"
            but it has none. Did you mean:
            """);
  }

  @Test
  void should_suggest_how_to_pick_when_the_attribute_does_not_narrow_it_down() {
    // GIVEN
    List<SpanData> spans = twoQueries();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans).spanWithAttribute("SELECT", "db.response.returned_rows", 1))
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have exactly one span named "SELECT" with the attribute:
              db.response.returned_rows=1
            but it has 2; the spans named "SELECT" have:
              0000000000000002 db.response.returned_rows=1
              0000000000000003 db.response.returned_rows=1
            Pick one:
              1 of 2 (0000000000000002): spanWithAttribute("SELECT", "db.query.text", "select * from orders") or span("GET /orders").child("SELECT", 0)
              2 of 2 (0000000000000003): spanWithAttribute("SELECT", "db.query.text", "select * from \\"lines\\"") or span("GET /orders").child("SELECT", 1)

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ GET /orders [INTERNAL, UNSET, 10.0 ms]
               ├─ SELECT [INTERNAL, UNSET, 1.00 ms] db.response.returned_rows=1  <-- matches
               └─ SELECT [INTERNAL, UNSET, 1.00 ms] db.response.returned_rows=1  <-- matches""");
  }

  @Test
  void should_fail_listing_the_children_when_the_index_is_past_them() {
    // GIVEN
    List<SpanData> spans = twoQueries();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().child("SELECT", 2))
        .hasMessage(
            """
            Expecting span [GET /orders] to have a child named "SELECT" at index:
              2
            but it has 2 named so

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ GET /orders [INTERNAL, UNSET, 10.0 ms]  <-- expected a child "SELECT" at index 2
               ├─ SELECT [INTERNAL, UNSET, 1.00 ms]
               └─ SELECT [INTERNAL, UNSET, 1.00 ms]""");
    assertThatThrownBy(() -> assertThatTrace(spans).root().child("INSERT", 0))
        .hasMessageStartingWith(
            """
            Expecting span [GET /orders] to have a child named:
              "INSERT"
            but its children are [SELECT, SELECT]""");
  }

  @Test
  void should_collect_failed_picks_softly() {
    // GIVEN
    List<SpanData> spans = twoQueries();
    SoftTraceAssertions softly = new SoftTraceAssertions();
    // WHEN
    softly
        .assertThatTrace(spans)
        .spanWithAttribute("SELECT", QUERY, "select 1")
        .hasParent("nowhere")
        .returnToTrace()
        .root()
        .child("SELECT", 3)
        .hasParent("nowhere");
    softly.assertThatTrace(spans).root().child("SELECT", 1).hasAttribute("db.query.text", "x");
    // THEN
    assertThat(softly.errorsCollected())
        .extracting(error -> error.getMessage().strip().lines().findFirst().orElseThrow())
        .containsExactly(
            "Expecting trace 00000000000000000000000000000001 to have exactly one span named"
                + " \"SELECT\" with the attribute:",
            "Expecting span [GET /orders] to have a child named \"SELECT\" at index:",
            "Expecting span [SELECT] to have the attribute:");
  }

  @Test
  void should_throw_on_null_and_negative_arguments() {
    // GIVEN
    List<SpanData> spans = twoQueries();
    // WHEN/THEN
    assertThatThrownBy(
            () -> assertThatTrace(spans).spanWithAttribute("SELECT", "db.query.text", null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(
            "spanWithAttribute(String name, String key, Object value): value must not be null");
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .spanWithAttribute("SELECT", (AttributeKey<String>) null, "x"))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(
            "spanWithAttribute(String name, AttributeKey<T> key, T value): key must not be null");
    assertThatThrownBy(() -> assertThatTrace(spans).root().child("SELECT", -1))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("child(String name, int index): index must not be negative, but got -1");
  }
}
