package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TestTraces.stackless;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.assertThatTraces;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.lint.FindingLevel;
import dev.spanproof.core.lint.TraceLint;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * passesLint(): each rule passing and failing, the configuration, the findings that do not fail.
 */
class TraceAssert_passesLint_Test {

  private static final String REMOTE_TRACE = "0af7651916cd43dd8448eb211c80319c";

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_on_the_guides_order_scenario_with_a_recorded_exception() {
    // processOrder / validateInventory / processPayment, the payment failed with recordException
    assertThatTrace(traces.orderTrace()).passesLint();
  }

  @Test
  void should_pass_on_a_message_published_then_processed_with_a_link() {
    SpanContext publish =
        traces.record(span("publish orders", 0, 1).kind(SpanKind.PRODUCER)).get(0).getSpanContext();
    List<SpanData> process =
        traces.record(
            span("process orders", 2, 5)
                .kind(SpanKind.CONSUMER)
                .link(publish)
                .with(s -> s.setAttribute("messaging.operation.type", "process")));

    assertThatTrace(process).passesLint();
  }

  @Test
  void should_fail_on_an_orphan() {
    List<SpanData> spans =
        traces.record(span("processOrder", 0, 10, span("validateInventory", 1, 3)).unended());

    assertThatThrownBy(() -> assertThatTrace(spans).passesLint())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to pass lint
            but found 1 finding:
              - violation orphan_span [validateInventory]: its parent 0000000000000001 is not in \
            the trace: was the parent never ended, or its context lost?

            trace 00000000000000000000000000000001 (1 span, 2.00 ms)
            └─ validateInventory [INTERNAL, UNSET, 2.00 ms] (orphan: parent 0000000000000001 is \
            not in the trace)  <-- orphan_span""");
  }

  @Test
  void should_fail_on_several_roots_in_one_trace() {
    traces.record(
        span("GET /orders", 0, 4)
            .kind(SpanKind.SERVER)
            .remoteParent(REMOTE_TRACE, "00f067aa0ba902b7"));
    List<SpanData> spans =
        traces.record(
            span("GET /users", 5, 9)
                .kind(SpanKind.SERVER)
                .remoteParent(REMOTE_TRACE, "00f067aa0ba902b8"));

    assertThatThrownBy(() -> assertThatTrace(spans).passesLint())
        .hasMessage(
            """
            Expecting trace 0af7651916cd43dd8448eb211c80319c to pass lint
            but found 1 finding:
              - violation several_roots [GET /orders and 1 more]: the trace has 2 roots \
            [GET /orders, GET /users], where one operation should have one root

            trace 0af7651916cd43dd8448eb211c80319c (2 spans, 9.00 ms)
            ├─ GET /orders [SERVER, UNSET, 4.00 ms] (remote parent 00f067aa0ba902b7)  <-- several_roots
            └─ GET /users [SERVER, UNSET, 4.00 ms] (remote parent 00f067aa0ba902b8)  <-- several_roots""");
  }

  @Test
  void should_fail_on_a_server_span_without_remote_parent_only_when_one_is_expected() {
    List<SpanData> continued =
        traces.record(
            span("GET /orders", 0, 4)
                .kind(SpanKind.SERVER)
                .remoteParent(REMOTE_TRACE, "00f067aa0ba902b7"));
    List<SpanData> started = traces.record(span("GET /orders", 0, 4).kind(SpanKind.SERVER));
    TraceLint expectingCallers = TraceLint.defaults().expectingRemoteParents();

    assertThatTrace(continued).passesLint(expectingCallers);
    assertThatTrace(started).passesLint();
    assertThatThrownBy(() -> assertThatTrace(started).passesLint(expectingCallers))
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to pass lint (TraceLint[expecting \
            remote parents])
            but found 1 finding:
              - violation server_without_remote_parent [GET /orders]: a SERVER span without a \
            parent, where a remote parent was expected: did the caller send traceparent, and did \
            the server extract it?

            trace 00000000000000000000000000000001 (1 span, 4.00 ms)
            └─ GET /orders [SERVER, UNSET, 4.00 ms]  <-- server_without_remote_parent""");
  }

  @Test
  void should_fail_on_a_consumer_without_parent_or_link() {
    traces.record(span("publish orders", 0, 1).kind(SpanKind.PRODUCER));
    // the producer did not inject the context: the consumer starts a trace of its own
    List<SpanData> process = traces.record(span("process orders", 2, 5).kind(SpanKind.CONSUMER));

    assertThatThrownBy(() -> assertThatTrace(process).passesLint())
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000002 to pass lint
            but found 1 finding:
              - violation consumer_without_producer [process orders]: a CONSUMER span with \
            neither a parent nor a link to the producer: did the producer inject the context into \
            the message, and did the consumer extract it?

            trace 00000000000000000000000000000002 (1 span, 3.00 ms)
            └─ process orders [CONSUMER, UNSET, 3.00 ms]  <-- consumer_without_producer""");
  }

  @Test
  void should_pass_on_an_http_error_explained_by_error_type_alone() {
    // HTTP instrumentation leaves the description empty: the status code says it all
    List<SpanData> spans =
        traces.record(
            span("GET", 0, 4)
                .kind(SpanKind.CLIENT)
                .with(s -> s.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 500L))
                .with(s -> s.setAttribute(ErrorAttributes.ERROR_TYPE, "500"))
                .with(s -> s.setStatus(StatusCode.ERROR)));

    assertThatTrace(spans).passesLint();
  }

  @Test
  void should_fail_on_an_error_nobody_explains() {
    List<SpanData> spans =
        traces.record(
            span(
                "processOrder",
                0,
                10,
                span("processPayment", 4, 9).with(s -> s.setStatus(StatusCode.ERROR))));

    assertThatThrownBy(() -> assertThatTrace(spans).passesLint())
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to pass lint
            but found 1 finding:
              - violation unexplained_error [processPayment]: status ERROR with no \
            description, recorded exception or error.type: say why, with setStatus(ERROR, \
            description), recordException(e) or error.type

            trace 00000000000000000000000000000001 (2 spans, 10.0 ms)
            └─ processOrder [INTERNAL, UNSET, 10.0 ms]
               └─ processPayment [INTERNAL, ERROR, 5.00 ms]  <-- unexplained_error""");
  }

  @Test
  void should_fail_on_an_exception_recorded_on_a_span_left_unset() {
    List<SpanData> spans =
        traces.record(
            span(
                "processOrder",
                0,
                10,
                span("processPayment", 4, 9)
                    .with(
                        s ->
                            s.recordException(
                                stackless(new IllegalStateException("card declined"))))));

    assertThatThrownBy(() -> assertThatTrace(spans).passesLint())
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to pass lint
            but found 1 finding:
              - violation exception_without_error [processPayment]: recorded an exception \
            (java.lang.IllegalStateException) but its status is UNSET: set the status to ERROR \
            when the exception ends the operation, or do not record an exception that was handled

            trace 00000000000000000000000000000001 (2 spans, 10.0 ms)
            └─ processOrder [INTERNAL, UNSET, 10.0 ms]
               └─ processPayment [INTERNAL, UNSET, 5.00 ms] events: exception  <-- \
            exception_without_error""");
  }

  @Test
  void should_fail_on_an_exception_recorded_on_a_span_set_to_ok() {
    List<SpanData> spans =
        traces.record(
            span("processPayment", 0, 5)
                .with(s -> s.recordException(stackless(new IllegalStateException("retrying"))))
                .with(s -> s.setStatus(StatusCode.OK)));

    assertThatThrownBy(() -> assertThatTrace(spans).passesLint())
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to pass lint
            but found 1 finding:
              - violation exception_without_error [processPayment]: recorded an exception \
            (java.lang.IllegalStateException) but its status is OK: set the status to ERROR when \
            the exception ends the operation, or do not record an exception that was handled

            trace 00000000000000000000000000000001 (1 span, 5.00 ms)
            └─ processPayment [INTERNAL, OK, 5.00 ms] events: exception  <-- \
            exception_without_error""");
  }

  @Test
  void should_fail_on_an_id_in_a_span_name() {
    List<SpanData> named = traces.record(span("GET /orders/{id}", 0, 4).kind(SpanKind.SERVER));
    List<SpanData> spans = traces.record(span("GET /orders/42", 0, 4).kind(SpanKind.SERVER));

    assertThatTrace(named).passesLint();
    assertThatThrownBy(() -> assertThatTrace(spans).passesLint())
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000002 to pass lint
            but found 1 finding:
              - violation high_cardinality_span_name [GET /orders/42]: the name holds a number \
            (42), so every call gets a name of its own: name the kind of operation (e.g. by route \
            or template) and put values in attributes

            trace 00000000000000000000000000000002 (1 span, 4.00 ms)
            └─ GET /orders/42 [SERVER, UNSET, 4.00 ms]  <-- high_cardinality_span_name""");
  }

  @Test
  void should_fail_on_a_secret_without_printing_it() {
    String token = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    List<SpanData> redacted =
        traces.record(
            span("GET /orders", 0, 4)
                .kind(SpanKind.CLIENT)
                .with(s -> s.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, "GET")));
    List<SpanData> spans =
        traces.record(
            span("GET /orders", 0, 4)
                .kind(SpanKind.CLIENT)
                .with(
                    s ->
                        s.setAttribute(
                            HttpAttributes.HTTP_REQUEST_HEADER.getAttributeKey("authorization"),
                            List.of(token))));

    assertThatTrace(redacted).passesLint();
    assertThatThrownBy(() -> assertThatTrace(spans).passesLint())
        .hasMessageNotContaining(token.substring(4))
        .hasMessageStartingWith(
            """
            Expecting trace 00000000000000000000000000000002 to pass lint
            but found 1 finding:
              - violation sensitive_attribute [GET /orders]: http.request.header.authorization \
            holds "Bear…" (56 characters), but its key is on the deny list of secrets: do not \
            record it, or redact it before it reaches the span
            """);
  }

  @Test
  void should_fail_on_n_plus_one_beyond_the_configured_maximum() {
    List<SpanData> spans =
        traces.record(
            span(
                "GET /orders",
                0,
                10,
                span("SELECT orders", 1, 2),
                span("SELECT order_line", 2, 3),
                span("SELECT order_line", 3, 4),
                span("SELECT order_line", 4, 5)));

    assertThatTrace(spans).passesLint();
    assertThatThrownBy(
            () ->
                assertThatTrace(spans).passesLint(TraceLint.defaults().withMaxRepeatedSiblings(2)))
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to pass lint (TraceLint[at most 2 \
            repeated siblings])
            but found 1 finding:
              - violation n_plus_one [SELECT order_line and 2 more]: 3 spans named "SELECT \
            order_line" under [GET /orders], more than 2: one call per item (N+1)? Fetch the items \
            in one call

            trace 00000000000000000000000000000001 (5 spans, 10.0 ms)
            └─ GET /orders [INTERNAL, UNSET, 10.0 ms]
               ├─ SELECT orders [INTERNAL, UNSET, 1.00 ms]
               ├─ SELECT order_line [INTERNAL, UNSET, 1.00 ms]  <-- n_plus_one
               ├─ SELECT order_line [INTERNAL, UNSET, 1.00 ms]  <-- n_plus_one
               └─ SELECT order_line [INTERNAL, UNSET, 1.00 ms]  <-- n_plus_one""");
  }

  @Test
  void should_list_findings_of_lower_levels_without_failing_on_them() {
    List<SpanData> spans =
        traces.record(
            span(
                "GET /orders/42",
                0,
                10,
                span("processPayment", 4, 9).with(s -> s.setStatus(StatusCode.ERROR))));
    TraceLint lenientOnNames =
        TraceLint.defaults().withLevel("high_cardinality_span_name", FindingLevel.IMPROVEMENT);

    assertThatTrace(spans).passesLint(lenientOnNames.without("unexplained_error"));
    assertThatThrownBy(() -> assertThatTrace(spans).passesLint(lenientOnNames))
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to pass lint \
            (TraceLint[high_cardinality_span_name as improvement])
            but found 1 finding:
              - violation unexplained_error [processPayment]: status ERROR with no \
            description, recorded exception or error.type: say why, with setStatus(ERROR, \
            description), recordException(e) or error.type
            and, not failing the assertion:
              - improvement high_cardinality_span_name [GET /orders/42]: the name holds a number \
            (42), so every call gets a name of its own: name the kind of operation (e.g. by route \
            or template) and put values in attributes

            trace 00000000000000000000000000000001 (2 spans, 10.0 ms)
            └─ GET /orders/42 [INTERNAL, UNSET, 10.0 ms]
               └─ processPayment [INTERNAL, ERROR, 5.00 ms]  <-- unexplained_error""");
  }

  @Test
  void should_check_several_traces_together_when_one_trace_was_expected() {
    List<SpanData> order =
        traces.record(span("processOrder", 0, 10, span("validateInventory", 1, 3)));
    // the email went out on a thread the context never reached: a trace of its own
    List<SpanData> email = traces.record(span("sendEmail", 11, 12));
    List<SpanData> spans = new ArrayList<>(order);
    spans.addAll(email);

    assertThatTraces(spans).passesLint();
    assertThatThrownBy(
            () -> assertThatTraces(spans).passesLint(TraceLint.defaults().expectingOneTrace()))
        .hasMessage(
            """
            Expecting the given spans to pass lint (TraceLint[expecting one trace])
            but found 1 finding:
              - violation several_roots [processOrder and 1 more]: expected one trace, but the \
            spans form 2 traces, with roots [processOrder, sendEmail]: was the context passed to \
            the code that started the later ones?

            trace 00000000000000000000000000000001 (2 spans, 10.0 ms)
            └─ processOrder [INTERNAL, UNSET, 10.0 ms]  <-- several_roots
               └─ validateInventory [INTERNAL, UNSET, 2.00 ms]

            trace 00000000000000000000000000000002 (1 span, 1.00 ms)
            └─ sendEmail [INTERNAL, UNSET, 1.00 ms]  <-- several_roots""");
  }

  @Test
  void should_reject_a_null_configuration() {
    List<SpanData> spans = traces.orderTrace();
    assertThatThrownBy(() -> assertThatTrace(spans).passesLint(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("passesLint(TraceLint lint): lint must not be null");
    assertThatThrownBy(() -> assertThatTraces(spans).passesLint(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("passesLint(TraceLint lint): lint must not be null");
  }
}
