package dev.spanproof.core.sampling;

import static dev.spanproof.core.sampling.PolicyTypesTest.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ottl_condition policy: the supported OTTL subset, and the refusal of the rest. */
class OttlConditionTest {

  private static final SpanData CHECKOUT =
      TestSpan.named("POST /checkout")
          .kind(SpanKind.SERVER)
          .status(StatusCode.ERROR)
          .attribute("http.route", "/checkout")
          .attribute("http.response.status_code", 503L)
          .attribute("retry.ratio", 0.5)
          .resource("service.name", "shop")
          .event("exception", Attributes.of(AttributeKey.stringKey("exception.type"), "Timeout"))
          .build();

  private static TailSamplingPolicy spans(String... conditions) {
    return TailSamplingPolicy.ottlCondition("ottl", List.of(conditions), List.of());
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      attributes["http.route"] == "/checkout"                                   | true
      attributes["http.route"] == "/orders"                                     | false
      span.attributes["http.route"] != "/orders"                                | true
      attributes["http.response.status_code"] >= 500                            | true
      attributes["http.response.status_code"] < 500                             | false
      attributes["retry.ratio"] > 0.25                                          | true
      attributes["missing"] == nil                                              | true
      attributes["http.response.status_code"] == "503"                          | false
      status.code == STATUS_CODE_ERROR and kind == SPAN_KIND_SERVER              | true
      status.code == STATUS_CODE_OK or resource.attributes["service.name"] == "shop" | true
      not (name == "POST /checkout")                                            | false
      name == "a" or name == "POST /checkout" and kind == SPAN_KIND_CLIENT       | false
      (name == "a" or name == "POST /checkout") and kind == SPAN_KIND_SERVER     | true
      instrumentation_scope.name == "test"                                      | false
      """)
  void evaluates_comparisons_combined_with_and_or_not(String condition, boolean sampled) {
    assertThat(verdict(spans(condition), CHECKOUT))
        .endsWith(sampled ? "→ sampled" : "→ not sampled");
  }

  @Test
  void says_which_span_matched_which_condition() {
    assertThat(verdict(spans("name == \"x\"", "kind == SPAN_KIND_SERVER"), CHECKOUT))
        .isEqualTo(
            "[ottl] ottl_condition: span [POST /checkout] matches kind == SPAN_KIND_SERVER →"
                + " sampled");
    assertThat(verdict(spans("name == \"x\""), CHECKOUT))
        .isEqualTo(
            "[ottl] ottl_condition: no span or span event matches a condition → not sampled");
  }

  @Test
  void span_event_conditions_read_the_event_and_its_span() {
    TailSamplingPolicy timeouts =
        TailSamplingPolicy.ottlCondition(
            "timeouts",
            List.of(),
            List.of(
                "name == \"exception\" and attributes[\"exception.type\"] == \"Timeout\""
                    + " and span.name == \"POST /checkout\""));

    assertThat(verdict(timeouts, CHECKOUT))
        .isEqualTo(
            "[timeouts] ottl_condition: event [exception] of span [POST /checkout] matches name =="
                + " \"exception\" and attributes[\"exception.type\"] == \"Timeout\" and span.name"
                + " == \"POST /checkout\" → sampled");
    assertThat(verdict(timeouts, TestSpan.named("POST /checkout").build()))
        .endsWith("→ not sampled");
  }

  @Test
  void refuses_a_function_naming_it() {
    assertThatThrownBy(() -> spans("IsMatch(attributes[\"http.route\"], \"^/check\")"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "OTTL condition \"IsMatch(attributes[\"http.route\"], \"^/check\")\" uses the OTTL"
                + " function IsMatch, which the simulator does not support");
  }

  @Test
  void refuses_a_path_it_does_not_know() {
    assertThatThrownBy(() -> spans("dropped_attributes_count > 0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "OTTL condition \"dropped_attributes_count > 0\" uses the path dropped_attributes_count,"
                + " which the simulator does not support in the span context; it supports name,"
                + " kind, status.code, status.message, trace_id.string, span_id.string,"
                + " parent_span_id.string, start_time_unix_nano, end_time_unix_nano,"
                + " attributes[\"…\"], resource.attributes[\"…\"], instrumentation_scope.name,"
                + " instrumentation_scope.version, instrumentation_scope.attributes[\"…\"]");
    assertThatThrownBy(() -> spans("name = \"x\""))
        .hasMessage(
            "OTTL condition \"name = \"x\"\" has =, which is no OTTL operator (== and != are)");
    assertThatThrownBy(() -> spans("name == "))
        .hasMessage("OTTL condition \"name == \" ends where a value was expected");
    assertThatThrownBy(() -> TailSamplingPolicy.ottlCondition("none", List.of(), List.of()))
        .hasMessage(
            "spanConditions and spanEventConditions are empty; the Collector needs at least one"
                + " condition");
  }

  @Test
  void from_yaml_a_refused_condition_names_the_policy_and_the_line() {
    String yaml =
        """
        policies:
          - name: checkout-errors
            type: ottl_condition
            ottl_condition:
              error_mode: ignore
              span:
                - attributes["http.route"] == "/checkout"
                - IsMatch(name, "^POST")
        """;

    assertThatThrownBy(() -> TailSampling.fromCollectorYaml(yaml))
        .isInstanceOf(TailSamplingConfigException.class)
        .hasMessage(
            "tail_sampling policy \"checkout-errors\" (line 8): OTTL condition \"IsMatch(name,"
                + " \"^POST\")\" uses the OTTL function IsMatch, which the simulator does not"
                + " support");
  }

  @Test
  void from_yaml_a_supported_condition_decides() {
    String yaml =
        """
        policies:
          - name: checkout-errors
            type: ottl_condition
            ottl_condition:
              span: ['attributes["http.route"] == "/checkout" and status.code == STATUS_CODE_ERROR']
        """;

    assertThat(TailSampling.fromCollectorYaml(yaml).decide(List.of(CHECKOUT)).isSampled()).isTrue();
  }
}
