package dev.spanproof.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.semconv.HttpAttributes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Secrets by key and by value shape, never printed in full; the deny list against semconv. */
class SensitiveAttributeRuleTest {

  @Test
  void finds_credentials_in_header_attributes_without_printing_them() {
    List<Finding> findings =
        findings(
            TraceLint.defaults(),
            span ->
                span.setAttribute(
                    HttpAttributes.HTTP_REQUEST_HEADER.getAttributeKey("authorization"),
                    List.of("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")));

    assertThat(findings)
        .singleElement()
        .hasToString(
            "violation sensitive_attribute [call]: http.request.header.authorization holds"
                + " \"Bear…\" (56 characters), but its key is on the deny list of secrets: do not"
                + " record it, or redact it before it reaches the span");
    assertThat(findings.get(0).attribute()).contains("http.request.header.authorization");
  }

  @Test
  void finds_secrets_by_value_shape_under_any_key() {
    List<Finding> findings =
        findings(
            TraceLint.defaults(),
            span -> {
              span.setAttribute("payment.card", "4111 1111 1111 1111");
              span.setAttribute("note", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln");
              span.setAttribute("upstream.auth", "Basic dXNlcjpwYXNz");
              span.setAttribute("short", "pw");
              span.setAttribute("order.id", "1764633600000");
            });

    assertThat(findings)
        .extracting(Finding::message)
        .containsExactlyInAnyOrder(
            "payment.card holds \"4111…\" (19 characters), but it looks like a payment card number:"
                + " do not record it, or redact it before it reaches the span",
            "note holds \"eyJh…\" (41 characters), but it looks like a JSON web token: do not"
                + " record it, or redact it before it reaches the span",
            "upstream.auth holds \"Basi…\" (18 characters), but it looks like credentials of an"
                + " Authorization header: do not record it, or redact it before it reaches the"
                + " span");
  }

  @Test
  void denies_and_allows_the_users_keys() {
    Consumer<Span> attributes =
        span -> {
          span.setAttribute("customer.iban", "DE89370400440532013000");
          span.setAttribute("db.user.password", "hunter2");
          span.setAttribute("gen_ai.usage.input_tokens", 42L);
        };

    assertThat(findings(TraceLint.defaults(), attributes))
        .extracting(Finding::message)
        .containsExactly(
            "db.user.password holds a value (7 characters), but its key is on the deny list of"
                + " secrets: do not record it, or redact it before it reaches the span");
    assertThat(
            findings(
                TraceLint.defaults()
                    .denyingAttributes("Customer.IBAN")
                    .allowingAttributes("db.user.password"),
                attributes))
        .extracting(finding -> finding.attribute().orElseThrow())
        .containsExactly("customer.iban");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void finds_every_card_number_that_passes_luhn_and_no_other(long seed) {
    Random random = new Random(seed);
    List<String> valid = new ArrayList<>();
    List<String> wrongCheckDigit = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String number = cardNumber(random);
      valid.add(number);
      char last = number.charAt(number.length() - 1);
      wrongCheckDigit.add(
          number.substring(0, number.length() - 1) + (char) ('0' + (last - '0' + 1) % 10));
    }
    List<Finding> found =
        findings(
            TraceLint.defaults(),
            span -> {
              for (int i = 0; i < valid.size(); i++) {
                span.setAttribute("valid." + i, valid.get(i));
                span.setAttribute("invalid." + i, wrongCheckDigit.get(i));
              }
            });
    assertThat(found)
        .as("seed %d: %s", seed, valid)
        .extracting(finding -> finding.attribute().orElseThrow())
        .allMatch(key -> key.startsWith("valid."))
        .hasSize(valid.size());
  }

  /** The deny list catches the headers that carry credentials, and no stable attribute. */
  @Test
  void deny_list_matches_the_semantic_conventions() throws IllegalAccessException {
    for (String header : List.of("authorization", "proxy-authorization", "cookie", "x-api-key")) {
      assertThat(
              SensitiveAttributeRule.deniedWord(
                  HttpAttributes.HTTP_REQUEST_HEADER.getAttributeKey(header).getKey()))
          .as(header)
          .isTrue();
    }
    assertThat(
            SensitiveAttributeRule.deniedWord(
                HttpAttributes.HTTP_RESPONSE_HEADER.getAttributeKey("set-cookie").getKey()))
        .isTrue();
    List<String> stableKeys = new ArrayList<>();
    for (Class<?> type :
        List.of(
            io.opentelemetry.semconv.ClientAttributes.class,
            io.opentelemetry.semconv.CodeAttributes.class,
            io.opentelemetry.semconv.DbAttributes.class,
            io.opentelemetry.semconv.ErrorAttributes.class,
            io.opentelemetry.semconv.ExceptionAttributes.class,
            HttpAttributes.class,
            io.opentelemetry.semconv.NetworkAttributes.class,
            io.opentelemetry.semconv.OtelAttributes.class,
            io.opentelemetry.semconv.ServerAttributes.class,
            io.opentelemetry.semconv.ServiceAttributes.class,
            io.opentelemetry.semconv.TelemetryAttributes.class,
            io.opentelemetry.semconv.UrlAttributes.class,
            io.opentelemetry.semconv.UserAgentAttributes.class)) {
      for (Field field : type.getFields()) {
        if (Modifier.isStatic(field.getModifiers())
            && field.get(null) instanceof AttributeKey<?> key) {
          stableKeys.add(key.getKey());
        }
      }
    }
    assertThat(stableKeys).hasSizeGreaterThan(50).noneMatch(SensitiveAttributeRule::deniedWord);
  }

  static Stream<Long> seeds() {
    long base = new Random().nextLong();
    return Stream.of(base, base + 1, base + 2);
  }

  /** A 16-digit number starting with 4 whose last digit makes the Luhn sum a multiple of 10. */
  private static String cardNumber(Random random) {
    StringBuilder digits = new StringBuilder("4");
    while (digits.length() < 15) {
      digits.append(random.nextInt(10));
    }
    for (int check = 0; check < 10; check++) {
      String candidate = digits.toString() + check;
      if (luhnSum(candidate) % 10 == 0) {
        return candidate;
      }
    }
    throw new AssertionError("no check digit for " + digits);
  }

  private static int luhnSum(String number) {
    int sum = 0;
    for (int i = 0; i < number.length(); i++) {
      int digit = number.charAt(number.length() - 1 - i) - '0';
      sum += i % 2 == 1 ? (digit * 2) / 10 + (digit * 2) % 10 : digit;
    }
    return sum;
  }

  private static List<Finding> findings(TraceLint lint, Consumer<Span> attributes) {
    try (TracingHarness harness = TracingHarness.builder().build()) {
      Span span = harness.tracer().spanBuilder("call").startSpan();
      attributes.accept(span);
      span.end();
      return lint.check(Trace.of(harness.finishedSpans()));
    }
  }
}
