package dev.spanproof.spring;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spanproof.spring.app.OrderApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * MockMvc traces nothing on the client side, and runs the request on the test thread: the server
 * span is the root of the test's trace, ended when {@code perform} returns.
 */
@SpringBootTest(classes = OrderApplication.class)
@AutoConfigureSpanproof
@AutoConfigureMockMvc
class MockMvcTest {

  @Autowired MockMvc mvc;
  @Autowired WireMockServer inventory;

  @Test
  void should_capture_the_server_span_as_the_root_of_the_test_trace() throws Exception {
    Inventory.stock(inventory, "notebook", 12);
    // WHEN
    mvc.perform(get("/orders/42")).andExpect(status().isOk());
    // THEN
    assertThatTrace()
        .hasStructure(
            span(
                "http get /orders/{id}",
                span("OrderService#process", span("OrderRepository#itemOf"), span("http get"))));
  }
}
