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

/**
 * What the semantic-convention check tells a Spring user about Micrometer's keys. Shares the
 * context of {@link OrderTracesTest}.
 */
@SpringBootTest(classes = OrderApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSpanproof
@AutoConfigureTestRestTemplate
class SemanticConventionsTest {

  @Autowired TestRestTemplate http;
  @Autowired WireMockServer inventory;

  @Test
  void should_name_the_bean_that_makes_server_spans_follow_the_conventions() {
    Inventory.stock(inventory, "notebook", 12);
    http.getForObject("/orders/42", String.class);
    awaitTrace().untilSpan("http get /orders/{id}");

    assertThatThrownBy(
            () -> assertThatTrace().span("http get /orders/{id}").conformsToSemanticConventions())
        .hasMessageContaining(
            "micrometer_http_keys [http get /orders/{id}]: method, uri, status, outcome, exception,"
                + " http.url are keys of"
                + " Micrometer's HTTP observations, not of OpenTelemetry's semantic conventions"
                + " (http.request.method, http.route, http.response.status_code, url.path): in"
                + " Spring, an OpenTelemetryServerRequestObservationConvention bean makes server"
                + " spans follow them");
  }
}
