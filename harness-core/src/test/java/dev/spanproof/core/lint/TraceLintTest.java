package dev.spanproof.core.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lint configuration and the rules' findings, on spans made through a harness. */
class TraceLintTest {

  private final TracingHarness harness = TracingHarness.builder().build();
  private final Tracer tracer = harness.tracer();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void finds_nothing_in_a_healthy_trace() {
    Span order = tracer.spanBuilder("processOrder").setSpanKind(SpanKind.SERVER).startSpan();
    child(order, "validateInventory").end();
    Span payment = child(order, "processPayment");
    payment.recordException(new IllegalStateException("card declined"));
    payment.setStatus(StatusCode.ERROR);
    payment.end();
    order.end();

    assertThat(TraceLint.defaults().check(onlyTrace())).isEmpty();
  }

  @Test
  void reports_rule_by_rule_at_each_rules_level() {
    Span order = tracer.spanBuilder("GET /orders/42").startSpan();
    for (int line = 0; line < 6; line++) {
      child(order, "SELECT order_line").end();
    }
    Span payment = child(order, "processPayment");
    payment.setStatus(StatusCode.ERROR);
    payment.end();
    order.end();

    List<Finding> findings = TraceLint.defaults().check(onlyTrace());

    assertThat(findings)
        .extracting(Finding::ruleId)
        .containsExactly("unexplained_error", "high_cardinality_span_name", "n_plus_one");
    assertThat(findings).extracting(Finding::level).containsOnly(FindingLevel.VIOLATION);
    assertThat(findings.get(2).spans()).hasSize(6);
    assertThat(findings.get(2))
        .hasToString(
            "violation n_plus_one [SELECT order_line and 5 more]: 6 spans named \"SELECT"
                + " order_line\" under [GET /orders/42], more than 5: one call per item (N+1)?"
                + " Fetch the items in one call");
  }

  @Test
  void switches_rules_off_changes_levels_and_limits() {
    Span order = tracer.spanBuilder("GET /orders/42").startSpan();
    child(order, "SELECT order_line").end();
    child(order, "SELECT order_line").end();
    order.end();
    Trace trace = onlyTrace();

    assertThat(TraceLint.defaults().check(trace))
        .extracting(Finding::ruleId)
        .containsExactly("high_cardinality_span_name");
    assertThat(TraceLint.defaults().without("high_cardinality_span_name").check(trace)).isEmpty();
    assertThat(TraceLint.defaults().withMaxRepeatedSiblings(1).check(trace))
        .extracting(Finding::ruleId)
        .containsExactly("high_cardinality_span_name", "n_plus_one");
    assertThat(TraceLint.only("n_plus_one").withMaxRepeatedSiblings(1).check(trace))
        .extracting(Finding::ruleId)
        .containsExactly("n_plus_one");
    assertThat(
            TraceLint.defaults()
                .withLevel("high_cardinality_span_name", FindingLevel.IMPROVEMENT)
                .check(trace))
        .extracting(Finding::level)
        .containsExactly(FindingLevel.IMPROVEMENT);
    assertThat(
            TraceLint.only("n_plus_one").withLevel("orphan_span", FindingLevel.INFORMATION).rules())
        .containsOnlyKeys(LintRule.N_PLUS_ONE, LintRule.ORPHAN_SPAN);
  }

  @Test
  void is_immutable_and_says_how_it_differs_from_the_defaults() {
    TraceLint defaults = TraceLint.defaults();
    TraceLint custom =
        defaults
            .without("n_plus_one")
            .withLevel("unexplained_error", FindingLevel.IMPROVEMENT)
            .withMaxRepeatedSiblings(2)
            .expectingRemoteParents()
            .expectingOneTrace()
            .denyingAttributes("customer.iban")
            .allowingAttributes("auth.token.expiry");

    assertThat(defaults).hasToString("TraceLint[defaults]").isEqualTo(TraceLint.defaults());
    assertThat(defaults.rules()).hasSize(LintRule.values().length);
    assertThat(custom)
        .hasToString(
            "TraceLint[unexplained_error as improvement, without n_plus_one, at most 2 repeated"
                + " siblings, expecting remote parents, expecting one trace, denying"
                + " [customer.iban], allowing [auth.token.expiry]]")
        .isNotEqualTo(defaults);
    assertThat(custom.maxRepeatedSiblings()).isEqualTo(2);
  }

  @Test
  void rejects_bad_configuration_naming_the_parameter() {
    TraceLint lint = TraceLint.defaults();
    assertThatThrownBy(() -> lint.without("n+1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "without(String... ruleIds): no lint rule has the id \"n+1\"; the rules are"
                + " [orphan_span, several_roots, server_without_remote_parent,"
                + " consumer_without_producer, unexplained_error, exception_without_error,"
                + " high_cardinality_span_name, sensitive_attribute, n_plus_one]");
    assertThatThrownBy(() -> lint.without((String[]) null))
        .hasMessage("without(String... ruleIds): ruleIds must not be null");
    assertThatThrownBy(() -> TraceLint.only())
        .hasMessageStartingWith("only(String... ruleIds): name at least one rule; the rules are");
    assertThatThrownBy(() -> lint.withLevel("n_plus_one", null))
        .hasMessage("withLevel(String ruleId, FindingLevel level): level must not be null");
    assertThatThrownBy(() -> lint.withMaxRepeatedSiblings(0))
        .hasMessage("withMaxRepeatedSiblings(int max): max must be at least 1, but got 0");
    assertThatThrownBy(() -> lint.denyingAttributes("ok", " "))
        .hasMessage(
            "denyingAttributes(String... keys): keys must not be null or blank, but got [ok,  ]");
    assertThatThrownBy(() -> lint.check((Trace) null))
        .hasMessage("check(Trace trace): trace must not be null");
    assertThatThrownBy(() -> LintRule.ofId(null))
        .hasMessageStartingWith("no lint rule has the id null; the rules are [orphan_span");
  }

  @Test
  void expects_one_trace_only_when_asked() {
    tracer.spanBuilder("processOrder").startSpan().end();
    // the email went out on a thread the context never reached: a trace of its own
    tracer.spanBuilder("sendEmail").startSpan().end();
    List<Trace> traces = harness.traces();

    assertThat(TraceLint.defaults().check(traces)).isEmpty();
    assertThat(TraceLint.defaults().expectingOneTrace().check(traces))
        .singleElement()
        .hasToString(
            "violation several_roots [processOrder and 1 more]: expected one trace, but the spans"
                + " form 2 traces, with roots [processOrder, sendEmail]: was the context passed to"
                + " the code that started the later ones?");
  }

  @Test
  void expects_remote_parents_only_when_asked() {
    Span test = tracer.spanBuilder("test").startSpan();
    Span server =
        tracer
            .spanBuilder("GET /orders")
            .setSpanKind(SpanKind.SERVER)
            .setParent(Context.root().with(test))
            .startSpan();
    server.end();
    test.end();
    tracer.spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER).startSpan().end();
    List<Trace> traces = harness.traces();

    assertThat(TraceLint.defaults().check(traces)).isEmpty();
    assertThat(TraceLint.defaults().expectingRemoteParents().check(traces))
        .extracting(Finding::toString)
        .containsExactly(
            "violation server_without_remote_parent [GET /orders]: a SERVER span with a local"
                + " parent "
                + test.getSpanContext().getSpanId()
                + ", where a remote parent was expected: the server took the context of its own"
                + " thread instead of extracting the caller's",
            "violation server_without_remote_parent [POST /orders]: a SERVER span without a"
                + " parent, where a remote parent was expected: did the caller send traceparent,"
                + " and did the server extract it?");
  }

  @Test
  void finds_process_spans_cut_off_from_their_producer_whatever_their_kind() {
    Span publish = tracer.spanBuilder("publish orders").setSpanKind(SpanKind.PRODUCER).startSpan();
    publish.end();
    tracer
        .spanBuilder("process orders")
        .setAttribute("messaging.operation.type", "process")
        .startSpan()
        .end();
    tracer
        .spanBuilder("process orders")
        .setSpanKind(SpanKind.CONSUMER)
        .setParent(Context.root().with(publish))
        .startSpan()
        .end();

    assertThat(TraceLint.defaults().check(harness.traces()))
        .extracting(Finding::toString)
        .containsExactly(
            "violation consumer_without_producer [process orders]: a process span with neither a"
                + " parent nor a link to the producer: did the producer inject the context into the"
                + " message, and did the consumer extract it?");
  }

  @Test
  void finds_a_server_span_that_a_client_of_another_trace_was_waiting_for() {
    Span client = spanAt("GET", SpanKind.CLIENT, 1000);
    // the client did not inject its context: the server starts a trace of its own
    spanAt("GET /orders/{id}", SpanKind.SERVER, 1002).end(1008, TimeUnit.MILLISECONDS);
    client.end(1010, TimeUnit.MILLISECONDS);
    // later, after the client gave up: not its call
    spanAt("GET /users", SpanKind.SERVER, 1011).end(1012, TimeUnit.MILLISECONDS);

    assertThat(TraceLint.defaults().check(harness.traces()))
        .extracting(Finding::toString)
        .containsExactly(
            "violation server_without_remote_parent [GET /orders/{id}]: a SERVER span without a"
                + " parent, served while CLIENT span [GET] of trace "
                + client.getSpanContext().getTraceId()
                + " waited for a response: did the client send traceparent, and did the server"
                + " extract it?");
  }

  private Span spanAt(String name, SpanKind kind, long startMillis) {
    return tracer
        .spanBuilder(name)
        .setSpanKind(kind)
        .setNoParent()
        .setStartTimestamp(startMillis, TimeUnit.MILLISECONDS)
        .startSpan();
  }

  private Span child(Span parent, String name) {
    return tracer.spanBuilder(name).setParent(Context.root().with(parent)).startSpan();
  }

  private Trace onlyTrace() {
    return Trace.of(harness.finishedSpans());
  }
}
