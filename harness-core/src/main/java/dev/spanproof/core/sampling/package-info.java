/**
 * Sampling as a test can see it: the record of every head-sampling decision the harness's sampler
 * made ({@link SamplingRecord}), dropped spans included, and a simulator of the OpenTelemetry
 * Collector's tail-sampling processor that decides, for captured traces, what a deployed Collector
 * configuration would keep.
 *
 * <p>{@link dev.spanproof.core.sampling.TailSampling} reads the Collector's own YAML and decides a
 * trace with its full decision path, each policy's verdict and why; {@code docs/tail-sampling.md}
 * names the Collector source it follows and where it knowingly differs.
 */
package dev.spanproof.core.sampling;
