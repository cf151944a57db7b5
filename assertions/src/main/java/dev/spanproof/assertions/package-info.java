/**
 * AssertJ assertions for captured OpenTelemetry traces: start at {@link
 * dev.spanproof.assertions.TraceAssertions}.
 */
package dev.spanproof.assertions;
