package dev.spanproof.assertions;

import dev.spanproof.core.lint.Finding;
import dev.spanproof.core.lint.FindingLevel;
import dev.spanproof.core.semconv.DatabaseConventionMode;
import dev.spanproof.core.semconv.SemanticConvention;
import dev.spanproof.core.semconv.SemanticConventions;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks of spans and traces against the OpenTelemetry semantic conventions. */
final class SemanticConventionChecks {

  private SemanticConventionChecks() {}

  /** The span, judged by the convention detected for it, or by {@code stated} when not null. */
  static Optional<Failure> conforms(
      SpanNode span, Trace trace, SemanticConvention stated, SemanticConventionOptions options) {
    SemanticConventions rules = SemanticConventions.bundled();
    DatabaseConventionMode mode = options.databaseMode();
    List<Finding> findings =
        stated == null ? rules.check(span.span(), mode) : rules.check(span.span(), stated, mode);
    String conventions =
        stated == null || stated == SemanticConvention.DATABASE_CLIENT
            ? conventions(rules, stated, mode)
            : "the " + stated.title() + " semantic conventions " + rules.version();
    return failure(
        "Expecting " + Layout.span(span) + " to conform to " + conventions,
        trace,
        findings,
        options);
  }

  /** Every span of the trace, each judged by the convention detected for it. */
  static Optional<Failure> conforms(Trace trace, SemanticConventionOptions options) {
    SemanticConventions rules = SemanticConventions.bundled();
    List<SpanData> spans = trace.spans().stream().map(SpanNode::span).toList();
    List<Finding> findings = rules.check(spans, options.databaseMode());
    return failure(
        "Expecting "
            + Layout.trace(trace)
            + " to conform to "
            + conventions(rules, null, options.databaseMode()),
        trace,
        findings,
        options);
  }

  /** {@code the semantic conventions 1.43.0 (database: stable conventions)}. */
  private static String conventions(
      SemanticConventions rules, SemanticConvention stated, DatabaseConventionMode mode) {
    String which =
        stated == null
            ? "the semantic conventions "
            : "the " + stated.title() + " semantic conventions ";
    return which + rules.version() + " (database: " + modeInWords(mode) + ")";
  }

  private static String modeInWords(DatabaseConventionMode mode) {
    return switch (mode) {
      case STABLE -> "stable conventions";
      case OLD -> "old conventions";
      case DUP -> "stable and old conventions, dup mode";
    };
  }

  private static Optional<Failure> failure(
      String expecting, Trace trace, List<Finding> findings, SemanticConventionOptions options) {
    Set<FindingLevel> failing = options.failingLevels();
    return FindingsFailure.of(expecting, trace, findings, failing)
        .map(failure -> showingAttributes(failure, findings, failing));
  }

  /** Draws the attributes the failing findings are about, so the tree shows what was wrong. */
  private static Failure showingAttributes(
      Failure failure, List<Finding> findings, Set<FindingLevel> failing) {
    Set<String> keys = new LinkedHashSet<>();
    for (Finding finding : findings) {
      if (failing.contains(finding.level())) {
        finding.attribute().ifPresent(keys::add);
      }
    }
    Failure shown = failure;
    for (String key : keys) {
      shown = shown.showing(key);
    }
    return shown;
  }
}
