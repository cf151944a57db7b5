package dev.spanproof.junit;

import dev.spanproof.core.lint.Finding;
import dev.spanproof.core.trace.Trace;
import java.util.List;
import java.util.function.Function;

/**
 * One source of {@link Finding}s that {@link AfterTestChecks} runs on a test's traces, and what to
 * do with its violations.
 *
 * @param name what the report calls the check, e.g. {@code trace lint}
 * @param policy fail, warn or stay silent on violations; {@link SpanPolicy#IGNORE} skips the check
 * @param findings the check itself
 */
record FindingCheck(
    String name, SpanPolicy policy, Function<List<Trace>, List<Finding>> findings) {}
