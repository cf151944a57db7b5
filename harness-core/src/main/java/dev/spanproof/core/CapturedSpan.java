package dev.spanproof.core;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * A span as the capture processor saw it start: the live span (converted to {@code SpanData} only
 * when asked for), the baggage of its parent context (null when empty), where it started if start
 * stacks are recorded, and why it landed where it did.
 */
record CapturedSpan(ReadableSpan span, Baggage baggage, Throwable startStack, String note) {}
