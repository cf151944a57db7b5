package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpanAssert_hasAttribute_Test {

  private static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("payment.attempts");
  private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("payment.provider");

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_on_string_keys_with_any_number_width_and_on_typed_keys() {
    assertThatTrace(traces.orderTrace())
        .span("processPayment")
        .hasAttribute("payment.attempts", 2)
        .hasAttribute("payment.attempts", 2L)
        .hasAttribute("payment.provider", "acme")
        .hasAttribute(ATTEMPTS, 2L)
        .hasAttribute(PROVIDER, new Condition<>(p -> p.startsWith("ac"), "starting with \"ac\""))
        .hasAttributeSatisfying(PROVIDER, p -> assertThat(p).hasSize(4))
        .containsAttributes(Attributes.of(PROVIDER, "acme"))
        .hasExactlyAttributes(Attributes.of(PROVIDER, "acme", ATTEMPTS, 2L))
        .doesNotHaveAttribute("payment.card");
  }

  @Test
  void should_fail_showing_every_attribute_and_drawing_the_asserted_one() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () -> assertThatTrace(spans).span("processPayment").hasAttribute(ATTEMPTS, 3L))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to have the attribute:
              payment.attempts=3
            but it has payment.attempts=2; its attributes are:
              payment.attempts=2
              payment.provider=acme

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] payment.attempts=2 events: exception  <-- expected payment.attempts=3""");
  }

  @Test
  void should_fail_saying_the_type_when_only_the_type_differs() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans).span("processPayment").hasAttribute("payment.attempts", "2"))
        .hasMessageStartingWith(
            """
            Expecting span [processPayment] to have the attribute:
              payment.attempts=2 of type STRING
            but it has payment.attempts=2 of type LONG; its attributes are:
            """);
  }

  @Test
  void should_mark_the_types_in_the_tree_when_the_values_print_alike() {
    // GIVEN: the new user's "order.item_count=2  <-- expected order.item_count=2"
    List<SpanData> spans =
        traces.record(
            TestTraces.span("processOrder", 0, 2)
                .with(s -> s.setAttribute("order.item_count", 2L)));
    // WHEN/THEN
    assertThatThrownBy(
            () -> assertThatTrace(spans).span("processOrder").hasAttribute("order.item_count", "2"))
        .hasMessage(
            """
            Expecting span [processOrder] to have the attribute:
              order.item_count=2 of type STRING
            but it has order.item_count=2 of type LONG; its attributes are:
              order.item_count=2

            trace 00000000000000000000000000000001 (1 span, 2.00 ms)
            └─ processOrder [INTERNAL, UNSET, 2.00 ms] order.item_count=2  <-- expected order.item_count=2 of type STRING, found LONG""");
  }

  @Test
  void should_name_only_the_found_type_when_the_values_print_differently() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans).span("processPayment").hasAttribute("payment.attempts", 2.5))
        .hasMessageContaining(
            """
              payment.attempts=2.5
            but it has payment.attempts=2 of type LONG; its attributes are:
            """)
        .hasMessageEndingWith(
            "payment.attempts=2 events: exception  <-- expected payment.attempts=2.5");
  }

  @Test
  void should_fail_when_the_attribute_is_missing() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans).span("validateInventory").hasAttribute("warehouse", "north"))
        .hasMessageStartingWith(
            """
            Expecting span [validateInventory] to have the attribute:
              warehouse=north
            but it has no attribute warehouse; its attributes are:
              (none)
            """);
  }

  @Test
  void should_fail_on_a_condition_naming_it() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("processPayment")
                    .hasAttribute(
                        PROVIDER, new Condition<>(p -> p.startsWith("visa"), "a visa provider")))
        .hasMessageStartingWith(
            """
            Expecting span [processPayment] to have an attribute payment.provider that:
              a visa provider
            but its value acme does not
            """);
  }

  @Test
  void should_fail_on_exact_subset_and_absence_checks() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("processPayment")
                    .hasExactlyAttributes(Attributes.of(PROVIDER, "acme")))
        .hasMessageStartingWith(
            """
            Expecting span [processPayment] to have exactly the attributes:
              payment.provider=acme
            but it has:
              payment.attempts=2
              payment.provider=acme
            """);
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("processPayment")
                    .containsAttributes(Attributes.of(PROVIDER, "visa")))
        .hasMessageStartingWith(
            """
            Expecting span [processPayment] to contain the attributes:
              payment.provider=visa
            but these are missing or differ: [payment.provider]; its attributes are:
            """);
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("processPayment")
                    .doesNotHaveAttribute("payment.provider"))
        .hasMessageStartingWith(
            """
            Expecting span [processPayment] to not have the attribute:
              payment.provider
            but it has payment.provider=acme
            """);
  }

  @Test
  void should_throw_naming_the_parameter_on_null_arguments() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () -> assertThatTrace(spans).span("processPayment").hasAttribute((String) null, 1))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("hasAttribute(String key, Object value): key must not be null");
    assertThatThrownBy(
            () -> assertThatTrace(spans).span("processPayment").hasAttribute(ATTEMPTS, (Long) null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(
            "hasAttribute(AttributeKey<T> key, T value): value must not be null; use doesNotHaveAttribute(String) to check that an attribute is absent");
  }
}
