/**
 * Lookups that spanproof's own modules share. <b>Not public API</b>: the classes here may change or
 * disappear in any release, as the {@code internal} packages of OpenTelemetry Java may. Use {@link
 * dev.spanproof.core} instead.
 */
package dev.spanproof.core.internal;
