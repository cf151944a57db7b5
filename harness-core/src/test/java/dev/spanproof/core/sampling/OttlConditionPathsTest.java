package dev.spanproof.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every path the OTTL subset reads, in both contexts, each held against a span whose fields all
 * differ from their defaults: a condition on a path must see that path's value, not another's.
 */
class OttlConditionPathsTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final long START = 1_767_225_600_000_000_000L;

  private static final SpanData PAYMENT =
      TestSpanData.builder()
          .setName("charge card")
          .setKind(SpanKind.CLIENT)
          .setSpanContext(
              SpanContext.create(
                  TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault()))
          .setParentSpanContext(
              SpanContext.create(
                  TRACE_ID, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault()))
          .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("region"), "eu")))
          .setInstrumentationScopeInfo(
              InstrumentationScopeInfo.builder("payments-sdk")
                  .setVersion("2.1.0")
                  .setAttributes(Attributes.of(AttributeKey.stringKey("vendor"), "acme"))
                  .build())
          .setAttributes(
              Attributes.of(
                  AttributeKey.booleanKey("retry"),
                  true,
                  AttributeKey.stringKey("card.brand"),
                  "visa"))
          .setEvents(
              List.of(
                  EventData.create(
                      START + 7,
                      "declined",
                      Attributes.of(AttributeKey.stringKey("reason"), "insufficient funds"))))
          .setStartEpochNanos(START)
          .setEndEpochNanos(START + 2_000)
          .setHasEnded(true)
          .setStatus(StatusData.create(StatusCode.ERROR, "card declined"))
          .setTotalRecordedEvents(1)
          .setTotalRecordedLinks(0)
          .setTotalAttributeCount(2)
          .build();

  private static boolean spanConditionHolds(String condition) {
    return TailSampling.builder()
        .policy(TailSamplingPolicy.ottlCondition("ottl", List.of(condition), List.of()))
        .build()
        .decide(List.of(PAYMENT))
        .isSampled();
  }

  private static boolean eventConditionHolds(String condition) {
    return TailSampling.builder()
        .policy(TailSamplingPolicy.ottlCondition("ottl", List.of(), List.of(condition)))
        .build()
        .decide(List.of(PAYMENT))
        .isSampled();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "name == \"charge card\"",
        "span.name == \"charge card\"",
        "kind == SPAN_KIND_CLIENT",
        "status.code == STATUS_CODE_ERROR",
        "status.message == \"card declined\"",
        "trace_id.string == \"4bf92f3577b34da6a3ce929d0e0e4736\"",
        "span_id.string == \"00f067aa0ba902b7\"",
        "parent_span_id.string == \"b7ad6b7169203331\"",
        "start_time_unix_nano == 1767225600000000000",
        "end_time_unix_nano == 1767225600000002000",
        "attributes[\"card.brand\"] == \"visa\"",
        "resource.attributes[\"region\"] == \"eu\"",
        "instrumentation_scope.name == \"payments-sdk\"",
        "instrumentation_scope.version == \"2.1.0\"",
        "instrumentation_scope.attributes[\"vendor\"] == \"acme\"",
      })
  void a_span_condition_reads_the_field_its_path_names(String condition) {
    assertThat(spanConditionHolds(condition)).isTrue();
    assertThat(spanConditionHolds("not (" + condition + ")")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "name == \"declined\"",
        "spanevent.name == \"declined\"",
        "time_unix_nano == 1767225600000000007",
        "attributes[\"reason\"] == \"insufficient funds\"",
        "spanevent.attributes[\"reason\"] == \"insufficient funds\"",
        "span.attributes[\"card.brand\"] == \"visa\"",
        "span.name == \"charge card\"",
        "span.status.message == \"card declined\"",
        "resource.attributes[\"region\"] == \"eu\"",
        "instrumentation_scope.name == \"payments-sdk\"",
        "instrumentation_scope.version == \"2.1.0\"",
      })
  void a_span_event_condition_reads_the_event_or_its_span_as_its_path_says(String condition) {
    assertThat(eventConditionHolds(condition)).isTrue();
    assertThat(eventConditionHolds("not (" + condition + ")")).isFalse();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          attributes["retry"]                        | true
          not attributes["retry"]                    | false
          attributes["card.brand"]                   | false
          attributes["missing"]                      | false
          true                                       | true
          false                                      | false
          attributes["retry"] == true                | true
          attributes["retry"] != false               | true
          attributes["retry"] == "true"              | false
          """)
  void a_bare_value_holds_only_when_it_is_the_boolean_true(String condition, boolean holds) {
    assertThat(spanConditionHolds(condition)).isEqualTo(holds);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          status.message == "card \\"declined\\""     | false
          name == "charge \\"card\\""                 | false
          name != "charge \\"card\\""                 | true
          name <= "charge card"                       | true
          name >= "charge card"                       | true
          name < "charge card"                        | false
          name > "charge card"                        | false
          name<"charge cards"                         | true
          name>"charge"                               | true
          start_time_unix_nano < end_time_unix_nano   | true
          start_time_unix_nano >= end_time_unix_nano  | false
          -1 < 0                                      | true
          1.5e+3 == 1500                              | true
          """)
  void strings_escapes_and_operators_tokenize_as_in_ottl(String condition, boolean holds) {
    assertThat(spanConditionHolds(condition)).isEqualTo(holds);
  }

  @Test
  void an_escaped_quote_is_part_of_the_string() {
    SpanData quoted = TestSpan.named("say \"hi\"").attribute("path", "C:\\temp").build();
    TailSampling sampling =
        TailSampling.builder()
            .policy(
                TailSamplingPolicy.ottlCondition(
                    "ottl",
                    List.of(
                        "name == \"say \\\"hi\\\"\" and attributes[\"path\"] == \"C:\\\\temp\""),
                    List.of()))
            .build();

    assertThat(sampling.decide(List.of(quoted)).isSampled()).isTrue();
  }

  @Test
  void a_context_name_alone_is_no_path() {
    assertThatThrownBy(() -> spanConditionHolds("span == 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "OTTL condition \"span == 1\" uses the path span, which the simulator does not support"
                + " in the span context; it supports name, kind,");
    assertThatThrownBy(() -> eventConditionHolds("spanevent == 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "OTTL condition \"spanevent == 1\" uses the path spanevent, which the simulator does"
                + " not support in the spanevent context; it supports name, time_unix_nano,"
                + " attributes[\"…\"], span.<any span path above>, resource.attributes[\"…\"],"
                + " instrumentation_scope.name, instrumentation_scope.version,"
                + " instrumentation_scope.attributes[\"…\"]");
  }

  @Test
  void an_event_only_path_is_refused_in_the_span_context_and_the_other_way_round() {
    assertThatThrownBy(() -> spanConditionHolds("time_unix_nano > 0"))
        .hasMessageStartingWith(
            "OTTL condition \"time_unix_nano > 0\" uses the path time_unix_nano, which the"
                + " simulator does not support in the span context");
    assertThatThrownBy(() -> eventConditionHolds("kind == SPAN_KIND_CLIENT"))
        .hasMessageStartingWith(
            "OTTL condition \"kind == SPAN_KIND_CLIENT\" uses the path kind, which the simulator"
                + " does not support in the spanevent context");
    assertThatThrownBy(() -> spanConditionHolds("span.attributes[\"card.brand\"][\"x\"] == 1"))
        .hasMessageStartingWith(
            "OTTL condition \"span.attributes[\"card.brand\"][\"x\"] == 1\" uses the path"
                + " span.attributes[…], which the simulator does not support in the span context");
    assertThatThrownBy(() -> spanConditionHolds("name[\"x\"] == 1"))
        .hasMessageStartingWith(
            "OTTL condition \"name[\"x\"] == 1\" uses the path name[…], which the simulator does"
                + " not support in the span context");
  }

  @Test
  void malformed_conditions_say_what_is_wrong() {
    assertThatThrownBy(() -> spanConditionHolds("name == \"charge card"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("OTTL condition \"name == \"charge card\" has an unterminated string");
    assertThatThrownBy(() -> spanConditionHolds("name == \"x\\"))
        .hasMessage("OTTL condition \"name == \"x\\\" has an unterminated string");
    assertThatThrownBy(() -> spanConditionHolds("name <"))
        .hasMessage("OTTL condition \"name <\" ends where a value was expected");
    assertThatThrownBy(() -> spanConditionHolds("name !"))
        .hasMessage("OTTL condition \"name !\" has !, which is no OTTL operator (== and != are)");
    assertThatThrownBy(() -> spanConditionHolds("name == 'x'"))
        .hasMessage("OTTL condition \"name == 'x'\" has the unexpected character '");
    assertThatThrownBy(() -> spanConditionHolds("attributes[card] == 1"))
        .hasMessage(
            "OTTL condition \"attributes[card] == 1\" expected a quoted key after attributes[ but"
                + " found card");
    assertThatThrownBy(() -> spanConditionHolds("(name == \"x\""))
        .hasMessage("OTTL condition \"(name == \"x\"\" ends where \")\" was expected");
    assertThatThrownBy(() -> spanConditionHolds("name == \"x\" )"))
        .hasMessage("OTTL condition \"name == \"x\" )\" unexpected )");
    assertThatThrownBy(() -> spanConditionHolds("1.2.3 == 1"))
        .hasMessage("OTTL condition \"1.2.3 == 1\" expected a number but found 1.2.3");
    // OTTL has arithmetic, the simulator does not: it says so instead of misreading it.
    assertThatThrownBy(() -> spanConditionHolds("end_time_unix_nano - 1 > 0"))
        .hasMessage("OTTL condition \"end_time_unix_nano - 1 > 0\" unexpected -");
    assertThatThrownBy(() -> spanConditionHolds("name == #x"))
        .hasMessage("OTTL condition \"name == #x\" has the unexpected character #");
    assertThatThrownBy(() -> spanConditionHolds("_name == 1"))
        .hasMessage("OTTL condition \"_name == 1\" expected a value but found _name");
  }
}
