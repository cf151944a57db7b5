/**
 * An immutable model of captured traces: {@link dev.spanproof.core.trace.Trace} trees of {@link
 * dev.spanproof.core.trace.SpanNode}s built from {@code SpanData}, and the {@link
 * dev.spanproof.core.trace.TraceRenderer} that draws them in failure messages and reports.
 */
package dev.spanproof.core.trace;
