package dev.spanproof.examples.readme;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;

import dev.spanproof.core.semconv.SemanticConvention;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's shorter examples, which README.md quotes from here. */
@ExtendWith(TracingExtension.class)
class ReadmeExamplesTest {

  @Test
  void an_http_client_span_follows_the_conventions_and_the_trace_passes_lint(Tracer tracer) {
    Span get =
        tracer
            .spanBuilder("GET")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("http.request.method", "GET")
            .setAttribute("url.full", "http://127.0.0.1:8080/inventory/sku-1")
            .setAttribute("server.address", "127.0.0.1")
            .setAttribute("server.port", 8080L)
            .setAttribute("http.response.status_code", 200L)
            .startSpan();
    get.end();

    assertThatTrace().conformsToSemanticConventions(); // every span, its type detected
    assertThatTrace().span("GET").conformsTo(SemanticConvention.HTTP_CLIENT);
    assertThatTrace().passesLint();
  }
}
