/**
 * Strict checks of the trace-context headers a receiving service sees: W3C Trace Context
 * ({@code traceparent}, {@code tracestate}), W3C Baggage ({@code baggage}), B3 single and multi
 * headers and Jaeger's {@code uber-trace-id}.
 *
 * <p>Entry point: {@link dev.spanproof.core.propagation.TraceContext}. Every result is an
 * immutable value whose {@code problems()} are sentences naming the header, the offending part and
 * the rule.
 * Header names are matched case-insensitively and each header may occur several times.
 */
package dev.spanproof.core.propagation;
