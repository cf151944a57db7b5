package dev.spanproof.core.semconv;

import io.opentelemetry.api.trace.SpanKind;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one convention says about its spans, as read from the rules file.
 *
 * @param databaseMode for the database client: the set of names these rules are ({@link
 *     DatabaseConventionMode#STABLE} or {@link DatabaseConventionMode#OLD}); else null
 * @param status {@code stable}, {@code release_candidate} or {@code development}
 * @param spanStatus the status rule, or null when the convention has none beyond error.type
 */
record ConventionRules(
    SemanticConvention convention,
    DatabaseConventionMode databaseMode,
    String status,
    Detection detection,
    Set<SpanKind> spanKinds,
    SpanNameRule spanName,
    StatusRule spanStatus,
    List<AttributeRule> attributes) {

  ConventionRules {
    // In the file's order, which findings keep.
    spanKinds = Collections.unmodifiableSet(new LinkedHashSet<>(spanKinds));
    attributes = List.copyOf(attributes);
  }

  /** Whether {@code key} is an attribute these rules name. */
  boolean knows(String key) {
    return attributes.stream().anyMatch(rule -> rule.matches(key));
  }
}
