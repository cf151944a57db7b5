package dev.spanproof.core.lint;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Broken propagation: orphans, several roots, {@code SERVER} spans that do not continue their
 * caller, consumers cut off from their producer.
 */
final class PropagationRules {

  // Incubating in semantic conventions 1.43.0, so not among opentelemetry-semconv's constants.
  private static final AttributeKey<String> MESSAGING_OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");

  private PropagationRules() {}

  static void check(List<Trace> traces, TraceLint lint, LintFindings findings) {
    for (Trace trace : traces) {
      for (SpanNode orphan : trace.orphans()) {
        findings.about(
            LintRule.ORPHAN_SPAN,
            orphan.span(),
            null,
            "its parent "
                + orphan.parentSpanId()
                + " is not in the trace: was the parent never ended, or its context lost?");
      }
    }
    severalRoots(traces, lint, findings);
    List<SpanData> clients = new ArrayList<>();
    for (Trace trace : traces) {
      for (SpanNode node : trace.spansOfKind(SpanKind.CLIENT)) {
        clients.add(node.span());
      }
    }
    for (Trace trace : traces) {
      for (SpanNode node : trace.spans()) {
        if (lint.isExpectingRemoteParents()) {
          serverWithoutRemoteParent(node.span(), findings);
        } else {
          serverCalledWithoutContext(node.span(), clients, findings);
        }
        consumerWithoutProducer(node.span(), findings);
      }
    }
  }

  /**
   * Without being told to expect remote parents: a {@code SERVER} span that starts a trace while a
   * {@code CLIENT} span of another trace is waiting for its response was, most likely, called by
   * that client, which did not send its context.
   */
  private static void serverCalledWithoutContext(
      SpanData span, List<SpanData> clients, LintFindings findings) {
    if (span.getKind() != SpanKind.SERVER || span.getParentSpanContext().isValid()) {
      return;
    }
    clients.stream()
        .filter(client -> !client.getTraceId().equals(span.getTraceId()))
        .filter(client -> client.getStartEpochNanos() <= span.getStartEpochNanos())
        .filter(client -> client.getEndEpochNanos() >= span.getEndEpochNanos())
        .findFirst()
        .ifPresent(
            client ->
                findings.about(
                    LintRule.SERVER_WITHOUT_REMOTE_PARENT,
                    span,
                    null,
                    "a SERVER span without a parent, served while CLIENT span ["
                        + client.getName()
                        + "] of trace "
                        + client.getTraceId()
                        + " waited for a response: did the client send traceparent, and did the"
                        + " server extract it?"));
  }

  private static void severalRoots(List<Trace> traces, TraceLint lint, LintFindings findings) {
    if (lint.isExpectingOneTrace() && traces.size() > 1) {
      List<SpanNode> roots = new ArrayList<>();
      traces.forEach(trace -> roots.addAll(notOrphans(trace.roots())));
      findings.aboutSpans(
          LintRule.SEVERAL_ROOTS,
          spans(roots),
          "expected one trace, but the spans form "
              + traces.size()
              + " traces, with roots "
              + names(roots)
              + ": was the context passed to the code that started the later ones?");
      return;
    }
    for (Trace trace : traces) {
      List<SpanNode> roots = notOrphans(trace.roots());
      if (roots.size() > 1) {
        findings.aboutSpans(
            LintRule.SEVERAL_ROOTS,
            spans(roots),
            "the trace has "
                + roots.size()
                + " roots "
                + names(roots)
                + ", where one operation should have one root");
      }
    }
  }

  private static void serverWithoutRemoteParent(SpanData span, LintFindings findings) {
    if (span.getKind() != SpanKind.SERVER) {
      return;
    }
    SpanContext parent = span.getParentSpanContext();
    if (!parent.isValid()) {
      findings.about(
          LintRule.SERVER_WITHOUT_REMOTE_PARENT,
          span,
          null,
          "a SERVER span without a parent, where a remote parent was expected: did the caller"
              + " send traceparent, and did the server extract it?");
    } else if (!parent.isRemote()) {
      findings.about(
          LintRule.SERVER_WITHOUT_REMOTE_PARENT,
          span,
          null,
          "a SERVER span with a local parent "
              + parent.getSpanId()
              + ", where a remote parent was expected: the server took the context of its own"
              + " thread instead of extracting the caller's");
    }
  }

  private static void consumerWithoutProducer(SpanData span, LintFindings findings) {
    boolean consumer =
        span.getKind() == SpanKind.CONSUMER
            || "process".equals(span.getAttributes().get(MESSAGING_OPERATION_TYPE));
    if (consumer
        && !span.getParentSpanContext().isValid()
        && span.getLinks().stream().map(LinkData::getSpanContext).noneMatch(SpanContext::isValid)) {
      findings.about(
          LintRule.CONSUMER_WITHOUT_PRODUCER,
          span,
          null,
          "a "
              + (span.getKind() == SpanKind.CONSUMER ? "CONSUMER" : "process")
              + " span with neither a parent nor a link to the producer: did the producer inject"
              + " the context into the message, and did the consumer extract it?");
    }
  }

  private static List<SpanNode> notOrphans(List<SpanNode> roots) {
    return roots.stream().filter(root -> !root.isOrphan()).toList();
  }

  private static List<SpanData> spans(List<SpanNode> nodes) {
    return nodes.stream().map(SpanNode::span).toList();
  }

  private static String names(List<SpanNode> nodes) {
    return nodes.stream().map(SpanNode::name).collect(Collectors.joining(", ", "[", "]"));
  }
}
