package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.span;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.OtlpJsonFile;
import dev.spanproof.core.sampling.TailSampling;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The examples of docs/otlp-json.md and docs/golden-traces.md, as they run: a test's trace out to
 * an OTLP JSON file and back, a trace of another producer (three services in two languages) read in
 * and checked, and a golden file kept in the repository.
 */
@ExtendWith(TracingExtension.class)
class OtlpJsonAndGoldenTraces_Test {

  @Test
  void writes_the_tests_trace_as_otlp_json(Tracer tracer, CaptureSession session) {
    processOrder(tracer);

    Path file = Path.of("target/otlp-json/processOrder.jsonl");
    OtlpJsonFile.write(session.finishedSpans(), file); // one TracesData line per trace

    assertThatTrace(OtlpJsonFile.read(file))
        .hasStructure(span("processOrder", span("validateInventory"), span("processPayment")));
  }

  @Test
  void checks_a_trace_from_elsewhere() {
    List<SpanData> spans =
        OtlpJsonFile.read(Path.of("src/test/resources/otlp/checkout-from-production.json"));

    assertThatTrace(spans)
        .hasStructure(span("POST /checkout", span("POST", span("POST /charge"))))
        .passesLint()
        .isKeptBy(
            TailSampling.fromCollectorYaml(
                """
                policies:
                  - name: errors
                    type: status_code
                    status_code: {status_codes: [ERROR]}
                """))
        .span("POST /charge")
        .hasStatus(StatusCode.ERROR)
        .hasAttribute("http.response.status_code", 502);
  }

  @Test
  void keeps_the_shape_of_the_checkout(Tracer tracer) {
    processOrder(tracer);

    assertThatTrace().matchesGoldenFile(Path.of("src/test/resources/golden/processOrder.trace"));
  }

  @Test
  void keeps_the_shape_with_a_business_attribute_and_sibling_order(Tracer tracer) {
    processOrder(tracer);

    assertThatTrace()
        .matchesGoldenFile(
            Path.of("src/test/resources/golden/processOrder-in-order.trace"),
            GoldenTraceOptions.defaults().withAttributes("order.id").withSiblingsInStartOrder());
  }

  /** The order service of OpenTelemetry's guides, in miniature; the card is declined. */
  private static void processOrder(Tracer tracer) {
    Span order =
        tracer
            .spanBuilder("processOrder")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "POST")
            .setAttribute("http.route", "/orders")
            .setAttribute("order.id", 42L)
            .startSpan();
    try (Scope ignored = order.makeCurrent()) {
      tracer.spanBuilder("validateInventory").startSpan().end();
      tracer
          .spanBuilder("processPayment")
          .setSpanKind(SpanKind.CLIENT)
          .startSpan()
          .setStatus(StatusCode.ERROR, "card declined")
          .end();
    } finally {
      order.end();
    }
  }
}
