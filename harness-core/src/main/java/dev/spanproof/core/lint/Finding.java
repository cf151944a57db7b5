package dev.spanproof.core.lint;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a rule found in captured spans: how much it matters, the id of the rule, the spans it
 * is about, the attribute (if it is about one) and one sentence that states the rule and what was
 * seen, e.g. {@code http.method is deprecated: use http.request.method}.
 *
 * <p>Rule ids are stable and snake_case ({@code missing_attribute}, {@code deprecated}, {@code
 * span_name}, {@code orphan_span}, …), so that a test can switch a rule off or pick findings by id.
 */
public final class Finding {

  private final FindingLevel level;
  private final String ruleId;
  private final List<SpanData> spans;
  private final String attribute;
  private final String message;

  private Finding(
      FindingLevel level, String ruleId, List<SpanData> spans, String attribute, String message) {
    this.level = requireNonNull(level, "level");
    this.ruleId = requireNonNull(ruleId, "ruleId");
    this.spans = List.copyOf(requireNonNull(spans, "spans"));
    this.attribute = attribute;
    this.message = requireNonNull(message, "message");
  }

  /**
   * A finding about one span.
   *
   * @param attribute the attribute the finding is about, or {@code null} when it is about the span
   */
  public static Finding about(
      SpanData span, FindingLevel level, String ruleId, String attribute, String message) {
    return new Finding(level, ruleId, List.of(requireNonNull(span, "span")), attribute, message);
  }

  /** A finding about several spans together, e.g. the roots of a trace that should have one. */
  public static Finding aboutSpans(
      List<SpanData> spans, FindingLevel level, String ruleId, String message) {
    return new Finding(level, ruleId, spans, null, message);
  }

  /** How much the finding matters. */
  public FindingLevel level() {
    return level;
  }

  /** The id of the rule that made the finding, e.g. {@code deprecated}. */
  public String ruleId() {
    return ruleId;
  }

  /**
   * The spans the finding is about, in the order the rule saw them; never empty for a span rule.
   */
  public List<SpanData> spans() {
    return spans;
  }

  /** The attribute the finding is about, if it is about one. */
  public Optional<String> attribute() {
    return Optional.ofNullable(attribute);
  }

  /** One sentence that states the rule and what was seen. */
  public String message() {
    return message;
  }

  /** {@code level rule_id [span name]: message}, the line listed under a failure's trace. */
  @Override
  public String toString() {
    StringBuilder line = new StringBuilder().append(level).append(' ').append(ruleId);
    if (!spans.isEmpty()) {
      line.append(" [").append(spans.get(0).getName());
      if (spans.size() > 1) {
        line.append(" and ").append(spans.size() - 1).append(" more");
      }
      line.append(']');
    }
    return line.append(": ").append(message).toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Finding that
        && level == that.level
        && ruleId.equals(that.ruleId)
        && spans.equals(that.spans)
        && Objects.equals(attribute, that.attribute)
        && message.equals(that.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(level, ruleId, spans, attribute, message);
  }

  private static <T> T requireNonNull(T value, String parameter) {
    return Objects.requireNonNull(value, () -> "Finding: " + parameter + " must not be null");
  }
}
