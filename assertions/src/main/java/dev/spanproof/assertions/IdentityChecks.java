package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Optional;

/**
 * Checks of what identifies a span and where it came from: its ids, whether it ended, its resource
 * and instrumentation scope. Named after OpenTelemetry sdk-testing's {@code SpanDataAssert}, so
 * that a migration keeps its method names.
 */
final class IdentityChecks {

  private IdentityChecks() {}

  static Optional<Failure> hasSpanId(SpanNode span, String spanId) {
    if (span.spanId().equals(spanId)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected span id " + spanId,
            SpanMessages.shouldHaveSpanId(span, spanId),
            span.spanId(),
            spanId));
  }

  /** As sdk-testing: a root's parent span id is the invalid id, 16 zeros. */
  static Optional<Failure> hasParentSpanId(SpanNode span, String parentSpanId) {
    if (span.parentSpanId().equals(parentSpanId)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected parent span id " + parentSpanId,
            SpanMessages.shouldHaveParentSpanId(span, parentSpanId),
            span.parentSpanId(),
            parentSpanId));
  }

  static Optional<Failure> hasEnded(SpanNode span) {
    if (span.span().hasEnded()) {
      return Optional.empty();
    }
    return Optional.of(
        at(span, "not ended", SpanMessages.shouldHaveEnded(span), "not ended", "ended"));
  }

  static Optional<Failure> hasResource(SpanNode span, Resource expected) {
    Resource resource = span.span().getResource();
    if (resource.equals(expected)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected another resource",
            SpanMessages.shouldHaveResource(span, expected),
            SpanMessages.resource(resource),
            SpanMessages.resource(expected)));
  }

  /** Equal as sdk-testing compares it: name, version, schema URL and attributes. */
  static Optional<Failure> hasInstrumentationScopeInfo(
      SpanNode span, InstrumentationScopeInfo expected) {
    InstrumentationScopeInfo scope = span.span().getInstrumentationScopeInfo();
    if (scope.equals(expected)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected scope " + SpanMessages.scope(expected),
            SpanMessages.shouldHaveScopeInfo(span, expected),
            SpanMessages.scope(scope),
            SpanMessages.scope(expected)));
  }
}
