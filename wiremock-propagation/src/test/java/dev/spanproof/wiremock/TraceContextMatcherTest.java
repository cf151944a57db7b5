package dev.spanproof.wiremock;

import static dev.spanproof.wiremock.TraceContextPattern.traceContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.MatchResult.DiffDescription;
import dev.spanproof.core.propagation.PropagationFormat;
import org.junit.jupiter.api.Test;

/** The matcher on its own: graded results and the problem each failed condition names. */
class TraceContextMatcherTest {

  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03";

  private final TraceContextMatcher matcher = new TraceContextMatcher();

  @Test
  void should_pass_for_the_sampled_bit_of_flags_03_a_tracestate_member_and_baggage() {
    // GIVEN
    Request request =
        request()
            .withHeader("traceparent", TRACEPARENT)
            .withHeader("tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7")
            .withHeader("baggage", "tenant=acme,region=eu%20west")
            .build();
    // WHEN
    MatchResult result =
        match(
            request,
            traceContext()
                .sampled()
                .withTracestate("rojo", "00f067aa0ba902b7")
                .withBaggage("region", "eu west"));
    // THEN
    assertThat(result.isExactMatch()).isTrue();
    assertThat(result.getDistance()).isZero();
  }

  @Test
  void should_fail_not_sampled_for_flags_03() {
    // WHEN
    MatchResult result =
        match(
            request().withHeader("traceparent", TRACEPARENT).build(), traceContext().notSampled());
    // THEN
    assertThat(result.isExactMatch()).isFalse();
    assertThat(result.getDistance()).isEqualTo(0.5);
    assertThat(result.getDiffDescriptions())
        .singleElement()
        .satisfies(
            diff -> {
              assertThat(diff.getExpected()).isEqualTo("sampled flag clear");
              assertThat(diff.getActual()).isEqualTo("traceparent: " + TRACEPARENT);
              assertThat(diff.getErrorMessage())
                  .isEqualTo(
                      "traceparent: trace-flags \"03\" set the sampled bit (0x01), but the request should not be sampled");
            });
  }

  @Test
  void should_fail_for_a_missing_tracestate_member_naming_the_received_value() {
    // GIVEN
    Request request =
        request()
            .withHeader("traceparent", TRACEPARENT)
            .withHeader("tracestate", "congo=t61rcWkgMzE")
            .build();
    // WHEN
    MatchResult result = match(request, traceContext().withTracestate("congo", "other"));
    // THEN
    assertThat(result.getDiffDescriptions())
        .extracting(
            DiffDescription::getExpected,
            DiffDescription::getActual,
            DiffDescription::getErrorMessage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "tracestate member congo=other",
                "tracestate: congo=t61rcWkgMzE",
                "tracestate: has no member \"congo=other\"; key \"congo\" has \"t61rcWkgMzE\""));
  }

  @Test
  void should_fail_for_a_baggage_entry_with_another_value() {
    // GIVEN
    Request request =
        request()
            .withHeader("traceparent", TRACEPARENT)
            .withHeader("baggage", "tenant=acme")
            .build();
    // WHEN
    MatchResult result = match(request, traceContext().withBaggage("tenant", "globex"));
    // THEN
    assertThat(result.getDiffDescriptions())
        .extracting(DiffDescription::getErrorMessage)
        .containsExactly("baggage: entry \"tenant\" is \"acme\", not \"globex\"");
  }

  @Test
  void should_match_b3_and_jaeger_formats() {
    // GIVEN
    Request b3 =
        request().withHeader("b3", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1").build();
    Request jaeger =
        request()
            .withHeader("uber-trace-id", "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1")
            .build();
    // WHEN / THEN
    assertThat(
            match(b3, traceContext().inFormat(PropagationFormat.B3_SINGLE).sampled())
                .isExactMatch())
        .isTrue();
    assertThat(
            match(jaeger, traceContext().inFormat(PropagationFormat.JAEGER).sampled())
                .isExactMatch())
        .isTrue();
    assertThat(match(b3, traceContext().inFormat(PropagationFormat.JAEGER)).getDiffDescriptions())
        .extracting(DiffDescription::getActual, DiffDescription::getErrorMessage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "no uber-trace-id header",
                "uber-trace-id: header is missing, so a receiver starts a new trace"));
  }

  @Test
  void
      should_grade_a_request_without_context_as_failing_every_condition_but_show_only_the_missing_header() {
    // WHEN
    MatchResult result =
        match(request().build(), traceContext().sampled().withBaggage("tenant", "acme"));
    // THEN
    assertThat(result.getDistance()).isEqualTo(1.0);
    assertThat(result.getDiffDescriptions())
        .extracting(DiffDescription::getErrorMessage)
        .containsExactly(
            "traceparent: header is missing, so a receiver starts a new trace",
            "baggage: header is missing, so entry \"tenant\" is not propagated");
  }

  @Test
  void should_rank_a_closer_request_nearer() {
    // GIVEN one request that fails one of three conditions, one that fails two
    TraceContextPattern pattern = traceContext().sampled().withBaggage("tenant", "acme");
    Request close =
        request()
            .withHeader("traceparent", TRACEPARENT)
            .withHeader("baggage", "tenant=globex")
            .build();
    Request far =
        request()
            .withHeader("traceparent", TRACEPARENT.replaceFirst("03$", "00"))
            .withHeader("baggage", "x=y")
            .build();
    // WHEN / THEN
    assertThat(match(close, pattern).getDistance()).isLessThan(match(far, pattern).getDistance());
  }

  private MatchResult match(Request request, TraceContextPattern pattern) {
    return matcher.match(request, pattern.getParameters());
  }

  private static ImmutableRequest.Builder request() {
    return ImmutableRequest.create()
        .withAbsoluteUrl("http://127.0.0.1:8080/inventory")
        .withMethod(RequestMethod.GET);
  }
}
