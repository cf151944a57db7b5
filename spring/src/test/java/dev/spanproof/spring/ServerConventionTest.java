package dev.spanproof.spring;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.awaitTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spanproof.spring.app.OrderApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.observation.OpenTelemetryServerRequestObservationConvention;

/**
 * With Spring's OpenTelemetry convention bean the server span follows the HTTP conventions, except
 * for the type of its status code.
 */
@SpringBootTest(classes = OrderApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSpanproof
@AutoConfigureTestRestTemplate
@Import(ServerConventionTest.OpenTelemetryConvention.class)
class ServerConventionTest {

  @Autowired TestRestTemplate http;
  @Autowired WireMockServer inventory;

  @Test
  void should_follow_the_http_server_conventions_but_for_the_status_code_type() {
    Inventory.stock(inventory, "notebook", 12);
    // WHEN
    http.getForObject("/orders/42", String.class);
    // THEN
    awaitTrace()
        .untilSpan("GET /orders/{id}")
        .span("GET /orders/{id}")
        .hasAttribute("http.request.method", "GET")
        .hasAttribute("http.route", "/orders/{id}");
    // Spring records the status code as a string, where the conventions want an int.
    assertThatThrownBy(
            () -> assertThatTrace().span("GET /orders/{id}").conformsToSemanticConventions())
        .hasMessageContaining(
            "but found 1 finding:\n"
                + "  - violation type_mismatch [GET /orders/{id}]: http.response.status_code is an"
                + " int in HTTP server spans but here a string: \"200\"\n"
                + "and, not failing the assertion:\n"
                + "  - improvement missing_attribute [GET /orders/{id}]: client.address is"
                + " recommended for HTTP server spans but missing\n");
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class OpenTelemetryConvention {
    @Bean
    OpenTelemetryServerRequestObservationConvention openTelemetryServerConvention() {
      return new OpenTelemetryServerRequestObservationConvention();
    }
  }
}
