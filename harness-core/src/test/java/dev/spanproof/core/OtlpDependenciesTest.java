package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpDependenciesTest {

  @Test
  void the_receivers_libraries_are_on_this_build_s_test_classpath() {
    assertThatCode(() -> OtlpDependencies.require(OtlpDependencies.OTLP_PROTOBUF))
        .doesNotThrowAnyException();
  }

  @Test
  void a_missing_library_is_named_with_what_to_add() {
    List<OtlpDependencies.Required> required =
        List.of(
            new OtlpDependencies.Required("java.lang.String", "java.base"),
            new OtlpDependencies.Required("com.example.NotThere", "com.example:not-there:1.0"));

    assertThatThrownBy(() -> OtlpDependencies.require(required))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "otlpReceiver() decodes OTLP with libraries spanproof declares optional, so that your"
                + " tests never get a protobuf version your application did not choose; add them"
                + " to the test classpath: com.example:not-there:1.0 (see docs/otlp-receiver.md)");
  }

  @Test
  void otlp_json_files_name_their_own_guide() {
    List<OtlpDependencies.Required> required =
        List.of(new OtlpDependencies.Required("com.example.NotThere", "com.example:not-there:1.0"));

    assertThatThrownBy(
            () ->
                OtlpDependencies.require(
                    required, "OtlpJsonFile reads and writes OTLP JSON", "docs/otlp-json.md"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "OtlpJsonFile reads and writes OTLP JSON with libraries spanproof declares optional, so"
                + " that your tests never get a protobuf version your application did not choose;"
                + " add them to the test classpath: com.example:not-there:1.0 (see"
                + " docs/otlp-json.md)");
  }
}
