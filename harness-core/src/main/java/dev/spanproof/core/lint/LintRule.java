package dev.spanproof.core.lint;

import java.util.Arrays;
import java.util.Optional;

/**
 * The rules of {@link TraceLint}: the tracing pitfalls OpenTelemetry's own guides warn about. Each
 * has a stable {@linkplain #id() id}, the {@link Finding#ruleId()} of its findings, and a default
 * level; {@link TraceLint} switches rules off and changes their levels.
 */
public enum LintRule {
  /**
   * {@code orphan_span}: a span names a local parent that is not in the trace, because the parent
   * was never ended, was dropped, or the context was lost.
   */
  ORPHAN_SPAN("orphan_span", FindingLevel.VIOLATION),
  /**
   * {@code several_roots}: a trace has more than one span without a parent in it (orphans aside),
   * or, when {@linkplain TraceLint#expectingOneTrace() one trace is expected}, the spans form
   * several traces: the context did not reach the code that started a new trace.
   */
  SEVERAL_ROOTS("several_roots", FindingLevel.VIOLATION),
  /**
   * {@code server_without_remote_parent}: a {@code SERVER} span does not continue its caller's
   * context: the caller did not send {@code traceparent}, or the server did not extract it. Found
   * when the span starts a trace while a {@code CLIENT} span of another trace checked with it waits
   * for a response, and, when {@linkplain TraceLint#expectingRemoteParents() remote parents are
   * expected}, for every {@code SERVER} span without a remote parent.
   */
  SERVER_WITHOUT_REMOTE_PARENT("server_without_remote_parent", FindingLevel.VIOLATION),
  /**
   * {@code consumer_without_producer}: a {@code CONSUMER} span, or a span with {@code
   * messaging.operation.type=process}, has neither a parent nor a link: the message's context was
   * not injected by the producer or not extracted by the consumer.
   */
  CONSUMER_WITHOUT_PRODUCER("consumer_without_producer", FindingLevel.VIOLATION),
  /**
   * {@code unexplained_error}: a span's status is {@code ERROR} with no description, no recorded
   * exception and no {@code error.type}, so nobody reading the trace learns what went wrong.
   */
  UNEXPLAINED_ERROR("unexplained_error", FindingLevel.VIOLATION),
  /**
   * {@code exception_without_error}: a span recorded an exception but its status was left {@code
   * UNSET} or set to {@code OK}: usually {@code setStatus(ERROR)} was forgotten.
   */
  EXCEPTION_WITHOUT_ERROR("exception_without_error", FindingLevel.VIOLATION),
  /**
   * {@code high_cardinality_span_name}: a span name holds an id, a UUID, a long number, a full URL
   * or a query string, where it should name the kind of operation.
   */
  HIGH_CARDINALITY_SPAN_NAME("high_cardinality_span_name", FindingLevel.VIOLATION),
  /**
   * {@code sensitive_attribute}: an attribute holds a secret: its key is on the deny list ({@code
   * Authorization} and {@code Cookie} headers, passwords, tokens, card numbers, …) or its value
   * looks like a bearer token, a JSON web token or a card number. The value is never printed in
   * full.
   */
  SENSITIVE_ATTRIBUTE("sensitive_attribute", FindingLevel.VIOLATION),
  /**
   * {@code n_plus_one}: one span has more same-named children than {@linkplain
   * TraceLint#withMaxRepeatedSiblings(int) allowed}, e.g. one query per order line.
   */
  N_PLUS_ONE("n_plus_one", FindingLevel.VIOLATION);

  private final String id;
  private final FindingLevel defaultLevel;

  LintRule(String id, FindingLevel defaultLevel) {
    this.id = id;
    this.defaultLevel = defaultLevel;
  }

  /** The stable id, e.g. {@code n_plus_one}, as findings and configuration spell it. */
  public String id() {
    return id;
  }

  /** The level of the rule's findings unless {@link TraceLint#withLevel} changes it. */
  public FindingLevel defaultLevel() {
    return defaultLevel;
  }

  /**
   * The rule with this id.
   *
   * @throws IllegalArgumentException naming the known ids, if no rule has {@code id}
   */
  public static LintRule ofId(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no lint rule has the id "
                        + (id == null ? "null" : "\"" + id + "\"")
                        + "; the rules are "
                        + Arrays.stream(values()).map(LintRule::id).toList()));
  }

  private static Optional<LintRule> find(String id) {
    return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst();
  }

  /** The id. */
  @Override
  public String toString() {
    return id;
  }
}
