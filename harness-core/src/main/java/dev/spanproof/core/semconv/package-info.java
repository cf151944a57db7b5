/**
 * Checks of captured spans against the OpenTelemetry semantic conventions for HTTP, database, RPC
 * (gRPC included) and messaging spans: {@link dev.spanproof.core.semconv.SemanticConventions}
 * judges spans and reports {@link dev.spanproof.core.lint.Finding}s, {@link
 * dev.spanproof.core.semconv.CoverageSummary} says which conventions a set of spans was judged by.
 *
 * <p>The rules are data: {@code semantic-conventions.yaml} in this package, written from the
 * specification's tables of the version {@link
 * dev.spanproof.core.semconv.SemanticConventions#version()} names.
 */
package dev.spanproof.core.semconv;
