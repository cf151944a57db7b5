package dev.spanproof.assertions;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.UnendedSpan;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks of all the traces a test (or a collection of spans) holds; each failure draws every trace.
 */
final class TraceSetChecks {

  private TraceSetChecks() {}

  /**
   * @param source how messages name the traces' origin, e.g. "the given spans"
   * @param unended the spans still running, listed as a likely reason for a count that is off
   */
  /**
   * @param session the capture session the traces are from, whose usual no-trace causes are listed
   *     when it captured nothing at all; null for spans handed in
   */
  static Optional<Failure> hasTraceCount(
      List<Trace> traces,
      String source,
      List<UnendedSpan> unended,
      CaptureSession session,
      int expected) {
    if (traces.size() == expected) {
      return Optional.empty();
    }
    boolean capturedNothing = session != null && traces.isEmpty() && unended.isEmpty();
    return Optional.of(
        Failure.drawn(
            TraceMessages.shouldHaveTraceCount(
                source,
                expected,
                traces,
                unended,
                capturedNothing ? NoTraceCauses.of(session) : null,
                Layout.defaultRenderer()),
            traces.size(),
            expected));
  }

  static Optional<Failure> hasNoUnendedSpans(
      List<Trace> traces, String source, List<UnendedSpan> unended) {
    if (unended.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.drawn(
            TraceMessages.shouldHaveNoUnendedSpans(
                source, unended, traces, Layout.defaultRenderer()),
            unended.size(),
            0));
  }

  /** The only trace with a root named {@code rootName}. */
  static Lookup<Trace> traceWithRoot(List<Trace> traces, String source, String rootName) {
    List<Trace> matching =
        traces.stream()
            .filter(trace -> trace.roots().stream().anyMatch(root -> root.name().equals(rootName)))
            .toList();
    if (matching.size() == 1) {
      return Lookup.found(matching.get(0));
    }
    String roots =
        traces.stream()
            .flatMap(trace -> trace.roots().stream())
            .map(SpanNode::name)
            .distinct()
            .collect(Collectors.joining(", ", "[", "]"));
    return Lookup.failed(
        Failure.drawn(
            Layout.expecting(
                    source,
                    "have exactly one trace with the root",
                    "span [" + rootName + "]",
                    "found " + matching.size() + "; the roots are " + roots)
                + "\n\n"
                + Layout.defaultRenderer().render(traces),
            matching.size(),
            1));
  }
}
