package dev.spanproof.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.UnownedSpan;
import dev.spanproof.spring.app.OrderApplication;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A request that carries no {@code traceparent} starts a trace on a Tomcat thread that no test
 * owns: its spans are kept as spans of no test, and reported after the class. Isolated, so that
 * this class's harness is the only one open and the one that keeps them.
 */
@SpringBootTest(classes = OrderApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSpanproof
@AutoConfigureTestRestTemplate
@Isolated
class UnownedSpansTest {

  @LocalServerPort int port;
  @Autowired WireMockServer inventory;

  @Test
  void should_keep_the_spans_of_an_untraced_request_as_spans_of_no_test(TracingHarness harness)
      throws Exception {
    Inventory.stock(inventory, "notebook", 12);
    // WHEN a client that Spring does not trace calls the application
    HttpURLConnection connection =
        (HttpURLConnection)
            URI.create("http://127.0.0.1:" + port + "/orders/42").toURL().openConnection();
    try (InputStream body = connection.getInputStream()) {
      assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("notebook: 12");
    } finally {
      connection.disconnect();
    }
    // THEN
    assertThat(harness.unownedSpanReports())
        .filteredOn(span -> span.name().equals("http get /orders/{id}"))
        .singleElement()
        .satisfies(
            span -> assertThat(span.reason()).isEqualTo("started outside any capture session"))
        .extracting(UnownedSpan::threadName)
        .asString()
        .startsWith("http-nio-");
  }
}
