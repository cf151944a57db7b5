package dev.spanproof.core.lint;

import dev.spanproof.core.trace.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks traces for the pitfalls OpenTelemetry's guides warn about: broken propagation, errors
 * nobody can explain, high-cardinality span names, secrets in attributes, N+1 calls. Each pitfall
 * is a {@link LintRule} with a stable id and a level; this immutable configuration says which rules
 * run, at which level, and with which limits.
 *
 * <pre>{@code
 * List<Finding> findings = TraceLint.defaults()
 *     .without("n_plus_one")
 *     .expectingRemoteParents()
 *     .check(trace);
 * }</pre>
 *
 * <p>Every {@code with…}/{@code without…}/{@code expecting…} method returns a new configuration and
 * leaves this one unchanged, so a shared configuration is safe to refine in one test.
 */
public final class TraceLint {

  /** How many same-named children one span may have by {@linkplain #defaults() default}. */
  public static final int DEFAULT_MAX_REPEATED_SIBLINGS = 5;

  private static final TraceLint DEFAULTS =
      new TraceLint(
          defaultLevels(), DEFAULT_MAX_REPEATED_SIBLINGS, false, false, Set.of(), Set.of());

  private final Map<LintRule, FindingLevel> levels;
  private final int maxRepeatedSiblings;
  private final boolean expectingRemoteParents;
  private final boolean expectingOneTrace;
  private final Set<String> deniedAttributes;
  private final Set<String> allowedAttributes;

  private TraceLint(
      Map<LintRule, FindingLevel> levels,
      int maxRepeatedSiblings,
      boolean expectingRemoteParents,
      boolean expectingOneTrace,
      Set<String> deniedAttributes,
      Set<String> allowedAttributes) {
    this.levels = Collections.unmodifiableMap(levels);
    this.maxRepeatedSiblings = maxRepeatedSiblings;
    this.expectingRemoteParents = expectingRemoteParents;
    this.expectingOneTrace = expectingOneTrace;
    this.deniedAttributes = Set.copyOf(deniedAttributes);
    this.allowedAttributes = Set.copyOf(allowedAttributes);
  }

  /**
   * Every rule at its {@linkplain LintRule#defaultLevel() default level}, at most {@value
   * #DEFAULT_MAX_REPEATED_SIBLINGS} same-named siblings, the built-in deny list of secrets, and no
   * expectations about remote parents or the number of traces.
   */
  public static TraceLint defaults() {
    return DEFAULTS;
  }

  /**
   * Only these rules, at their default levels, with the other settings of {@link #defaults()}.
   *
   * @param ruleIds rule ids, e.g. {@code "sensitive_attribute"}
   * @throws IllegalArgumentException if no id is given, or one names no rule (the message lists
   *     them)
   */
  public static TraceLint only(String... ruleIds) {
    List<LintRule> rules = rules(ruleIds, "only(String... ruleIds)");
    if (rules.isEmpty()) {
      throw new IllegalArgumentException(
          "only(String... ruleIds): name at least one rule; the rules are "
              + Arrays.stream(LintRule.values()).map(LintRule::id).toList());
    }
    Map<LintRule, FindingLevel> chosen = new EnumMap<>(LintRule.class);
    rules.forEach(rule -> chosen.put(rule, rule.defaultLevel()));
    return DEFAULTS.withLevels(chosen);
  }

  /**
   * This configuration with these rules switched off.
   *
   * @param ruleIds rule ids, e.g. {@code "n_plus_one"}
   * @throws IllegalArgumentException if an id names no rule (the message lists them)
   */
  public TraceLint without(String... ruleIds) {
    Map<LintRule, FindingLevel> remaining = new EnumMap<>(levels);
    rules(ruleIds, "without(String... ruleIds)").forEach(remaining::remove);
    return withLevels(remaining);
  }

  /**
   * This configuration with the rule {@code ruleId} on, reporting its findings at {@code level}:
   * e.g. {@code withLevel("n_plus_one", FindingLevel.IMPROVEMENT)} lists N+1 patterns without
   * failing on them.
   *
   * @throws IllegalArgumentException if {@code ruleId} names no rule or {@code level} is null
   */
  public TraceLint withLevel(String ruleId, FindingLevel level) {
    LintRule rule =
        rules(new String[] {ruleId}, "withLevel(String ruleId, FindingLevel level)").get(0);
    if (level == null) {
      throw new IllegalArgumentException(
          "withLevel(String ruleId, FindingLevel level): level must not be null");
    }
    Map<LintRule, FindingLevel> changed = new EnumMap<>(LintRule.class);
    changed.putAll(levels);
    changed.put(rule, level);
    return withLevels(changed);
  }

  /**
   * This configuration with {@code n_plus_one} finding a span that has more than {@code max}
   * children of the same name. Default: {@value #DEFAULT_MAX_REPEATED_SIBLINGS}.
   *
   * @throws IllegalArgumentException if {@code max} is less than 1
   */
  public TraceLint withMaxRepeatedSiblings(int max) {
    if (max < 1) {
      throw new IllegalArgumentException(
          "withMaxRepeatedSiblings(int max): max must be at least 1, but got " + max);
    }
    return new TraceLint(
        levels,
        max,
        expectingRemoteParents,
        expectingOneTrace,
        deniedAttributes,
        allowedAttributes);
  }

  /**
   * This configuration expecting every {@code SERVER} span to continue a caller's context: the test
   * sends {@code traceparent}, e.g. through an instrumented HTTP client, so a {@code SERVER} span
   * without a remote parent means the context was lost on the way ({@code
   * server_without_remote_parent}). Without this, a {@code SERVER} span may start a trace, unless a
   * {@code CLIENT} span of another trace checked with it was waiting for its response.
   */
  public TraceLint expectingRemoteParents() {
    return new TraceLint(
        levels, maxRepeatedSiblings, true, expectingOneTrace, deniedAttributes, allowedAttributes);
  }

  /**
   * This configuration expecting the spans {@linkplain #check(List) checked together} to form one
   * trace: several traces then count as several roots ({@code several_roots}), as when work handed
   * to another thread starts a new trace because the context was not passed along.
   */
  public TraceLint expectingOneTrace() {
    return new TraceLint(
        levels,
        maxRepeatedSiblings,
        expectingRemoteParents,
        true,
        deniedAttributes,
        allowedAttributes);
  }

  /**
   * This configuration with these attribute keys added to the deny list of {@code
   * sensitive_attribute}, e.g. {@code "customer.iban"}.
   *
   * @throws IllegalArgumentException if a key is null or blank
   */
  public TraceLint denyingAttributes(String... keys) {
    Set<String> denied = new LinkedHashSet<>(deniedAttributes);
    denied.addAll(keys(keys, "denyingAttributes(String... keys)"));
    return new TraceLint(
        levels,
        maxRepeatedSiblings,
        expectingRemoteParents,
        expectingOneTrace,
        denied,
        allowedAttributes);
  }

  /**
   * This configuration with these attribute keys exempt from {@code sensitive_attribute}, for a key
   * the deny list catches but that holds no secret, e.g. {@code "auth.token.expiry"}.
   *
   * @throws IllegalArgumentException if a key is null or blank
   */
  public TraceLint allowingAttributes(String... keys) {
    Set<String> allowed = new LinkedHashSet<>(allowedAttributes);
    allowed.addAll(keys(keys, "allowingAttributes(String... keys)"));
    return new TraceLint(
        levels,
        maxRepeatedSiblings,
        expectingRemoteParents,
        expectingOneTrace,
        deniedAttributes,
        allowed);
  }

  /** The rules this configuration runs, with the level of their findings. */
  public Map<LintRule, FindingLevel> rules() {
    return levels;
  }

  /** How many same-named children one span may have before {@code n_plus_one} finds it. */
  public int maxRepeatedSiblings() {
    return maxRepeatedSiblings;
  }

  /**
   * Checks one trace.
   *
   * @return the findings, rule by rule in {@link LintRule} order, each rule's in tree order
   * @throws IllegalArgumentException if {@code trace} is null
   */
  public List<Finding> check(Trace trace) {
    if (trace == null) {
      throw new IllegalArgumentException("check(Trace trace): trace must not be null");
    }
    return check(List.of(trace));
  }

  /**
   * Checks traces captured together, e.g. the traces of one test; with {@link #expectingOneTrace()}
   * several traces are a finding.
   *
   * @return the findings, rule by rule in {@link LintRule} order, each rule's in tree order
   * @throws IllegalArgumentException if {@code traces} is null or contains null
   */
  public List<Finding> check(List<Trace> traces) {
    if (traces == null || traces.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException(
          "check(List<Trace> traces): traces must not be null or contain null, but got " + traces);
    }
    LintFindings findings = new LintFindings(levels);
    PropagationRules.check(traces, this, findings);
    StatusRules.check(traces, findings);
    SpanNameRule.check(traces, findings);
    SensitiveAttributeRule.check(traces, deniedAttributes, allowedAttributes, findings);
    RepeatedSiblingsRule.check(traces, maxRepeatedSiblings, findings);
    return findings.sorted();
  }

  boolean isExpectingRemoteParents() {
    return expectingRemoteParents;
  }

  boolean isExpectingOneTrace() {
    return expectingOneTrace;
  }

  /**
   * The rules that differ from the defaults and the settings, e.g. {@code TraceLint[without
   * n_plus_one, expecting remote parents]}.
   */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (LintRule rule : LintRule.values()) {
      FindingLevel level = levels.get(rule);
      if (level == null) {
        parts.add("without " + rule.id());
      } else if (level != rule.defaultLevel()) {
        parts.add(rule.id() + " as " + level);
      }
    }
    if (maxRepeatedSiblings != DEFAULT_MAX_REPEATED_SIBLINGS) {
      parts.add("at most " + maxRepeatedSiblings + " repeated siblings");
    }
    if (expectingRemoteParents) {
      parts.add("expecting remote parents");
    }
    if (expectingOneTrace) {
      parts.add("expecting one trace");
    }
    if (!deniedAttributes.isEmpty()) {
      parts.add("denying " + deniedAttributes.stream().sorted().toList());
    }
    if (!allowedAttributes.isEmpty()) {
      parts.add("allowing " + allowedAttributes.stream().sorted().toList());
    }
    return parts.isEmpty() ? "TraceLint[defaults]" : "TraceLint[" + String.join(", ", parts) + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TraceLint that
        && levels.equals(that.levels)
        && maxRepeatedSiblings == that.maxRepeatedSiblings
        && expectingRemoteParents == that.expectingRemoteParents
        && expectingOneTrace == that.expectingOneTrace
        && deniedAttributes.equals(that.deniedAttributes)
        && allowedAttributes.equals(that.allowedAttributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        levels,
        maxRepeatedSiblings,
        expectingRemoteParents,
        expectingOneTrace,
        deniedAttributes,
        allowedAttributes);
  }

  private TraceLint withLevels(Map<LintRule, FindingLevel> newLevels) {
    Map<LintRule, FindingLevel> copy = new EnumMap<>(LintRule.class);
    copy.putAll(newLevels);
    return new TraceLint(
        copy,
        maxRepeatedSiblings,
        expectingRemoteParents,
        expectingOneTrace,
        deniedAttributes,
        allowedAttributes);
  }

  private static Map<LintRule, FindingLevel> defaultLevels() {
    Map<LintRule, FindingLevel> defaults = new EnumMap<>(LintRule.class);
    for (LintRule rule : LintRule.values()) {
      defaults.put(rule, rule.defaultLevel());
    }
    return defaults;
  }

  private static List<LintRule> rules(String[] ruleIds, String method) {
    if (ruleIds == null) {
      throw new IllegalArgumentException(method + ": ruleIds must not be null");
    }
    try {
      return Arrays.stream(ruleIds).map(LintRule::ofId).toList();
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException(method + ": " + unknown.getMessage(), unknown);
    }
  }

  private static Set<String> keys(String[] keys, String method) {
    if (keys == null) {
      throw new IllegalArgumentException(method + ": keys must not be null");
    }
    for (String key : keys) {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException(
            method + ": keys must not be null or blank, but got " + Arrays.toString(keys));
      }
    }
    return Arrays.stream(keys)
        .map(key -> key.strip().toLowerCase(Locale.ROOT))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
