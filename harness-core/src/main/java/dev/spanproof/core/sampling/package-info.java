/**
 * Sampling as a test can see it: the record of every head-sampling decision the harness's sampler
 * made ({@code SamplingRecord}), dropped spans included, and a simulator of the OpenTelemetry
 * Collector's tail-sampling processor that decides, for captured traces, what a deployed Collector
 * configuration would keep.
 */
package dev.spanproof.core.sampling;
