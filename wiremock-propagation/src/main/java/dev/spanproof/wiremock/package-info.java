/**
 * WireMock 3 support for trace-context propagation tests.
 *
 * <ul>
 *   <li>{@link dev.spanproof.wiremock.TracingStubListener}: a {@code ServeEventListener} that
 *       validates the trace-context headers of each served request and records a SERVER span for
 *       the stubbed service into the trace of the test that sent it.
 *   <li>{@link dev.spanproof.wiremock.TraceContextMatcher} and {@link
 *       dev.spanproof.wiremock.TraceContextPattern}: a named request matcher for stubs and {@code
 *       verify(...)} (valid context, parent span, sampled bit, tracestate, baggage, format) whose
 *       graded results explain near misses.
 *   <li>{@link dev.spanproof.wiremock.PropagationAssertions}: AssertJ-style assertions over the
 *       requests a WireMock server received from the current test, so tests sharing a server can
 *       run in parallel.
 * </ul>
 *
 * <p>Register both extensions by instance: {@code
 * options().dynamicPort().extensions(TracingStubListener.create(), new TraceContextMatcher())}.
 * Nothing here is global: every WireMock server has its own listener.
 */
package dev.spanproof.wiremock;
