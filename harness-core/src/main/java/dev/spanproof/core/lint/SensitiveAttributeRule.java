package dev.spanproof.core.lint;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Secrets in attributes, by key (the deny list in {@code sensitive-attribute-words.txt} plus the
 * user's keys) and by value shape (bearer and basic credentials, JSON web tokens, card numbers).
 * The finding shows at most the first four characters of a value, and only of a long one.
 */
final class SensitiveAttributeRule {

  private static final String WORDS_RESOURCE = "sensitive-attribute-words.txt";
  private static final List<String> WORDS = loadWords();

  private static final Pattern CREDENTIALS = Pattern.compile("(?i)^(bearer|basic)\\s+\\S{8,}");
  // header.payload.signature, each base64url; header and payload are JSON objects ("eyJ").
  private static final Pattern JSON_WEB_TOKEN =
      Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
  // 13 to 19 digits, in groups separated by single spaces or dashes, starting with the digit of a
  // card network (2 to 6: Mastercard, Amex, Visa, Discover...), so that epoch millis do not match.
  private static final Pattern CARD_NUMBER = Pattern.compile("^[2-6](?:[ -]?\\d){12,18}$");

  private SensitiveAttributeRule() {}

  static void check(
      List<Trace> traces, Set<String> denied, Set<String> allowed, LintFindings findings) {
    if (!findings.isOn(LintRule.SENSITIVE_ATTRIBUTE)) {
      return;
    }
    for (Trace trace : traces) {
      for (SpanNode node : trace.spans()) {
        node.span()
            .getAttributes()
            .forEach(
                (key, value) -> {
                  String name = key.getKey().toLowerCase(Locale.ROOT);
                  if (allowed.contains(name)) {
                    return;
                  }
                  List<String> values = strings(key, value);
                  Optional<String> why =
                      denied.contains(name) || deniedWord(name)
                          ? Optional.of("its key is on the deny list of secrets")
                          : values.stream()
                              .map(SensitiveAttributeRule::secretShape)
                              .flatMap(Optional::stream)
                              .findFirst();
                  why.ifPresent(
                      reason ->
                          findings.about(
                              LintRule.SENSITIVE_ATTRIBUTE,
                              node.span(),
                              key.getKey(),
                              key.getKey()
                                  + " holds "
                                  + masked(values)
                                  + ", but "
                                  + reason
                                  + ": do not record it, or redact it before it reaches the"
                                  + " span"));
                });
      }
    }
  }

  /** Whether one of the deny list's words is a part of the key. */
  static boolean deniedWord(String key) {
    String parts = "_" + key.replace('.', '_').replace('-', '_') + "_";
    return WORDS.stream().anyMatch(word -> parts.contains("_" + word + "_"));
  }

  private static Optional<String> secretShape(String value) {
    String trimmed = value.strip();
    if (CREDENTIALS.matcher(trimmed).find()) {
      return Optional.of("it looks like credentials of an Authorization header");
    }
    if (JSON_WEB_TOKEN.matcher(trimmed).find()) {
      return Optional.of("it looks like a JSON web token");
    }
    if (CARD_NUMBER.matcher(trimmed).matches() && passesLuhn(trimmed)) {
      return Optional.of("it looks like a payment card number");
    }
    return Optional.empty();
  }

  /** The Luhn checksum that every payment card number passes (ISO/IEC 7812-1, annex B). */
  private static boolean passesLuhn(String number) {
    int sum = 0;
    boolean doubled = false;
    for (int i = number.length() - 1; i >= 0; i--) {
      char c = number.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int digit = c - '0';
      if (doubled) {
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  /** The string values of an attribute; other types are described, never looked into. */
  private static List<String> strings(AttributeKey<?> key, Object value) {
    if (key.getType() == AttributeType.STRING) {
      return List.of((String) value);
    }
    if (key.getType() == AttributeType.STRING_ARRAY && value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  /** {@code "Bear…" (42 characters)}: the first four characters, only of a value of 16 or more. */
  private static String masked(List<String> values) {
    if (values.isEmpty()) {
      return "a value";
    }
    String first = values.get(0);
    String shown = first.length() >= 16 ? "\"" + first.substring(0, 4) + "…\"" : "a value";
    String length = " (" + first.length() + (first.length() == 1 ? " character)" : " characters)");
    return shown + length + (values.size() > 1 ? " and " + (values.size() - 1) + " more" : "");
  }

  private static List<String> loadWords() {
    InputStream resource = SensitiveAttributeRule.class.getResourceAsStream(WORDS_RESOURCE);
    if (resource == null) {
      throw new IllegalStateException("missing resource " + WORDS_RESOURCE + " next to the class");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(resource, StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + WORDS_RESOURCE, e);
    }
  }
}
