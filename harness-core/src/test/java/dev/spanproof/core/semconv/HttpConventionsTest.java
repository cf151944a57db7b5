package dev.spanproof.core.semconv;

import static dev.spanproof.core.semconv.TestSpans.span;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.INTERNAL;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static io.opentelemetry.api.trace.StatusCode.ERROR;
import static io.opentelemetry.api.trace.StatusCode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.lint.Finding;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP client and server rules, each with a passing and a violating span. */
class HttpConventionsTest {

  private static final SemanticConventions RULES = SemanticConventions.bundled();

  @Test
  void should_pass_a_complete_client_span() {
    assertThat(findings(client("GET", UNSET, 200))).isEmpty();
  }

  @Test
  void should_require_url_full_on_clients() {
    SpanData span = span("GET", CLIENT, UNSET, without(clientAttributes(200), "url.full"));

    assertThat(findings(span))
        .containsExactly(
            "violation missing_attribute [GET]: url.full is required for HTTP client spans but missing");
  }

  @Test
  void should_advise_a_missing_recommended_attribute_without_failing() {
    SpanData span =
        span("GET", CLIENT, UNSET, without(clientAttributes(200), "network.protocol.version"));

    assertThat(findings(span))
        .containsExactly(
            "improvement missing_attribute [GET]: network.protocol.version is recommended for HTTP"
                + " client spans but missing");
  }

  @Test
  void should_require_the_peer_port_only_when_the_peer_address_is_set() {
    Object[] withAddressOnly = without(clientAttributes(200), "network.peer.port");
    Object[] withNeither = without(withAddressOnly, "network.peer.address");

    assertThat(findings(span("GET", CLIENT, UNSET, withAddressOnly)))
        .containsExactly(
            "improvement missing_attribute [GET]: network.peer.port is recommended for HTTP client"
                + " spans that have network.peer.address but missing");
    assertThat(findings(span("GET", CLIENT, UNSET, withNeither)))
        .containsExactly(
            "improvement missing_attribute [GET]: network.peer.address is recommended for HTTP"
                + " client spans but missing");
  }

  @Test
  void should_report_a_value_of_the_wrong_type() {
    SpanData span =
        span("GET", CLIENT, UNSET, replaced(clientAttributes(200), "server.port", "8080"));

    assertThat(findings(span))
        .containsExactly(
            "violation type_mismatch [GET]: server.port is an int in HTTP client spans but here a"
                + " string: \"8080\"");
  }

  @Test
  void should_reject_a_method_the_convention_does_not_list() {
    SpanData span =
        span("get", CLIENT, UNSET, replaced(clientAttributes(200), "http.request.method", "get"));

    assertThat(findings(span))
        .containsExactly(
            "violation undefined_enum_value [get]: http.request.method \"get\" is none of the values"
                + " HTTP client spans allow: _OTHER, CONNECT, DELETE, GET, HEAD, OPTIONS, PATCH,"
                + " POST, PUT, QUERY, TRACE");
  }

  @Test
  void should_name_an_unknown_method_HTTP() {
    Object[] other = replaced(clientAttributes(200), "http.request.method", "_OTHER");

    assertThat(findings(span("HTTP", CLIENT, UNSET, other))).isEmpty();
    assertThat(findings(span("_OTHER", CLIENT, UNSET, other)))
        .containsExactly(
            "violation span_name [_OTHER]: span name is \"_OTHER\" but HTTP client spans are named"
                + " {http.request.method}: \"HTTP\"");
  }

  @Test
  void should_never_name_a_client_span_by_its_raw_path() {
    SpanData span = span("GET /orders/42", CLIENT, UNSET, clientAttributes(200));

    assertThat(findings(span))
        .containsExactly(
            "violation span_name [GET /orders/42]: span name is \"GET /orders/42\" but HTTP client"
                + " spans are named {http.request.method}: \"GET\" (the raw URL path is never part of"
                + " the name)");
  }

  @Test
  void should_advise_the_url_template_in_the_name_when_the_span_has_one() {
    Object[] templated = with(clientAttributes(200), "url.template", "/orders/{id}");

    assertThat(findings(span("GET /orders/{id}", CLIENT, UNSET, templated))).isEmpty();
    assertThat(findings(span("GET", CLIENT, UNSET, templated)))
        .containsExactly(
            "improvement span_name [GET]: span name is \"GET\" but HTTP client spans are better"
                + " named {http.request.method} {url.template}: \"GET /orders/{id}\"");
  }

  @Test
  void should_make_client_4xx_and_5xx_errors_with_error_type() {
    assertThat(findings(client("GET", ERROR, 404, "error.type", "404"))).isEmpty();
    assertThat(findings(client("GET", UNSET, 404)))
        .containsExactly(
            "violation span_status [GET]: status is UNSET but HTTP client spans with"
                + " http.response.status_code 404 must be ERROR (errors are 400..599)");
    assertThat(findings(client("GET", ERROR, 500)))
        .containsExactly(
            "violation missing_attribute [GET]: error.type is required for HTTP client spans whose"
                + " status is ERROR but missing");
  }

  @Test
  void should_leave_client_2xx_unset_unless_another_error_happened() {
    assertThat(findings(client("GET", ERROR, 200, "error.type", "java.io.IOException"))).isEmpty();
  }

  @Test
  void should_pass_a_complete_server_span_named_by_its_route() {
    assertThat(findings(server("GET /orders/{id}", UNSET, 200))).isEmpty();
  }

  @Test
  void should_leave_server_4xx_unset_and_make_5xx_errors() {
    assertThat(findings(server("GET /orders/{id}", UNSET, 404))).isEmpty();
    assertThat(findings(server("GET /orders/{id}", ERROR, 404, "error.type", "404")))
        .containsExactly(
            "violation span_status [GET /orders/{id}]: status is ERROR but HTTP server spans with"
                + " http.response.status_code 404 must leave it unset unless error.type records"
                + " another error (errors are 500..599)");
    assertThat(findings(server("GET /orders/{id}", UNSET, 503)))
        .containsExactly(
            "violation span_status [GET /orders/{id}]: status is UNSET but HTTP server spans with"
                + " http.response.status_code 503 must be ERROR (errors are 500..599)");
  }

  @Test
  void should_name_server_spans_by_route_not_path() {
    assertThat(findings(server("GET /orders/42", UNSET, 200)))
        .containsExactly(
            "violation span_name [GET /orders/42]: span name is \"GET /orders/42\" but HTTP server"
                + " spans are named {http.request.method} {http.route}: \"GET /orders/{id}\" (the raw"
                + " URL path is never part of the name)");
  }

  @Test
  void should_require_the_server_port_when_the_server_address_is_set() {
    SpanData span =
        span("GET /orders/{id}", SERVER, UNSET, without(serverAttributes(200), "server.port"));

    assertThat(findings(span))
        .containsExactly(
            "violation missing_attribute [GET /orders/{id}]: server.port is required for HTTP server"
                + " spans that have server.address but missing");
  }

  @Test
  void should_name_deprecated_attributes_with_their_replacement() {
    SpanData span =
        span(
            "GET",
            CLIENT,
            UNSET,
            with(without(clientAttributes(200), "http.request.method"), "http.method", "GET"));

    assertThat(findings(span))
        .containsExactly(
            "violation missing_attribute [GET]: http.request.method is required for HTTP client"
                + " spans but missing",
            "violation deprecated [GET]: http.method is deprecated: use http.request.method");
  }

  @Test
  void should_report_the_kind_of_a_stated_convention() {
    SpanData span = span("GET", SERVER, UNSET, clientAttributes(200));

    assertThat(
            strings(
                RULES.check(span, SemanticConvention.HTTP_CLIENT, DatabaseConventionMode.STABLE)))
        .containsExactly(
            "violation span_kind [GET]: span kind is SERVER but HTTP client spans are CLIENT");
  }

  @Test
  void should_say_so_when_the_kind_contradicts_the_attributes() {
    SpanData span = span("GET", INTERNAL, UNSET, clientAttributes(200));

    assertThat(findings(span))
        .containsExactly(
            "violation span_kind [GET]: span kind is INTERNAL but its attributes make it HTTP client"
                + " (CLIENT) or HTTP server (SERVER)");
  }

  @Test
  void should_say_so_when_two_conventions_fit_instead_of_guessing() {
    SpanData span =
        span("GET", CLIENT, UNSET, with(clientAttributes(200), "db.system.name", "h2database"));

    assertThat(findings(span))
        .containsExactly(
            "violation ambiguous_type [GET]: cannot tell which convention this span follows: it"
                + " could be HTTP client (CLIENT) or database client (CLIENT or INTERNAL); state it"
                + " with conformsTo(SemanticConvention)");
  }

  static SpanData client(String name, StatusCode status, long code, Object... more) {
    return span(name, CLIENT, status, with(clientAttributes(code), more));
  }

  static SpanData server(String name, StatusCode status, long code, Object... more) {
    return span(name, SERVER, status, with(serverAttributes(code), more));
  }

  static Object[] clientAttributes(long code) {
    return new Object[] {
      "http.request.method", "GET",
      "server.address", "localhost",
      "server.port", 8080,
      "url.full", "http://localhost:8080/orders/42",
      "http.response.status_code", code,
      "network.protocol.version", "1.1",
      "network.peer.address", "127.0.0.1",
      "network.peer.port", 8080
    };
  }

  static Object[] serverAttributes(long code) {
    return new Object[] {
      "http.request.method", "GET",
      "url.path", "/orders/42",
      "url.scheme", "http",
      "http.route", "/orders/{id}",
      "http.response.status_code", code,
      "server.address", "localhost",
      "server.port", 8080,
      "client.address", "127.0.0.1",
      "network.peer.address", "127.0.0.1",
      "network.peer.port", 51234,
      "network.protocol.version", "1.1",
      "user_agent.original", "okhttp/4.12.0"
    };
  }

  static Object[] with(Object[] keyValues, Object... more) {
    Object[] all = Arrays.copyOf(keyValues, keyValues.length + more.length);
    System.arraycopy(more, 0, all, keyValues.length, more.length);
    return all;
  }

  static Object[] without(Object[] keyValues, String key) {
    List<Object> kept = new ArrayList<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      if (!keyValues[i].equals(key)) {
        kept.add(keyValues[i]);
        kept.add(keyValues[i + 1]);
      }
    }
    return kept.toArray();
  }

  static Object[] replaced(Object[] keyValues, String key, Object value) {
    return with(without(keyValues, key), key, value);
  }

  private static List<String> findings(SpanData span) {
    return strings(RULES.check(span, DatabaseConventionMode.STABLE));
  }

  static List<String> strings(List<Finding> findings) {
    return findings.stream().map(Finding::toString).toList();
  }
}
