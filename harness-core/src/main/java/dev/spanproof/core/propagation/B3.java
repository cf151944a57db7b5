package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.Headers.quote;

import java.util.ArrayList;
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
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String value = firstValue(headers, SINGLE, problems);
    if (value == null) {
      return new B3Validation(
          PropagationFormat.B3_SINGLE, null, null, null, false, problems, warnings);
    }
    value = Headers.trimOws(value);
    if (value.length() == 1) {
      return samplingOnly(value, problems, warnings);
    }
    String[] fields = value.split("-", -1);
    if (fields.length < 2 || fields.length > 4) {
      problems.add(
          "b3: value "
              + quote(value)
              + " has "
              + fields.length
              + " dash-separated fields, but B3 requires"
              + " {TraceId}-{SpanId}[-{SamplingState}[-{ParentSpanId}]] or a sampling state alone");
      return new B3Validation(
          PropagationFormat.B3_SINGLE, null, null, null, false, problems, warnings);
    }
    int before = problems.size();
    checkTraceId(SINGLE + ": TraceId", fields[0], problems);
    checkSpanId(SINGLE + ": SpanId", fields[1], problems);
    if (fields.length == 4) {
      checkSpanId(SINGLE + ": ParentSpanId", fields[3], problems);
    }
    boolean idsValid = problems.size() == before;
    Boolean sampled = null;
    boolean debug = false;
    if (fields.length >= 3) {
      switch (fields[2]) {
        case "1" -> sampled = true;
        case "0" -> sampled = false;
        case "d" -> debug = true;
        default ->
            problems.add(
                "b3: SamplingState "
                    + quote(fields[2])
                    + " is not 0, 1 or d, the only sampling states B3 defines;"
                    + " a receiver ignores the whole value");
      }
    }
    idsValid &= problems.size() == before;
    return new B3Validation(
        PropagationFormat.B3_SINGLE,
        idsValid ? pad(fields[0]) : null,
        idsValid ? fields[1] : null,
        idsValid ? sampled : null,
        idsValid && debug,
        problems,
        warnings);
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
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (MULTI.stream().allMatch(name -> Headers.values(headers, name).isEmpty())) {
      problems.add("X-B3-*: no B3 multiple headers were received");
      return new B3Validation(
          PropagationFormat.B3_MULTI, null, null, null, false, problems, warnings);
    }
    String traceId = firstValue(headers, TRACE_ID, problems);
    String spanId = firstValue(headers, SPAN_ID, problems);
    String parentSpanId = firstValue(headers, PARENT_SPAN_ID, problems);
    String sampledValue = firstValue(headers, SAMPLED, problems);
    String flagsValue = firstValue(headers, FLAGS, problems);
    int before = problems.size();
    if (traceId != null && spanId == null) {
      problems.add(SPAN_ID + ": header is missing, but B3 requires it together with " + TRACE_ID);
    } else if (spanId != null && traceId == null) {
      problems.add(TRACE_ID + ": header is missing, but B3 requires it together with " + SPAN_ID);
    }
    traceId = traceId == null ? null : Headers.trimOws(traceId);
    spanId = spanId == null ? null : Headers.trimOws(spanId);
    if (traceId != null) {
      checkTraceId(TRACE_ID + ":", traceId, problems);
    }
    if (spanId != null) {
      checkSpanId(SPAN_ID + ":", spanId, problems);
    }
    if (parentSpanId != null) {
      checkSpanId(PARENT_SPAN_ID + ":", Headers.trimOws(parentSpanId), problems);
    }
    boolean idsValid = traceId != null && spanId != null && problems.size() == before;
    boolean debug = flagsValue != null && Headers.trimOws(flagsValue).equals("1");
    if (flagsValue != null && !debug) {
      warnings.add(
          FLAGS + ": value " + quote(flagsValue) + " is ignored; B3 defines only 1 (debug)");
    }
    Boolean sampled = null;
    if (sampledValue != null) {
      sampled = sampled(Headers.trimOws(sampledValue), problems);
      if (debug) {
        problems.add(
            SAMPLED
                + ": sent together with "
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
        problems,
        warnings);
  }

  private static B3Validation samplingOnly(
      String value, List<String> problems, List<String> warnings) {
    Boolean sampled = null;
    boolean debug = false;
    switch (value) {
      case "1" -> sampled = true;
      case "0" -> sampled = false;
      case "d" -> debug = true;
      default ->
          problems.add(
              "b3: value "
                  + quote(value)
                  + " is neither a sampling state (0, 1 or d) nor"
                  + " {TraceId}-{SpanId}[-{SamplingState}[-{ParentSpanId}]]");
    }
    return new B3Validation(
        PropagationFormat.B3_SINGLE, null, null, sampled, debug, problems, warnings);
  }

  private static Boolean sampled(String value, List<String> problems) {
    switch (value) {
      case "1" -> {
        return true;
      }
      case "0" -> {
        return false;
      }
      case "true", "false" -> {
        problems.add(
            SAMPLED
                + ": value "
                + quote(value)
                + " should be 1 or 0; B3 lets only lenient receivers accept true and false");
        return value.equals("true");
      }
      default -> {
        problems.add(
            SAMPLED
                + ": value "
                + quote(value)
                + " is not 1 or 0, so a receiver treats the sampling decision as deferred");
        return null;
      }
    }
  }

  /** The first value, as B3 says the first value wins; reports repeats and nulls. */
  private static String firstValue(
      Map<String, List<String>> headers, String name, List<String> problems) {
    List<String> values = Headers.values(headers, name);
    if (values.size() > 1) {
      problems.add(
          name
              + ": header occurs "
              + values.size()
              + " times; B3 says the first value wins, but receivers that read another one"
              + " disagree");
    }
    if (values.isEmpty()) {
      if (name.equals(SINGLE)) {
        problems.add("b3: header is missing");
      }
      return null;
    }
    if (values.get(0) == null) {
      problems.add(name + ": value is null");
    }
    return values.get(0);
  }

  private static void checkTraceId(String part, String value, List<String> problems) {
    if (value.length() != 16 && value.length() != 32) {
      problems.add(
          part
              + " "
              + quote(value)
              + " has "
              + value.length()
              + " characters, but B3 requires 16 or 32 lowercase hex characters");
    } else {
      checkHexAndNonZero(part, value, problems);
    }
  }

  private static void checkSpanId(String part, String value, List<String> problems) {
    if (value.length() != 16) {
      problems.add(
          part
              + " "
              + quote(value)
              + " has "
              + value.length()
              + " characters, but B3 requires 16 lowercase hex characters");
    } else {
      checkHexAndNonZero(part, value, problems);
    }
  }

  private static void checkHexAndNonZero(String part, String value, List<String> problems) {
    int bad = Headers.firstNonLowerHex(value);
    if (bad >= 0) {
      problems.add(
          part
              + " "
              + quote(value)
              + " contains "
              + quote(value.charAt(bad))
              + ", but B3 allows only lowercase hex characters (0-9, a-f)");
    } else if (Headers.isAllZeros(value)) {
      problems.add(
          part
              + " "
              + quote(value)
              + " is all zeros, which Zipkin and OpenTelemetry treat as no id");
    }
  }

  private static String pad(String traceId) {
    return traceId.length() == 32 ? traceId : PADDING + traceId;
  }
}
