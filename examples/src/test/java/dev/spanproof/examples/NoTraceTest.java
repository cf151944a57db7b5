package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The usual reasons a test captures no trace, each made on purpose, with what {@code
 * assertThatTrace()} says about it: the messages docs/guide.md quotes under Troubleshooting.
 */
class NoTraceTest {

  @Nested
  class WhenTheSamplerDropsEverything {

    @RegisterExtension
    final TracingExtension tracing =
        TracingExtension.builder().sampler(Sampler.alwaysOff()).build();

    @Test
    void the_message_names_the_sampler(OpenTelemetry otel) {
      new OrderService(otel).processOrder(new Order("o-80", "sku-1", 1, "4111-1111"));

      assertThatThrownBy(() -> assertThatTrace().hasRoot("processOrder"))
          .satisfies(NoTraceTest::print)
          .hasMessageContaining(
              "the sampler dropped the test's spans: yes, AlwaysOffSampler dropped all 3 of them"
                  + " (processOrder, validateInventory, processPayment)");
    }
  }

  @Nested
  @ExtendWith(TracingExtension.class)
  class WhenTheSpansStartOnAThreadWithoutTheTestsContext {

    @Test
    void the_message_names_the_thread(OpenTelemetry otel) throws InterruptedException {
      Thread worker =
          new Thread(
              () -> new OrderService(otel).processOrder(new Order("o-81", "sku-1", 1, "4111")),
              "order-worker");
      worker.start();
      worker.join();

      assertThatThrownBy(() -> assertThatTrace().hasRoot("processOrder"))
          .satisfies(NoTraceTest::print)
          .hasMessageContaining("the spans went to no test: yes, 3 spans were started without")
          .hasMessageContaining("span [processOrder] on thread order-worker");
    }
  }

  @Nested
  @ExtendWith(TracingExtension.class)
  class WhenTheCodeUsesAnotherOpenTelemetry {

    @Test
    void the_message_says_none_of_the_usual_causes_applies() {
      new OrderService(OpenTelemetry.noop()).processOrder(new Order("o-82", "sku-1", 1, "4111"));

      assertThatThrownBy(() -> assertThatTrace().hasRoot("processOrder"))
          .satisfies(NoTraceTest::print)
          .hasMessageContaining("None of these applies");
    }
  }

  private static void print(Throwable failure) {
    System.out.println("--- what the failure says ---\n" + failure.getMessage() + "\n");
  }
}
