package dev.spanproof.core;

import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * A span as the capture processor saw it start: the live span (converted to {@code SpanData} only
 * when asked for), where it started if start stacks are recorded, and why it landed where it did.
 */
record CapturedSpan(ReadableSpan span, Throwable startStack, String note) {}
