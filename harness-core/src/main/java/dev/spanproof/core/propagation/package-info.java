/**
 * Strict checks of the trace-context headers a receiving service sees: W3C Trace Context ({@code
 * traceparent}, {@code tracestate}), W3C Baggage ({@code baggage}), B3 single and multi headers and
 * Jaeger's {@code uber-trace-id}.
 *
 * <p>Entry points: {@link dev.spanproof.core.propagation.TraceContext}, {@link
 * dev.spanproof.core.propagation.BaggageHeader}, {@link dev.spanproof.core.propagation.B3}, {@link
 * dev.spanproof.core.propagation.Jaeger} and, for a whole request, {@link
 * dev.spanproof.core.propagation.PropagationHeaders#inspect(java.util.Map)}. Every result is an
 * immutable value whose {@code problems()} are sentences naming the header, the offending part and
 * the rule, whose {@code headerProblems()} carry the same sentences with their header and {@link
 * dev.spanproof.core.propagation.HeaderProblem.Kind kind} for code that tells them apart, and whose
 * {@code warnings()} name what the rules allow but receivers may drop or rewrite. Header names are
 * matched case-insensitively and each header may occur several times.
 */
package dev.spanproof.core.propagation;
