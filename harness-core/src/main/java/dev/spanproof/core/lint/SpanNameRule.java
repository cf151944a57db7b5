package dev.spanproof.core.lint;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Span names that name one instance instead of a kind of operation. The specification: "The span
 * name SHOULD be the most general string that identifies a (statistically) interesting class of
 * Spans, rather than individual Span instances", e.g. {@code get_account/{accountId}}, not {@code
 * get_account/42} (OpenTelemetry specification, trace/api.md, "Span").
 */
final class SpanNameRule {

  /** The shapes of a value in a name, the first that matches is reported. */
  private enum Shape {
    FULL_URL("a full URL", "[a-zA-Z][a-zA-Z0-9+.-]*://\\S+", false),
    QUERY_STRING("a query string", "\\?\\S*=", false),
    UUID("a UUID", "(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b", true),
    // Trace and span ids, MongoDB ObjectIds, hashes: 16 hex characters or more, a digit among them.
    HEX_ID("an id in hex", "(?i)\\b(?=[0-9a-f]*[0-9])[0-9a-f]{16,}\\b", true),
    // A path segment that is only digits (/orders/42), or any run of six digits or more.
    NUMBER("a number", "(?<=/)\\d+(?=/|$)|\\d{6,}", true);

    private final String description;
    private final Pattern pattern;
    private final boolean quoteMatch;

    Shape(String description, String regex, boolean quoteMatch) {
      this.description = description;
      this.pattern = Pattern.compile(regex);
      this.quoteMatch = quoteMatch;
    }
  }

  private SpanNameRule() {}

  static void check(List<Trace> traces, LintFindings findings) {
    if (!findings.isOn(LintRule.HIGH_CARDINALITY_SPAN_NAME)) {
      return;
    }
    for (Trace trace : traces) {
      for (SpanNode node : trace.spans()) {
        valueIn(node.name())
            .ifPresent(
                value ->
                    findings.about(
                        LintRule.HIGH_CARDINALITY_SPAN_NAME,
                        node.span(),
                        null,
                        "the name holds "
                            + value
                            + ", so every call gets a name of its own: name the kind of"
                            + " operation (e.g. by route or template) and put values in"
                            + " attributes"));
      }
    }
  }

  /** What kind of value the name holds, e.g. {@code a number (42)}. */
  private static Optional<String> valueIn(String name) {
    for (Shape shape : Shape.values()) {
      Matcher matcher = shape.pattern.matcher(name);
      if (matcher.find()) {
        return Optional.of(
            shape.quoteMatch
                ? shape.description + " (" + matcher.group() + ")"
                : shape.description);
      }
    }
    return Optional.empty();
  }
}
