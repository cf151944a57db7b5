package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.Headers.quote;

import dev.spanproof.core.propagation.HeaderProblem.Kind;
import java.util.List;
import java.util.Map;

/**
 * Checks B3 headers as described by the openzipkin/b3-propagation specification: the single {@code
 * b3} header and the multiple {@code X-B3-*} headers.
 */
public final class B3 {

  static final String SINGLE = "b3";
  static final String TRACE_ID = "X-B3-TraceId";
  static final String SPAN_ID = "X-B3-SpanId";
  static final String PARENT_SPAN_ID = "X-B3-ParentSpanId";
  static final String SAMPLED = "X-B3-Sampled";
  static final String FLAGS = "X-B3-Flags";
  static final List<String> MULTI = List.of(TRACE_ID, SPAN_ID, PARENT_SPAN_ID, SAMPLED, FLAGS);

  private static final String PADDING = "0000000000000000";
  private static final String SPEC = "B3";
  private static final String WHEN_ZERO =
      " is all zeros, which Zipkin and OpenTelemetry treat as no id";

  private B3() {}

  /**
   * Checks the {@code b3} header: {@code {TraceId}-{SpanId}[-{SamplingState}[-{ParentSpanId}]]}, or
   * a sampling state ({@code 0}, {@code 1}, {@code d}) alone.
   *
   * @param headers header names (any case) to all their values, in received order
   * @return the validation; never {@code null}
   * @throws IllegalArgumentException if {@code headers} is {@code null}
   */
  public static B3Validation validateSingle(Map<String, List<String>> headers) {
    Headers.requireNonNull(headers);
    Findings findings = new Findings();
    String value = firstValue(findings.occurrences(headers, SINGLE, ""), SINGLE, findings);
    if (value == null) {
      return new B3Validation(PropagationFormat.B3_SINGLE, null, null, null, false, findings);
    }
    value = Headers.trimOws(value);
    if (value.length() == 1) {
      return samplingOnly(value, findings);
    }
    String[] fields = value.split("-", -1);
    if (fields.length < 2 || fields.length > 4) {
      findings.problem(
          SINGLE,
          Kind.MALFORMED,
          "value "
              + quote(value)
              + " has "
              + fields.length
              + " dash-separated fields, but B3 requires"
              + " {TraceId}-{SpanId}[-{SamplingState}[-{ParentSpanId}]] or a sampling state alone");
      return new B3Validation(PropagationFormat.B3_SINGLE, null, null, null, false, findings);
    }
    int mark = findings.mark();
    traceId("TraceId").check(SINGLE, fields[0], findings);
    spanId("SpanId").check(SINGLE, fields[1], findings);
    if (fields.length == 4) {
      spanId("ParentSpanId").check(SINGLE, fields[3], findings);
    }
    Boolean sampled = null;
    boolean debug = false;
    if (fields.length >= 3) {
      switch (fields[2]) {
        case "1" -> sampled = true;
        case "0" -> sampled = false;
        case "d" -> debug = true;
        default ->
            findings.problem(
                SINGLE,
                Kind.INVALID_SAMPLING,
                "SamplingState "
                    + quote(fields[2])
                    + " is not 0, 1 or d, the only sampling states B3 defines;"
                    + " a receiver ignores the whole value");
      }
    }
    boolean idsValid = !findings.addedSince(mark);
    return new B3Validation(
        PropagationFormat.B3_SINGLE,
        idsValid ? pad(fields[0]) : null,
        idsValid ? fields[1] : null,
        idsValid ? sampled : null,
        idsValid && debug,
        findings);
  }

  /**
   * Checks the {@code X-B3-TraceId}, {@code X-B3-SpanId}, {@code X-B3-ParentSpanId}, {@code
   * X-B3-Sampled} and {@code X-B3-Flags} headers.
   *
   * @param headers header names (any case) to all their values, in received order
   * @return the validation; never {@code null}
   * @throws IllegalArgumentException if {@code headers} is {@code null}
   */
  public static B3Validation validateMulti(Map<String, List<String>> headers) {
    Headers.requireNonNull(headers);
    Findings findings = new Findings();
    if (MULTI.stream().allMatch(name -> Headers.values(headers, name).isEmpty())) {
      findings.problem("X-B3-*", Kind.MISSING, "no B3 multiple headers were received");
      return new B3Validation(PropagationFormat.B3_MULTI, null, null, null, false, findings);
    }
    String traceId = firstValue(Headers.values(headers, TRACE_ID), TRACE_ID, findings);
    String spanId = firstValue(Headers.values(headers, SPAN_ID), SPAN_ID, findings);
    String parentSpanId =
        firstValue(Headers.values(headers, PARENT_SPAN_ID), PARENT_SPAN_ID, findings);
    String sampledValue = firstValue(Headers.values(headers, SAMPLED), SAMPLED, findings);
    String flagsValue = firstValue(Headers.values(headers, FLAGS), FLAGS, findings);
    int mark = findings.mark();
    if (traceId != null && spanId == null) {
      findings.missing(SPAN_ID, ", but B3 requires it together with " + TRACE_ID);
    } else if (spanId != null && traceId == null) {
      findings.missing(TRACE_ID, ", but B3 requires it together with " + SPAN_ID);
    }
    traceId = traceId == null ? null : Headers.trimOws(traceId);
    spanId = spanId == null ? null : Headers.trimOws(spanId);
    if (traceId != null) {
      traceId("").check(TRACE_ID, traceId, findings);
    }
    if (spanId != null) {
      spanId("").check(SPAN_ID, spanId, findings);
    }
    if (parentSpanId != null) {
      spanId("").check(PARENT_SPAN_ID, Headers.trimOws(parentSpanId), findings);
    }
    boolean idsValid = traceId != null && spanId != null && !findings.addedSince(mark);
    boolean debug = flagsValue != null && Headers.trimOws(flagsValue).equals("1");
    if (flagsValue != null && !debug) {
      findings.warning(
          FLAGS, "value " + quote(flagsValue) + " is ignored; B3 defines only 1 (debug)");
    }
    Boolean sampled = null;
    if (sampledValue != null) {
      sampled = sampled(Headers.trimOws(sampledValue), findings);
      if (debug) {
        findings.problem(
            SAMPLED,
            Kind.INCONSISTENT,
            "sent together with "
                + FLAGS
                + ": 1, but debug implies accept, so B3 says not to send "
                + SAMPLED
                + " as well");
      }
    }
    return new B3Validation(
        PropagationFormat.B3_MULTI,
        idsValid ? pad(traceId) : null,
        idsValid ? spanId : null,
        sampled,
        debug,
        findings);
  }

  private static B3Validation samplingOnly(String value, Findings findings) {
    Boolean sampled = null;
    boolean debug = false;
    switch (value) {
      case "1" -> sampled = true;
      case "0" -> sampled = false;
      case "d" -> debug = true;
      default ->
          findings.problem(
              SINGLE,
              Kind.MALFORMED,
              "value "
                  + quote(value)
                  + " is neither a sampling state (0, 1 or d) nor"
                  + " {TraceId}-{SpanId}[-{SamplingState}[-{ParentSpanId}]]");
    }
    return new B3Validation(PropagationFormat.B3_SINGLE, null, null, sampled, debug, findings);
  }

  private static Boolean sampled(String value, Findings findings) {
    switch (value) {
      case "1" -> {
        return true;
      }
      case "0" -> {
        return false;
      }
      case "true", "false" -> {
        findings.problem(
            SAMPLED,
            Kind.INVALID_SAMPLING,
            "value "
                + quote(value)
                + " should be 1 or 0; B3 lets only lenient receivers accept true and false");
        return value.equals("true");
      }
      default -> {
        findings.problem(
            SAMPLED,
            Kind.INVALID_SAMPLING,
            "value "
                + quote(value)
                + " is not 1 or 0, so a receiver treats the sampling decision as deferred");
        return null;
      }
    }
  }

  /**
   * The first of a header's values, as B3 says the first value wins; reports repeats and nulls.
   * Null when the header was not received or its first value is null.
   */
  private static String firstValue(List<String> values, String name, Findings findings) {
    if (values.size() > 1) {
      findings.problem(
          name,
          Kind.REPEATED,
          "header occurs "
              + values.size()
              + " times; B3 says the first value wins, but receivers that read another one"
              + " disagree");
    }
    if (values.isEmpty() || !findings.isNotNull(name, values.get(0))) {
      return null;
    }
    return values.get(0);
  }

  /** A 64- or 128-bit trace id, named {@code name} in messages. */
  private static HexField traceId(String name) {
    return new HexField(SPEC, name, n -> n == 16 || n == 32, "16 or 32", WHEN_ZERO);
  }

  /** A 64-bit span id, named {@code name} in messages. */
  private static HexField spanId(String name) {
    return new HexField(SPEC, name, n -> n == 16, "16", WHEN_ZERO);
  }

  private static String pad(String traceId) {
    return traceId.length() == 32 ? traceId : PADDING + traceId;
  }
}
