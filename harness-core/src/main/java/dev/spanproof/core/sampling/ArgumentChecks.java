package dev.spanproof.core.sampling;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The argument checks of the Java API ({@link TailSamplingPolicy}'s factories, {@link
 * TailSampling}), one place for their wording: each message names the parameter and the value, so
 * that a Java caller learns what the Collector would have refused. The YAML reader checks its
 * fields itself first, to name the line instead.
 */
final class ArgumentChecks {

  private ArgumentChecks() {}

  static void requireName(String name) {
    requireNonNull("name", name);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty: the Collector requires one");
    }
  }

  /** As SamplingRecord checks its arguments: a null is bad input, so not a bare NPE. */
  static <T> T requireNonNull(String parameter, T value) {
    if (value == null) {
      throw new IllegalArgumentException(parameter + " must not be null");
    }
    return value;
  }

  /** The elements as an immutable list: at least one, none null. */
  static <T> List<T> requireElements(String parameter, T[] values) {
    return requireElements(parameter, values, false);
  }

  static <T> List<T> requireElements(String parameter, T[] values, boolean mayBeEmpty) {
    requireNonNull(parameter, values);
    if (values.length == 0 && !mayBeEmpty) {
      throw new IllegalArgumentException(parameter + " must not be empty");
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        throw new IllegalArgumentException(parameter + "[" + i + "] must not be null");
      }
    }
    return List.copyOf(Arrays.asList(values));
  }

  /** Like {@link #requireElements(String, Object[])}, each element a regular expression. */
  static List<String> requireRegexes(String parameter, String[] regexes) {
    List<String> list = requireElements(parameter, regexes);
    for (String regex : list) {
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            parameter
                + ": "
                + Texts.quote(regex)
                + " is not a regular expression: "
                + e.getDescription(),
            e);
      }
    }
    return list;
  }

  /** The conditions, parsed in {@code context}; none is fine, null is not. */
  static List<OttlCondition> requireConditions(
      String parameter, List<String> conditions, OttlCondition.Context context) {
    requireNonNull(parameter, conditions);
    return requireElements(parameter, conditions.toArray(String[]::new), true).stream()
        .map(condition -> OttlCondition.parse(condition, context))
        .toList();
  }

  static void requireNotNegative(String parameter, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(parameter + " must not be negative, but was " + value);
    }
  }

  static void requirePositive(String parameter, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(parameter + " must be positive, but was " + value);
    }
  }

  /**
   * The Collector's default {@code burst_capacity}, twice the positive {@code rate}, refused when
   * the double would not fit a long (Go's int64 would wrap it, and so would Java's).
   */
  static long doubledBurst(String parameter, long rate) {
    requirePositive(parameter, rate);
    if (rate > Long.MAX_VALUE / 2) {
      throw new IllegalArgumentException(
          parameter
              + " must be at most "
              + Long.MAX_VALUE / 2
              + " for the default burstCapacity, twice it, to fit a long, but was "
              + rate);
    }
    return 2 * rate;
  }

  /**
   * The sub-policies of a {@code parent} policy, checked: present, and of types the Collector lets
   * stand at {@code level} (e.g. {@code and} in {@code composite}).
   */
  static List<TailSamplingPolicy> requireNestable(
      String parent, TailSamplingPolicy[] subPolicies, PolicyLevel level) {
    List<TailSamplingPolicy> list = requireElements("subPolicies", subPolicies);
    for (TailSamplingPolicy sub : list) {
      if (!level.allows(sub.type())) {
        throw new IllegalArgumentException(
            "subPolicies: the Collector cannot nest a "
                + sub.type()
                + " policy in "
                + parent
                + ", but got "
                + sub);
      }
    }
    return list;
  }
}
