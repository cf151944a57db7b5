/**
 * Hooks the JUnit Platform finds by itself. <b>Not public API</b>: the classes here may change or
 * disappear in any release. Use {@link dev.spanproof.junit} instead.
 */
package dev.spanproof.junit.internal;
