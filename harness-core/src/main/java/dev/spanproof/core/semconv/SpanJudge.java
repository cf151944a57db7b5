package dev.spanproof.core.semconv;

import dev.spanproof.core.lint.Finding;
import dev.spanproof.core.lint.FindingLevel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Applies the rules of a {@link RuleFile} to one span, in one database mode. */
final class SpanJudge {

  /** Above this many listed values, a finding counts them rather than listing them. */
  private static final int LISTED_VALUES = 12;

  private final RuleFile rules;
  private final DatabaseConventionMode mode;

  SpanJudge(RuleFile rules, DatabaseConventionMode mode) {
    this.rules = rules;
    this.mode = mode;
  }

  /** Which convention the span follows, from its attributes first, then its kind. */
  Typing detect(SpanData span) {
    Attributes attributes = span.getAttributes();
    Set<SemanticConvention> matching = new LinkedHashSet<>();
    for (ConventionRules convention : rules.conventions()) {
      if (convention.detection().matches(attributes)) {
        matching.add(convention.convention());
      }
    }
    // A type no convention names (messaging's pre-1.27 "publish") must not leave the span unjudged:
    // the kind decides among the conventions its other attributes fit, or the finding says why not.
    String unknownType = null;
    if (matching.isEmpty()) {
      for (ConventionRules convention : rules.conventions()) {
        if (convention.detection().matchesIgnoringType(attributes)) {
          matching.add(convention.convention());
          unknownType = convention.detection().typeAttribute();
        }
      }
    }
    for (ConventionRules convention : rules.conventions()) {
      if (matching.contains(convention.convention()) && convention.detection().refines() != null) {
        matching.remove(convention.detection().refines());
      }
    }
    if (matching.isEmpty()) {
      return Typing.NONE;
    }
    List<SemanticConvention> byKind =
        matching.stream()
            .filter(c -> rulesFor(c).get(0).spanKinds().contains(span.getKind()))
            .toList();
    if (byKind.size() == 1) {
      return new Typing(byKind.get(0), null);
    }
    if (byKind.isEmpty() && matching.size() == 1) {
      return new Typing(matching.iterator().next(), null);
    }
    List<SemanticConvention> candidates = byKind.isEmpty() ? List.copyOf(matching) : byKind;
    String choices =
        candidates.stream()
            .map(c -> c.title() + " (" + kinds(rulesFor(c).get(0).spanKinds()) + ")")
            .collect(Collectors.joining(" or "));
    String unnamed =
        unknownType == null
            ? ""
            : " (its "
                + unknownType
                + " "
                + quote(String.valueOf(value(attributes, unknownType)))
                + " names none of them)";
    String message =
        byKind.isEmpty()
            ? "span kind is " + span.getKind() + " but its attributes make it " + choices + unnamed
            : "cannot tell which convention this span follows: it could be "
                + choices
                + unnamed
                + "; state it with conformsTo(SemanticConvention)";
    return new Typing(
        null,
        Finding.about(
            span,
            FindingLevel.VIOLATION,
            byKind.isEmpty() ? "span_kind" : "ambiguous_type",
            null,
            message));
  }

  /** Every finding about {@code span} judged by {@code convention}, or by no convention if null. */
  List<Finding> judge(SpanData span, SemanticConvention convention) {
    List<Finding> findings = new ArrayList<>();
    List<ConventionRules> judging = convention == null ? List.of() : rulesFor(convention);
    if (!judging.isEmpty()) {
      checkKind(span, judging.get(0), findings);
      checkName(span, judging, findings);
      for (ConventionRules rules : judging) {
        checkStatus(span, rules, findings);
        checkAttributes(span, rules, findings);
      }
    } else {
      MicrometerKeys.check(span).ifPresent(findings::add);
    }
    checkDeprecated(span, judging, findings);
    return findings;
  }

  /** The rule sets a convention is judged by in this mode: two for the database in dup mode. */
  List<ConventionRules> rulesFor(SemanticConvention convention) {
    List<ConventionRules> found = new ArrayList<>();
    for (ConventionRules rules : this.rules.conventions()) {
      if (rules.convention() == convention
          && (rules.databaseMode() == null
              || rules.databaseMode() == mode
              || (mode == DatabaseConventionMode.DUP))) {
        found.add(rules);
      }
    }
    return found;
  }

  private void checkKind(SpanData span, ConventionRules rules, List<Finding> findings) {
    if (!rules.spanKinds().contains(span.getKind())) {
      findings.add(
          violation(
              span,
              "span_kind",
              null,
              "span kind is "
                  + span.getKind()
                  + " but "
                  + spans(rules)
                  + " are "
                  + kinds(rules.spanKinds())));
    }
  }

  private void checkName(SpanData span, List<ConventionRules> judging, List<Finding> findings) {
    List<String> preferred = new ArrayList<>();
    List<String> alsoAccepted = new ArrayList<>();
    List<String> described = new ArrayList<>();
    for (ConventionRules rules : judging) {
      List<Map.Entry<String, String>> names = rules.spanName().namesFor(span.getAttributes());
      if (names.isEmpty()) {
        continue;
      }
      preferred.add(names.get(0).getValue());
      described.add(names.get(0).getKey() + ": " + quote(names.get(0).getValue()));
      names.subList(1, names.size()).forEach(name -> alsoAccepted.add(name.getValue()));
    }
    String name = span.getName();
    if (preferred.isEmpty() || preferred.contains(name)) {
      return;
    }
    boolean acceptable = alsoAccepted.contains(name);
    String message =
        "span name is "
            + quote(name)
            + " but "
            + spans(judging.get(0))
            + (acceptable ? " are better named " : " are named ")
            + String.join(" or ", described)
            + (!acceptable && holdsRawPath(span)
                ? " (the raw URL path is never part of the name)"
                : "");
    findings.add(
        Finding.about(
            span,
            acceptable ? FindingLevel.IMPROVEMENT : FindingLevel.VIOLATION,
            "span_name",
            null,
            message));
  }

  /** Whether the name holds the request's path: HTTP names must use a route or template instead. */
  private static boolean holdsRawPath(SpanData span) {
    String path = span.getAttributes().get(AttributeKey.stringKey("url.path"));
    String full = span.getAttributes().get(AttributeKey.stringKey("url.full"));
    if (path == null && full != null) {
      try {
        path = URI.create(full).getRawPath();
      } catch (IllegalArgumentException notAUri) {
        return false;
      }
    }
    return path != null && path.length() > 1 && span.getName().contains(path);
  }

  private void checkStatus(SpanData span, ConventionRules rules, List<Finding> findings) {
    StatusRule rule = rules.spanStatus();
    if (rule == null) {
      return;
    }
    Object value = value(span.getAttributes(), rule.attribute());
    if (value == null) {
      return;
    }
    StatusCode status = span.getStatus().getStatusCode();
    String with = spans(rules) + " with " + rule.attribute() + " " + value;
    if (rule.isError(value) && status != StatusCode.ERROR) {
      findings.add(
          violation(
              span,
              "span_status",
              rule.attribute(),
              "status is "
                  + status
                  + " but "
                  + with
                  + " must be ERROR (errors are "
                  + rule.errorsInWords()
                  + ")"));
    } else if (!rule.isError(value)
        && status == StatusCode.ERROR
        && !recordsOtherError(span, value)) {
      findings.add(
          violation(
              span,
              "span_status",
              rule.attribute(),
              "status is ERROR but "
                  + with
                  + " must leave it unset unless error.type records another error (errors are "
                  + rule.errorsInWords()
                  + ")"));
    }
  }

  /** Whether error.type names an error other than the status code, e.g. a failed body read. */
  private static boolean recordsOtherError(SpanData span, Object statusValue) {
    String errorType = span.getAttributes().get(AttributeKey.stringKey("error.type"));
    return errorType != null && !errorType.equals(statusValue.toString());
  }

  private void checkAttributes(SpanData span, ConventionRules rules, List<Finding> findings) {
    Attributes attributes = span.getAttributes();
    for (AttributeRule rule : rules.attributes()) {
      List<String> present =
          attributes.asMap().keySet().stream()
              .map(AttributeKey::getKey)
              .filter(rule::matches)
              .sorted()
              .toList();
      if (present.isEmpty()) {
        checkMissing(span, rules, rule, findings);
      }
      for (String key : present) {
        checkValue(span, rules, rule, key, findings);
      }
    }
  }

  private void checkMissing(
      SpanData span, ConventionRules rules, AttributeRule rule, List<Finding> findings) {
    AttributeRule.Condition when = rule.when();
    boolean holds =
        when != null
            && (when.failed()
                ? span.getStatus().getStatusCode() == StatusCode.ERROR
                : value(span.getAttributes(), when.present()) != null);
    String which =
        when == null
            ? ""
            : when.failed() ? " whose status is ERROR" : " that have " + when.present();
    String message = rule.name() + " is %s for " + spans(rules) + which + " but missing";
    switch (rule.requirement()) {
      case REQUIRED ->
          findings.add(
              violation(span, "missing_attribute", rule.name(), message.formatted("required")));
      case CONDITIONALLY_REQUIRED -> {
        if (holds) {
          findings.add(
              violation(span, "missing_attribute", rule.name(), message.formatted("required")));
        }
      }
      case RECOMMENDED -> {
        // A condition only in words ("if the request was retried") cannot be judged: no finding.
        if (holds || (when == null && rule.condition() == null)) {
          findings.add(
              Finding.about(
                  span,
                  FindingLevel.IMPROVEMENT,
                  "missing_attribute",
                  rule.name(),
                  message.formatted("recommended")));
        }
      }
      case OPT_IN -> {}
    }
  }

  private void checkValue(
      SpanData span,
      ConventionRules rules,
      AttributeRule rule,
      String key,
      List<Finding> findings) {
    Map.Entry<AttributeKey<?>, Object> entry = entry(span.getAttributes(), key);
    String actualType = typeName(entry.getKey().getType());
    if (!actualType.equals(rule.type())) {
      findings.add(
          violation(
              span,
              "type_mismatch",
              key,
              key
                  + " is "
                  + article(rule.type())
                  + " in "
                  + spans(rules)
                  + " but here "
                  + article(actualType)
                  + ": "
                  + show(entry.getValue())));
      return;
    }
    if (rule.enumValues().isEmpty() || rule.enumValues().contains(entry.getValue().toString())) {
      return;
    }
    String listed =
        rule.enumValues().size() <= LISTED_VALUES
            ? ": " + String.join(", ", rule.enumValues())
            : " (" + rule.enumValues().size() + " values)";
    findings.add(
        Finding.about(
            span,
            rule.closedEnum() ? FindingLevel.VIOLATION : FindingLevel.INFORMATION,
            "undefined_enum_value",
            key,
            key
                + " "
                + show(entry.getValue())
                + (rule.closedEnum()
                    ? " is none of the values "
                    : " is none of the values listed for ")
                + spans(rules)
                + (rule.closedEnum() ? " allow" : "")
                + listed));
  }

  private void checkDeprecated(
      SpanData span, List<ConventionRules> judging, List<Finding> findings) {
    // In the old and dup modes, the database's old names are expected, not deprecated.
    List<ConventionRules> expectingOldNames =
        judging.stream().filter(r -> r.databaseMode() == DatabaseConventionMode.OLD).toList();
    boolean database = !judging.isEmpty() && judging.get(0).databaseMode() != null;
    // By name: the SDK's attribute maps iterate in no stable order, findings must.
    List<String> keys =
        span.getAttributes().asMap().keySet().stream().map(AttributeKey::getKey).sorted().toList();
    for (String key : keys) {
      if (expectingOldNames.stream().anyMatch(rules -> rules.knows(key))) {
        continue;
      }
      for (DeprecatedAttribute deprecated : rules.deprecated()) {
        if (deprecated.matches(key)) {
          String where = database ? " in the stable database conventions" : "";
          findings.add(
              violation(
                  span,
                  "deprecated",
                  key,
                  key + " is deprecated" + where + ": " + deprecated.advice(key)));
        }
      }
    }
  }

  /** {@code HTTP client spans}, {@code database client spans (stable conventions)}, … */
  String spans(ConventionRules rules) {
    String phrase = rules.convention().title() + " spans";
    if (rules.databaseMode() != null) {
      String which = rules.databaseMode().description();
      return phrase
          + (mode == DatabaseConventionMode.DUP
              ? " (dup mode: " + which + ")"
              : " (" + which + ")");
    }
    return "development".equals(rules.status()) ? phrase + " (Development status)" : phrase;
  }

  private static String kinds(Set<SpanKind> kinds) {
    return kinds.stream().map(SpanKind::name).collect(Collectors.joining(" or "));
  }

  private static Object value(Attributes attributes, String key) {
    Map.Entry<AttributeKey<?>, Object> entry = entry(attributes, key);
    return entry == null ? null : entry.getValue();
  }

  private static Map.Entry<AttributeKey<?>, Object> entry(Attributes attributes, String key) {
    for (Map.Entry<AttributeKey<?>, Object> entry : attributes.asMap().entrySet()) {
      if (entry.getKey().getKey().equals(key)) {
        return entry;
      }
    }
    return null;
  }

  private static String typeName(AttributeType type) {
    return switch (type) {
      case STRING -> "string";
      case LONG -> "int";
      case DOUBLE -> "double";
      case BOOLEAN -> "boolean";
      case STRING_ARRAY -> "string[]";
      case LONG_ARRAY -> "int[]";
      case DOUBLE_ARRAY -> "double[]";
      case BOOLEAN_ARRAY -> "boolean[]";
      default -> type.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String article(String type) {
    return (type.startsWith("int") ? "an " : "a ") + type;
  }

  private static String show(Object value) {
    return value instanceof String text ? quote(text) : String.valueOf(value);
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }

  private static Finding violation(SpanData span, String ruleId, String attribute, String message) {
    return Finding.about(span, FindingLevel.VIOLATION, ruleId, attribute, message);
  }
}
