package dev.spanproof.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.ManualClock;
import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.trace.TraceRenderer;
import dev.spanproof.examples.Order;
import dev.spanproof.examples.OrderService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The README's harness without JUnit's extension, as README.md quotes it. No extension here: a test
 * session of another harness, current in the context, would own the spans instead.
 */
class ReadmeWithoutJUnitTest {

  @Test
  void the_harness_draws_the_trace_without_junit() {
    Order order = new Order("o-42", "sku-1", 2, "4111-1111");
    PrintStream standardOut = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      try (TracingHarness harness =
          TracingHarness.builder().clock(ManualClock.startingAt(Instant.EPOCH)).build()) {
        new OrderService(harness.openTelemetry()).processOrder(order);
        System.out.println(
            TraceRenderer.create().withAttributes("order.id").render(harness.traces()));
      }
    } finally {
      System.setOut(standardOut);
    }

    // The manual clock stands still: every duration is 0 ns, and the tree reads the same each run.
    String tree = printed.toString(StandardCharsets.UTF_8);
    standardOut.print(tree);
    assertThat(tree)
        .contains("\n└─ processOrder [SERVER, OK, 0 ns] order.id=o-42\n")
        .contains("├─ validateInventory [INTERNAL, UNSET, 0 ns]")
        .contains("└─ processPayment [CLIENT, UNSET, 0 ns]");
  }
}
