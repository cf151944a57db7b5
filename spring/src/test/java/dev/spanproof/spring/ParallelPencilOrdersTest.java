package dev.spanproof.spring;

import static dev.spanproof.assertions.TraceAssertions.awaitTrace;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spanproof.spring.app.OrderApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;

/**
 * Runs in parallel with the other Parallel*OrdersTest class (and its own repetitions), on the one
 * cached application context they share with {@link OrderTracesTest}: each test sees exactly the
 * trace of its own request, for its own item.
 */
@SpringBootTest(classes = OrderApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSpanproof
@AutoConfigureTestRestTemplate
@Execution(ExecutionMode.CONCURRENT)
class ParallelPencilOrdersTest {

  @Autowired TestRestTemplate http;
  @Autowired WireMockServer inventory;
  @Autowired ApplicationContext context;

  @BeforeEach
  void stock() {
    SharedContext.verifyShared(getClass(), context);
    Inventory.stock(inventory, "pencil", 3);
  }

  @RepeatedTest(4)
  void should_see_only_the_trace_of_its_own_request() {
    // WHEN
    http.getForObject("/orders/7", String.class);
    // THEN a single trace (awaitTrace fails on several), whose inventory call asked for pencil
    awaitTrace()
        .untilSpan("http get /orders/{id}")
        .hasSpanCount(5)
        .span("OrderService#process")
        .child("http get")
        .hasAttribute("http.url", "http://127.0.0.1:" + inventory.port() + "/stock/pencil");
  }
}
