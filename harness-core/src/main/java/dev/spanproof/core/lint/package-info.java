/**
 * Checks that judge captured spans against rules rather than against a test's expectations: the
 * OpenTelemetry semantic conventions and the tracing pitfalls OpenTelemetry's guides warn about.
 * Every check reports {@link dev.spanproof.core.lint.Finding}s, graded by {@link
 * dev.spanproof.core.lint.FindingLevel} as OpenTelemetry Weaver's live-check grades its findings.
 */
package dev.spanproof.core.lint;
