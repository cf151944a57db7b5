package dev.spanproof.core.semconv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Each public check names the method and the parameter it got null for. */
class SemanticConventionsArgumentsTest {

  private static final SemanticConventions RULES = SemanticConventions.bundled();
  private static final DatabaseConventionMode MODE = DatabaseConventionMode.OLD;
  private static final SpanData SPAN =
      TestSpans.span("GET /orders", SpanKind.SERVER, StatusCode.UNSET);

  private static void refuses(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(message);
  }

  @Test
  void the_bundled_rules_say_which_release_they_follow() {
    assertThat(RULES.version()).isEqualTo("1.43.0");
  }

  @Test
  void check_of_several_spans_names_the_null_parameter() {
    String method = "check(Collection<SpanData> spans, DatabaseConventionMode mode): ";
    refuses(() -> RULES.check((List<SpanData>) null, MODE), method + "spans must not be null");
    refuses(() -> RULES.check(List.of(SPAN), null), method + "mode must not be null");
    refuses(
        () -> RULES.check(Arrays.asList(SPAN, null), MODE),
        method + "spans' element must not be null");
  }

  @Test
  void check_of_one_span_names_the_null_parameter() {
    String method = "check(SpanData span, DatabaseConventionMode mode): ";
    refuses(() -> RULES.check((SpanData) null, MODE), method + "span must not be null");
    refuses(() -> RULES.check(SPAN, null), method + "mode must not be null");
  }

  @Test
  void check_by_a_given_convention_names_the_null_parameter() {
    String method =
        "check(SpanData span, SemanticConvention convention, DatabaseConventionMode mode): ";
    refuses(
        () -> RULES.check(null, SemanticConvention.HTTP_SERVER, MODE),
        method + "span must not be null");
    refuses(() -> RULES.check(SPAN, null, MODE), method + "convention must not be null");
    refuses(
        () -> RULES.check(SPAN, SemanticConvention.HTTP_SERVER, null),
        method + "mode must not be null");
  }

  @Test
  void coverage_names_the_null_parameter() {
    String method = "coverage(Collection<SpanData> spans, DatabaseConventionMode mode): ";
    refuses(() -> RULES.coverage(null, MODE), method + "spans must not be null");
    refuses(() -> RULES.coverage(List.of(SPAN), null), method + "mode must not be null");
  }
}
