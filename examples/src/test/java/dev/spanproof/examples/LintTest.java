package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.assertThatTraces;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.lint.Finding;
import dev.spanproof.core.lint.FindingLevel;
import dev.spanproof.core.lint.TraceLint;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.junit.SpanPolicy;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Trace lint on the order service: by assertion, configured, and after every test of the class. */
class LintTest {

  @RegisterExtension
  static final TracingExtension tracing =
      TracingExtension.builder().lintAfterEachTest(SpanPolicy.FAIL).build();

  @Test
  void an_order_passes_lint(OpenTelemetry otel) {
    new OrderService(otel).processOrder(new Order("o-60", "sku-1", 1, "4111-1111"));

    assertThatTrace().passesLint();
    assertThatTraces().passesLint(TraceLint.defaults().expectingOneTrace());
  }

  @Test
  void an_order_a_caller_asked_for_passes_a_configured_lint(
      OpenTelemetry otel, CaptureSession session) {
    // What a server extracts from the caller's traceparent: the order continues the caller's trace
    Context caller =
        Context.current()
            .with(
                Span.wrap(
                    SpanContext.createFromRemoteParent(
                        "4bf92f3577b34da6a3ce929d0e0e4736",
                        "00f067aa0ba902b7",
                        TraceFlags.getSampled(),
                        TraceState.getDefault())));
    try (Scope ignored = caller.makeCurrent()) {
      new OrderService(otel).processOrder(new Order("o-61", "sku-1", 1, "4111-1111"));
    }
    Trace trace = session.traces().get(0);

    TraceLint lint =
        TraceLint.defaults()
            .without("n_plus_one") // switch rules off by id
            .withLevel(
                "high_cardinality_span_name", FindingLevel.IMPROVEMENT) // listed, not failing
            .withMaxRepeatedSiblings(2) // n_plus_one beyond 2
            .expectingRemoteParents() // every SERVER span continues a caller
            .expectingOneTrace() // spans checked together form one trace
            .denyingAttributes("customer.iban") // more secrets
            .allowingAttributes("auth.token.expiry"); // not a secret after all

    assertThatTrace().passesLint(lint);
    TraceLint secretsOnly = TraceLint.only("sensitive_attribute"); // just these rules
    List<Finding> findings = lint.check(trace); // without AssertJ

    assertThat(findings).isEmpty();
    assertThat(secretsOnly.check(trace)).isEmpty();
  }
}
