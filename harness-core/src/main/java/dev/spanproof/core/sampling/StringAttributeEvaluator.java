package dev.spanproof.core.sampling;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code string_attribute}, as the Collector's {@code string_tag_filter.go}: a resource or span
 * attribute {@code key} whose value equals one of {@code values} (empty values are ignored) or,
 * with {@code enabled_regex_matching}, contains a match of one of them (Go's {@code MatchString}:
 * not anchored). A value that is not a string reads as the empty string, as pdata's {@code Str()}
 * does; an empty span attribute never matches. {@code invert_match} flips this policy's own
 * decision (the Collector's "inverted" decisions are gone since contrib PR #48976).
 */
final class StringAttributeEvaluator extends PolicyEvaluator {

  private final String key;
  private final List<String> values;
  private final boolean regex;
  private final boolean invert;
  private final Predicate<String> matcher;

  StringAttributeEvaluator(
      String name, String key, List<String> values, boolean regex, boolean invert) {
    super(name, "string_attribute");
    this.key = key;
    this.values = List.copyOf(values);
    this.regex = regex;
    this.invert = invert;
    this.matcher = regex ? regexMatcher(values) : exactMatcher(values);
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    Optional<AttributeLookup.Match> match =
        AttributeLookup.find(
            trace,
            key,
            (value, onResource) -> {
              String text = value instanceof String string ? string : "";
              return (onResource || !text.isEmpty()) && matcher.test(text);
            });
    String wanted = (regex ? "matching one of " : "one of ") + Texts.quoted(values);
    String reason =
        match
            .map(found -> found.where(key) + ", " + wanted)
            .orElse("no resource or span has " + key + " " + wanted);
    if (invert) {
      reason = "invert_match: " + reason;
    }
    return match.isPresent() != invert ? sampled(reason) : notSampled(reason);
  }

  private static Predicate<String> exactMatcher(List<String> values) {
    Set<String> exact = new LinkedHashSet<>(values);
    exact.remove("");
    return exact::contains;
  }

  private static Predicate<String> regexMatcher(List<String> values) {
    List<Pattern> patterns = values.stream().map(Pattern::compile).toList();
    return text -> patterns.stream().anyMatch(pattern -> pattern.matcher(text).find());
  }
}
