package dev.spanproof.core.semconv;

import static dev.spanproof.core.semconv.HttpConventionsTest.strings;
import static dev.spanproof.core.semconv.TestSpans.span;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.INTERNAL;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static io.opentelemetry.api.trace.StatusCode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HTTP spans of a Spring application with Micrometer's keys, as Spring Boot records them. */
class MicrometerKeysTest {

  @Test
  void should_tell_a_spring_user_which_bean_fixes_a_server_span() {
    SpanData span =
        span(
            "http get /orders/{id}",
            SERVER,
            UNSET,
            "method",
            "GET",
            "uri",
            "/orders/{id}",
            "status",
            "200",
            "outcome",
            "SUCCESS",
            "exception",
            "none");

    assertThat(findings(span))
        .containsExactly(
            "violation micrometer_http_keys [http get /orders/{id}]: method, uri, status, outcome,"
                + " exception are keys of Micrometer's HTTP observations, not of OpenTelemetry's"
                + " semantic conventions (http.request.method, http.route,"
                + " http.response.status_code, url.path): in Spring, an"
                + " OpenTelemetryServerRequestObservationConvention bean makes server spans follow"
                + " them");
  }

  @Test
  void should_say_that_a_client_span_has_no_such_fix() {
    SpanData span =
        span(
            "http get",
            CLIENT,
            UNSET,
            "method",
            "GET",
            "status",
            "200",
            "http.url",
            "http://127.0.0.1:8089/stock/notebook",
            "client.name",
            "127.0.0.1");

    assertThat(findings(span))
        .containsExactly(
            "violation micrometer_http_keys [http get]: method, status, http.url, client.name are"
                + " keys of Micrometer's HTTP observations, not of OpenTelemetry's semantic"
                + " conventions (http.request.method, url.full, server.address,"
                + " http.response.status_code): Spring Framework has no OpenTelemetry convention"
                + " for client observations, so such a client span cannot follow them",
            "violation deprecated [http get]: http.url is deprecated: use url.full");
  }

  @Test
  void should_leave_an_internal_span_with_a_method_attribute_alone() {
    assertThat(findings(span("OrderService#process", INTERNAL, UNSET, "method", "process")))
        .isEmpty();
  }

  @Test
  void should_judge_a_span_that_follows_the_conventions_by_them_alone() {
    SpanData span =
        span(
            "GET /orders/{id}",
            SERVER,
            UNSET,
            "http.request.method",
            "GET",
            "http.route",
            "/orders/{id}",
            "url.path",
            "/orders/42",
            "url.scheme",
            "http",
            "method",
            "GET");

    assertThat(findings(span)).noneMatch(finding -> finding.contains("micrometer_http_keys"));
  }

  private static List<String> findings(SpanData span) {
    return strings(SemanticConventions.bundled().check(span, DatabaseConventionMode.STABLE));
  }
}
