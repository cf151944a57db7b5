package dev.spanproof.wiremock;

import static dev.spanproof.wiremock.TraceContextPattern.BAGGAGE;
import static dev.spanproof.wiremock.TraceContextPattern.CHILD_OF_SPAN_ID;
import static dev.spanproof.wiremock.TraceContextPattern.CHILD_OF_SPAN_NAMED;
import static dev.spanproof.wiremock.TraceContextPattern.CHILD_OF_TRACE_ID;
import static dev.spanproof.wiremock.TraceContextPattern.FORMAT;
import static dev.spanproof.wiremock.TraceContextPattern.SAMPLED;
import static dev.spanproof.wiremock.TraceContextPattern.TRACESTATE;

import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.MatchResult.DiffDescription;
import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.propagation.BaggageValidation;
import dev.spanproof.core.propagation.HeaderProblem;
import dev.spanproof.core.propagation.PropagationFormat;
import dev.spanproof.core.propagation.PropagationHeaders;
import dev.spanproof.core.propagation.PropagationReport;
import dev.spanproof.core.propagation.TraceContextValidation;
import dev.spanproof.core.propagation.TraceHeaderValidation;
import dev.spanproof.wiremock.TestSpans.SpanRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Evaluates a {@link TraceContextPattern}'s parameters against a request's headers. */
final class TraceContextChecks {

  /** One condition: passed when {@code problem} is null. */
  record Check(String expected, String actual, String problem) {

    /** A condition that could not be read because the context itself is missing or broken. */
    static final Check UNCHECKED = new Check(null, null, "not checked");

    boolean passed() {
      return problem == null;
    }

    boolean shown() {
      return expected != null;
    }
  }

  /** All conditions of one pattern against one request. */
  record Evaluation(List<Check> checks) {

    /** The failed conditions worth showing: those that could be checked. */
    List<Check> failures() {
      return checks.stream().filter(check -> !check.passed() && check.shown()).toList();
    }

    boolean isMatch() {
      return checks.stream().allMatch(Check::passed);
    }

    /** Distance = failed conditions / all conditions, so near misses rank by how much is wrong. */
    MatchResult toMatchResult() {
      List<DiffDescription> diffs =
          failures().stream()
              .map(check -> new DiffDescription(check.expected(), check.actual(), check.problem()))
              .toList();
      long failed = checks.stream().filter(check -> !check.passed()).count();
      return new GradedMatchResult(diffs, (int) failed, checks.size());
    }
  }

  private TraceContextChecks() {}

  /** Validates the headers and evaluates the pattern's parameters against them. */
  static Evaluation evaluate(Map<String, List<String>> headers, Map<String, Object> parameters) {
    return evaluate(headers, PropagationHeaders.inspect(headers), parameters);
  }

  /** Evaluates the pattern's parameters against headers already validated into {@code report}. */
  static Evaluation evaluate(
      Map<String, List<String>> headers, PropagationReport report, Map<String, Object> parameters) {
    PropagationFormat format = format(parameters);
    Optional<TraceHeaderValidation> validation = report.validation(format);
    String header = headerName(format);
    String received = received(headers, format);
    List<Check> checks = new ArrayList<>();
    boolean valid = validation.isPresent() && validation.get().isValid();
    checks.add(
        new Check(
            "a valid " + header, received, valid ? null : contextProblem(format, validation)));
    List<Check> conditions = new ArrayList<>();
    if (parameters.get(SAMPLED) instanceof Boolean sampled) {
      conditions.add(valid ? sampled(validation.get(), sampled, received) : null);
    }
    if (parameters.get(CHILD_OF_SPAN_NAMED) instanceof String spanName) {
      conditions.add(valid ? childOfNamed(validation.get(), spanName) : null);
    }
    if (parameters.get(CHILD_OF_SPAN_ID) instanceof String spanId) {
      conditions.add(
          valid
              ? childOf(validation.get(), (String) parameters.get(CHILD_OF_TRACE_ID), spanId)
              : null);
    }
    for (String member : TraceContextPattern.strings(parameters.get(TRACESTATE))) {
      conditions.add(valid ? tracestate(report, member) : null);
    }
    if (parameters.get(BAGGAGE) instanceof Map<?, ?> baggage) {
      baggage.forEach(
          (key, value) -> checks.add(baggage(report, String.valueOf(key), String.valueOf(value))));
    }
    for (Check condition : conditions) {
      // Without a valid context nothing else can be read: each condition counts as failed, but
      // only the missing or broken context is shown.
      checks.add(condition == null ? Check.UNCHECKED : condition);
    }
    return new Evaluation(checks);
  }

  private static PropagationFormat format(Map<String, Object> parameters) {
    Object format = parameters.get(FORMAT);
    if (format == null) {
      return PropagationFormat.W3C;
    }
    try {
      return PropagationFormat.valueOf(String.valueOf(format));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown trace-context format \""
              + format
              + "\"; use one of "
              + List.of(PropagationFormat.values()),
          e);
    }
  }

  static String headerName(PropagationFormat format) {
    return switch (format) {
      case W3C -> "traceparent";
      case B3_SINGLE -> "b3";
      case B3_MULTI -> "X-B3-TraceId/X-B3-SpanId";
      case JAEGER -> "uber-trace-id";
    };
  }

  private static List<String> headerNames(PropagationFormat format) {
    return switch (format) {
      case W3C -> List.of("traceparent");
      case B3_SINGLE -> List.of("b3");
      case B3_MULTI ->
          List.of("X-B3-TraceId", "X-B3-SpanId", "X-B3-ParentSpanId", "X-B3-Sampled", "X-B3-Flags");
      case JAEGER -> List.of("uber-trace-id");
    };
  }

  /** The received headers of the format as {@code name: value} lines joined by ", ". */
  static String received(Map<String, List<String>> headers, PropagationFormat format) {
    List<String> lines = new ArrayList<>();
    for (String name : headerNames(format)) {
      for (String value : WireMockRequests.values(headers, name)) {
        lines.add(name + ": " + value);
      }
    }
    return lines.isEmpty() ? "no " + headerName(format) + " header" : String.join(", ", lines);
  }

  /**
   * The validation's problems, or, when the request has no header of the format, that it is
   * missing.
   */
  private static String contextProblem(
      PropagationFormat format, Optional<TraceHeaderValidation> validation) {
    return validation
        .map(present -> String.join("; ", present.problems()))
        .orElse(headerName(format) + ": header is missing, so a receiver starts a new trace");
  }

  private static Check sampled(
      TraceHeaderValidation validation, boolean expected, String received) {
    String expectation = expected ? "sampled flag set" : "sampled flag clear";
    if (validation.isSampled() == expected) {
      return new Check(expectation, received, null);
    }
    String flagText =
        validation instanceof TraceContextValidation w3c
            ? "trace-flags "
                + quote(String.format(Locale.ROOT, "%02x", w3c.traceFlags()))
                + (expected ? " leave" : " set")
                + " the sampled bit (0x01)"
                + (expected ? " clear" : "")
            : headerName(validation.format()) + (expected ? " says not sampled" : " says sampled");
    return new Check(
        expectation,
        received,
        headerName(validation.format())
            + ": "
            + flagText
            + ", but the request should "
            + (expected ? "be sampled" : "not be sampled"));
  }

  private static Check childOfNamed(TraceHeaderValidation validation, String spanName) {
    String header = headerName(validation.format());
    String actual = "parent-id " + validation.parentId();
    Optional<CaptureSession> session = TestSpans.sessionFor(validation.traceId());
    if (session.isEmpty()) {
      return new Check(
          "child of span [" + spanName + "]",
          actual,
          header
              + ": no open test session owns trace "
              + validation.traceId()
              + " and none is current, so span ["
              + spanName
              + "] cannot be looked up");
    }
    List<SpanRef> spans = TestSpans.of(session.get());
    List<SpanRef> named = spans.stream().filter(span -> span.name().equals(spanName)).toList();
    String expected =
        "child of span ["
            + spanName
            + "]"
            + (named.isEmpty()
                ? ""
                : ": parent-id "
                    + named.stream()
                        .map(span -> span.context().getSpanId())
                        .collect(Collectors.joining(" or ")));
    if (named.isEmpty()) {
      return new Check(
          expected,
          actual,
          header
              + ": "
              + session.get().name()
              + " has no span ["
              + spanName
              + "]; its spans are "
              + (spans.isEmpty()
                  ? "none"
                  : spans.stream()
                      .map(span -> "[" + span.name() + "]")
                      .distinct()
                      .collect(Collectors.joining(", "))));
    }
    boolean child =
        named.stream()
            .anyMatch(
                span ->
                    span.context().getSpanId().equals(validation.parentId())
                        && span.context().getTraceId().equals(validation.traceId()));
    if (child) {
      return new Check(expected, actual, null);
    }
    Optional<SpanRef> actualParent =
        TestSpans.withSpanId(spans, validation.traceId(), validation.parentId());
    return new Check(
        expected,
        actual,
        header
            + ": parent-id "
            + validation.parentId()
            + " is "
            + actualParent.map(SpanRef::describe).orElse("no span of " + session.get().name())
            + ", not span ["
            + spanName
            + "]");
  }

  private static Check childOf(TraceHeaderValidation validation, String traceId, String spanId) {
    String expected = "trace-id " + traceId + ", parent-id " + spanId;
    String actual = "trace-id " + validation.traceId() + ", parent-id " + validation.parentId();
    String header = headerName(validation.format());
    if (traceId != null && !traceId.equals(validation.traceId())) {
      return new Check(
          expected,
          actual,
          header + ": trace-id " + validation.traceId() + " is not the parent's trace " + traceId);
    }
    if (!spanId.equals(validation.parentId())) {
      return new Check(
          expected,
          actual,
          header + ": parent-id " + validation.parentId() + " is not the parent span " + spanId);
    }
    return new Check(expected, actual, null);
  }

  private static Check tracestate(PropagationReport report, String member) {
    Optional<TraceHeaderValidation> w3c = report.validation(PropagationFormat.W3C);
    List<String> members =
        w3c.isPresent() && w3c.get() instanceof TraceContextValidation traceContext
            ? traceContext.tracestateMembers()
            : List.of();
    String expected = "tracestate member " + member;
    String actual =
        members.isEmpty() ? "no tracestate members" : "tracestate: " + String.join(",", members);
    if (members.contains(member)) {
      return new Check(expected, actual, null);
    }
    String key = member.substring(0, member.indexOf('='));
    String sameKey =
        members.stream()
            .filter(m -> m.startsWith(key + "="))
            .findFirst()
            .map(m -> "; key " + quote(key) + " has " + quote(m.substring(key.length() + 1)))
            .orElse("");
    List<String> tracestateProblems =
        w3c.map(TraceHeaderValidation::headerProblems).orElse(List.of()).stream()
            .filter(problem -> problem.header().equals("tracestate"))
            .map(HeaderProblem::message)
            .toList();
    String dropped =
        tracestateProblems.isEmpty() ? "" : " (" + String.join("; ", tracestateProblems) + ")";
    return new Check(
        expected, actual, "tracestate: has no member " + quote(member) + sameKey + dropped);
  }

  private static Check baggage(PropagationReport report, String key, String value) {
    String expected = "baggage entry " + key + "=" + value;
    Optional<BaggageValidation> baggage = report.baggage();
    if (baggage.isEmpty()) {
      return new Check(
          expected,
          "no baggage header",
          "baggage: header is missing, so entry " + quote(key) + " is not propagated");
    }
    Map<String, String> entries = baggage.get().entries();
    String actual = "baggage entries " + entries;
    if (value.equals(entries.get(key))) {
      return new Check(expected, actual, null);
    }
    String problem =
        entries.containsKey(key)
            ? "baggage: entry "
                + quote(key)
                + " is "
                + quote(entries.get(key))
                + ", not "
                + quote(value)
            : "baggage: has no entry " + quote(key);
    List<String> problems = baggage.get().problems();
    return new Check(
        expected,
        actual,
        problems.isEmpty() ? problem : problem + " (" + String.join("; ", problems) + ")");
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }
}
