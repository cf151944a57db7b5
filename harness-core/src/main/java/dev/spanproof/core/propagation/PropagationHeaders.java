package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.Headers.quote;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Inspects every trace-context format a request carries and checks that they agree, since a
 * receiver with several propagators continues whichever runs first.
 */
public final class PropagationHeaders {

  private PropagationHeaders() {}

  /**
   * Validates each format present in the headers, the baggage if sent, and compares the formats.
   *
   * @param headers header names (any case) to all their values, in received order
   * @return the report; never {@code null}
   * @throws IllegalArgumentException if {@code headers} is {@code null}
   */
  public static PropagationReport inspect(Map<String, List<String>> headers) {
    Headers.requireNonNull(headers);
    Map<PropagationFormat, TraceHeaderValidation> validations =
        new EnumMap<>(PropagationFormat.class);
    if (Headers.isPresent(headers, TraceContext.TRACEPARENT)
        || Headers.isPresent(headers, TraceContext.TRACESTATE)) {
      validations.put(PropagationFormat.W3C, TraceContext.validate(headers));
    }
    if (Headers.isPresent(headers, B3.SINGLE)) {
      validations.put(PropagationFormat.B3_SINGLE, B3.validateSingle(headers));
    }
    if (B3.MULTI.stream().anyMatch(name -> Headers.isPresent(headers, name))) {
      validations.put(PropagationFormat.B3_MULTI, B3.validateMulti(headers));
    }
    if (Headers.isPresent(headers, Jaeger.HEADER)) {
      validations.put(PropagationFormat.JAEGER, Jaeger.validate(headers));
    }
    BaggageValidation baggage =
        Headers.isPresent(headers, BaggageHeader.HEADER) ? BaggageHeader.validate(headers) : null;
    return new PropagationReport(validations, baggage, conflicts(validations));
  }

  private static List<HeaderProblem> conflicts(
      Map<PropagationFormat, TraceHeaderValidation> validations) {
    List<TraceHeaderValidation> valid =
        validations.values().stream().filter(TraceHeaderValidation::isValid).toList();
    List<HeaderProblem> conflicts = new ArrayList<>();
    for (int i = 0; i < valid.size(); i++) {
      for (int j = i + 1; j < valid.size(); j++) {
        TraceHeaderValidation first = valid.get(i);
        TraceHeaderValidation second = valid.get(j);
        compare(first, second, "trace id", TraceHeaderValidation::traceId, conflicts);
        compare(first, second, "parent id", TraceHeaderValidation::parentId, conflicts);
        if (hasSamplingDecision(first) && hasSamplingDecision(second)) {
          compare(first, second, "sampled flag", v -> String.valueOf(v.isSampled()), conflicts);
        }
      }
    }
    return conflicts;
  }

  private static void compare(
      TraceHeaderValidation first,
      TraceHeaderValidation second,
      String part,
      Function<TraceHeaderValidation, String> read,
      List<HeaderProblem> conflicts) {
    String a = read.apply(first);
    String b = read.apply(second);
    if (!Objects.equals(a, b)) {
      conflicts.add(
          new HeaderProblem(
              headerOf(first.format()),
              HeaderProblem.Kind.FORMATS_DISAGREE,
              headerOf(first.format())
                  + " and "
                  + headerOf(second.format())
                  + ": they disagree on the "
                  + part
                  + " ("
                  + quote(a)
                  + " vs "
                  + quote(b)
                  + "), so which trace a receiver continues depends on its propagator order"));
    }
  }

  private static boolean hasSamplingDecision(TraceHeaderValidation validation) {
    return !(validation instanceof B3Validation b3) || !b3.isSamplingDeferred();
  }

  static String headerOf(PropagationFormat format) {
    return switch (format) {
      case W3C -> TraceContext.TRACEPARENT;
      case B3_SINGLE -> B3.SINGLE;
      case B3_MULTI -> "X-B3-*";
      case JAEGER -> Jaeger.HEADER;
    };
  }
}
