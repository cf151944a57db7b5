package dev.spanproof.assertions;

import static dev.spanproof.assertions.Arguments.requireIndex;
import static dev.spanproof.assertions.Arguments.requireNoNulls;
import static dev.spanproof.assertions.Arguments.requireNonNull;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.semconv.SemanticConvention;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Condition;

/**
 * Assertions on one span of a trace: its place in the tree, kind, status, attributes, events,
 * exceptions, links, resource, scope and timing. Every failure names the span and draws its trace
 * with the span marked.
 *
 * <p>Extend this class, together with {@link AbstractTraceAssert}, to add domain assertions that
 * keep chaining and survive navigation: {@link #child(String)}, {@link #parent()} and {@link
 * #returnToTrace()} return your types. {@link SpanAssert} and {@link TraceAssert} are the
 * ready-made pair.
 *
 * <p>Every argument is required: a null one throws a {@link NullPointerException} naming it, also
 * inside soft assertions, since it is a mistake in the test rather than a failed check.
 *
 * @param <SELF> the concrete span assert type, returned by every assertion so that calls chain
 * @param <TRACE> the trace assert type that {@link #returnToTrace()} returns
 */
public abstract class AbstractSpanAssert<
        SELF extends AbstractSpanAssert<SELF, TRACE>,
        TRACE extends AbstractTraceAssert<TRACE, SELF>>
    extends AbstractAssert<SELF, SpanNode> {

  private SoftGate gate = SoftGate.HARD;
  private TRACE traceAssert;

  /**
   * Creates an assert on {@code actual}; when it was not reached by navigation, its trace is
   * rebuilt from the span's root when needed.
   *
   * @param actual the span, may be null (every assertion then fails)
   * @param selfType the concrete assert class
   */
  protected AbstractSpanAssert(SpanNode actual, Class<?> selfType) {
    super(actual, selfType);
    // Spans and traces read well in spanproof's messages without registering globally.
    info.useRepresentation(SpanRepresentation.SPAN_REPRESENTATION);
    // An assert on a span is the test selecting it: strict assertion mode counts it as touched.
    AssertedSpans.ofCurrentSession().touch(actual);
  }

  /**
   * Creates the trace assert that {@link #returnToTrace()} returns when this span was asserted on
   * its own rather than reached from a trace, e.g. {@code return new OrderTraceAssert(trace);}.
   *
   * @param trace the span's trace, rebuilt from its root; null when the span is null
   * @return a new, unconfigured trace assert
   */
  protected abstract TRACE newTraceAssert(Trace trace);

  /** Links this assert to the trace assert it was navigated from, and to how it reports. */
  void attach(TRACE from, SoftGate softGate) {
    this.traceAssert = from;
    this.gate = softGate;
  }

  // ---------------------------------------------------------------------------------------------
  // Place in the tree

  /**
   * Verifies the span's name.
   *
   * @param expected the expected name
   * @return this assertion object
   */
  public SELF hasName(String expected) {
    requireNonNull(expected, "hasName(String expected)", "expected");
    return check(span -> TreeChecks.hasName(span, expected));
  }

  /**
   * Verifies the span's parent, in this trace, is named {@code name}.
   *
   * @param name the expected parent's name
   * @return this assertion object
   */
  public SELF hasParent(String name) {
    requireNonNull(name, "hasParent(String name)", "name");
    return check(span -> TreeChecks.hasParent(span, name));
  }

  /**
   * Verifies the span has no parent at all: not a local one, not a remote one.
   *
   * @return this assertion object
   */
  public SELF isRoot() {
    return check(TreeChecks::isRoot);
  }

  /**
   * Verifies the span continues a context received from another process (e.g. extracted from an
   * incoming {@code traceparent}).
   *
   * @return this assertion object
   */
  public SELF hasRemoteParent() {
    return check(span -> TreeChecks.hasRemoteParent(span, null));
  }

  /**
   * Verifies the span continues the remote span {@code parentSpanId}; with {@link #hasTraceId} this
   * checks which trace an incoming request continued.
   *
   * @param parentSpanId 16 lowercase hex characters
   * @return this assertion object
   */
  public SELF hasRemoteParent(String parentSpanId) {
    requireNonNull(parentSpanId, "hasRemoteParent(String parentSpanId)", "parentSpanId");
    return check(span -> TreeChecks.hasRemoteParent(span, parentSpanId));
  }

  /**
   * Verifies that the baggage {@code key=value} was in the context where the span started: the
   * span's code saw it, and would have propagated it. Spans do not carry baggage: a spanproof
   * harness records it as it captures them, so this works for spans it captured, not for spans from
   * elsewhere.
   *
   * @param key the baggage key, e.g. {@code tenant.id}
   * @param value the expected value
   * @return this assertion object
   */
  public SELF hasBaggage(String key, String value) {
    requireNonNull(key, "hasBaggage(String key, String value)", "key");
    requireNonNull(value, "hasBaggage(String key, String value)", "value");
    return check(span -> AttributeChecks.hasBaggage(span, key, value));
  }

  /**
   * Verifies the span's direct children are exactly these names, in any order.
   *
   * @param names the expected child names; repeat a name for repeated children
   * @return this assertion object
   */
  public SELF hasChildren(String... names) {
    requireNoNulls(names, "hasChildren(String... names)", "names");
    return check(span -> TreeChecks.hasChildren(span, Arrays.asList(names), false));
  }

  /**
   * Verifies the span's direct children are exactly these names, in start order (sibling order).
   *
   * @param names the expected child names, in the order the children started
   * @return this assertion object
   */
  public SELF hasChildrenInOrder(String... names) {
    requireNoNulls(names, "hasChildrenInOrder(String... names)", "names");
    return check(span -> TreeChecks.hasChildren(span, Arrays.asList(names), true));
  }

  /**
   * Verifies how many direct children the span has.
   *
   * @param expected the expected number of children
   * @return this assertion object
   */
  public SELF hasChildCount(int expected) {
    return check(span -> TreeChecks.hasChildCount(span, expected));
  }

  /**
   * Verifies how many direct children named {@code name} the span has: the N+1 check, e.g. {@code
   * span("GET /orders").hasChildrenNamed("SELECT order_lines", 1)}.
   *
   * @param name the child name
   * @param expected how many children should have it
   * @return this assertion object
   */
  public SELF hasChildrenNamed(String name, int expected) {
    requireNonNull(name, "hasChildrenNamed(String name, int expected)", "name");
    return check(span -> TreeChecks.hasChildrenNamed(span, name, expected));
  }

  /**
   * Verifies a span named {@code name} hangs anywhere below this one (child, grandchild, …).
   *
   * @param name the descendant's name
   * @return this assertion object
   */
  public SELF hasDescendant(String name) {
    requireNonNull(name, "hasDescendant(String name)", "name");
    return check(span -> TreeChecks.hasDescendant(span, name));
  }

  // ---------------------------------------------------------------------------------------------
  // Kind and status

  /**
   * Verifies the span's kind.
   *
   * @param expected e.g. {@link SpanKind#CLIENT}
   * @return this assertion object
   */
  public SELF hasKind(SpanKind expected) {
    requireNonNull(expected, "hasKind(SpanKind expected)", "expected");
    return check(span -> StatusChecks.hasKind(span, expected));
  }

  /**
   * Verifies the span's status code, whatever its description.
   *
   * @param expected e.g. {@link StatusCode#ERROR}
   * @return this assertion object
   */
  public SELF hasStatus(StatusCode expected) {
    requireNonNull(expected, "hasStatus(StatusCode expected)", "expected");
    return check(span -> StatusChecks.hasStatus(span, expected));
  }

  /**
   * Verifies the span's status code and description.
   *
   * @param expected e.g. {@link StatusCode#ERROR}
   * @param description e.g. {@code "card declined"}
   * @return this assertion object
   */
  public SELF hasStatus(StatusCode expected, String description) {
    requireNonNull(expected, "hasStatus(StatusCode expected, String description)", "expected");
    requireNonNull(
        description, "hasStatus(StatusCode expected, String description)", "description");
    return check(span -> StatusChecks.hasStatus(span, expected, description));
  }

  // ---------------------------------------------------------------------------------------------
  // Attributes

  /**
   * Verifies the span has the attribute {@code key}, of whatever type, equal to {@code value}.
   * Numbers compare by value across widths ({@code 42} matches a long attribute 42), arrays and
   * lists by their elements.
   *
   * @param key the attribute key, e.g. {@code "http.route"}
   * @param value the expected value
   * @return this assertion object
   */
  public SELF hasAttribute(String key, Object value) {
    requireNonNull(key, "hasAttribute(String key, Object value)", "key");
    requireNonNull(
        value,
        "hasAttribute(String key, Object value)",
        "value",
        "use doesNotHaveAttribute(String) to check that an attribute is absent");
    return check(span -> AttributeChecks.hasAttribute(span, key, value));
  }

  /**
   * Verifies the span has the typed attribute {@code key} equal to {@code value}.
   *
   * @param key e.g. {@code HttpAttributes.HTTP_RESPONSE_STATUS_CODE}
   * @param value the expected value
   * @param <T> the attribute's type
   * @return this assertion object
   */
  public <T> SELF hasAttribute(AttributeKey<T> key, T value) {
    requireNonNull(key, "hasAttribute(AttributeKey<T> key, T value)", "key");
    requireNonNull(
        value,
        "hasAttribute(AttributeKey<T> key, T value)",
        "value",
        "use doesNotHaveAttribute(String) to check that an attribute is absent");
    return check(span -> AttributeChecks.hasAttribute(span, key, value));
  }

  /**
   * Verifies the span has the typed attribute {@code key} and its value meets {@code condition}.
   *
   * @param key the attribute key
   * @param condition e.g. {@code new Condition<>(v -> v.startsWith("SELECT"), "a query")}
   * @param <T> the attribute's type
   * @return this assertion object
   */
  public <T> SELF hasAttribute(AttributeKey<T> key, Condition<? super T> condition) {
    requireNonNull(key, "hasAttribute(AttributeKey<T> key, Condition<? super T> condition)", "key");
    requireNonNull(
        condition,
        "hasAttribute(AttributeKey<T> key, Condition<? super T> condition)",
        "condition");
    return check(span -> AttributeChecks.hasAttribute(span, key, condition));
  }

  /**
   * Verifies the span has the typed attribute {@code key} and runs {@code requirements} (AssertJ
   * assertions) on its value.
   *
   * @param key the attribute key
   * @param requirements e.g. {@code v -> assertThat(v).startsWith("SELECT")}
   * @param <T> the attribute's type
   * @return this assertion object
   */
  public <T> SELF hasAttributeSatisfying(AttributeKey<T> key, Consumer<? super T> requirements) {
    String method = "hasAttributeSatisfying(AttributeKey<T> key, Consumer<? super T> requirements)";
    requireNonNull(key, method, "key");
    requireNonNull(requirements, method, "requirements");
    return check(span -> AttributeChecks.hasAttributeSatisfying(span, key, requirements));
  }

  /**
   * Verifies the span's attributes are exactly {@code expected}: no more, no fewer, same values.
   *
   * @param expected all the attributes the span should have
   * @return this assertion object
   */
  public SELF hasExactlyAttributes(Attributes expected) {
    requireNonNull(expected, "hasExactlyAttributes(Attributes expected)", "expected");
    return check(span -> AttributeChecks.hasExactlyAttributes(span, expected));
  }

  /**
   * Verifies the span has at least these attributes with these values; others may exist too.
   *
   * @param expected a subset of the span's attributes
   * @return this assertion object
   */
  public SELF containsAttributes(Attributes expected) {
    requireNonNull(expected, "containsAttributes(Attributes expected)", "expected");
    return check(span -> AttributeChecks.containsAttributes(span, expected));
  }

  /**
   * Verifies the span has no attribute named {@code key}, of any type.
   *
   * @param key the attribute key
   * @return this assertion object
   */
  public SELF doesNotHaveAttribute(String key) {
    requireNonNull(key, "doesNotHaveAttribute(String key)", "key");
    return check(span -> AttributeChecks.doesNotHaveAttribute(span, key));
  }

  /**
   * Verifies an attribute of the resource the span was produced under, e.g. {@code service.name}.
   *
   * @param key the resource attribute key
   * @param value the expected value
   * @param <T> the attribute's type
   * @return this assertion object
   */
  public <T> SELF hasResourceAttribute(AttributeKey<T> key, T value) {
    requireNonNull(key, "hasResourceAttribute(AttributeKey<T> key, T value)", "key");
    requireNonNull(value, "hasResourceAttribute(AttributeKey<T> key, T value)", "value");
    return check(span -> AttributeChecks.hasResourceAttribute(span, key, value));
  }

  /**
   * Verifies the name of the instrumentation scope (the tracer's name) that produced the span.
   *
   * @param name e.g. {@code "io.opentelemetry.jdbc"}
   * @return this assertion object
   */
  public SELF hasInstrumentationScope(String name) {
    requireNonNull(name, "hasInstrumentationScope(String name)", "name");
    return check(span -> AttributeChecks.hasInstrumentationScope(span, name));
  }

  /**
   * Verifies how many attributes the span recorded, counting those its limits dropped (as
   * sdk-testing's {@code hasTotalAttributeCount} does).
   *
   * @param expected the number of attributes set on the span
   * @return this assertion object
   */
  public SELF hasTotalAttributeCount(int expected) {
    return check(span -> AttributeChecks.hasTotalAttributeCount(span, expected));
  }

  /**
   * Verifies the resource the span was produced under, all of it (as sdk-testing's {@code
   * hasResource} does); {@link #hasResourceAttribute} checks one attribute.
   *
   * @param expected the expected resource
   * @return this assertion object
   */
  public SELF hasResource(Resource expected) {
    requireNonNull(expected, "hasResource(Resource expected)", "expected");
    return check(span -> IdentityChecks.hasResource(span, expected));
  }

  /**
   * Verifies the instrumentation scope that produced the span: name, version, schema URL and
   * attributes, as sdk-testing's {@code hasInstrumentationScopeInfo} compares them.
   *
   * @param expected e.g. {@code
   *     InstrumentationScopeInfo.builder("orders").setVersion("1.2").build()}
   * @return this assertion object
   */
  public SELF hasInstrumentationScopeInfo(InstrumentationScopeInfo expected) {
    requireNonNull(
        expected, "hasInstrumentationScopeInfo(InstrumentationScopeInfo expected)", "expected");
    return check(span -> IdentityChecks.hasInstrumentationScopeInfo(span, expected));
  }

  /**
   * Runs {@code requirements} (AssertJ assertions) on the span's data: the escape hatch for what no
   * assertion here covers. A failure names the span and draws its trace.
   *
   * @param requirements e.g. {@code data -> assertThat(data.getTraceState().isEmpty()).isTrue()}
   * @return this assertion object
   */
  public SELF spanDataSatisfies(Consumer<? super SpanData> requirements) {
    requireNonNull(
        requirements, "spanDataSatisfies(Consumer<? super SpanData> requirements)", "requirements");
    return check(span -> RequirementChecks.satisfies(span, "data", span.span(), requirements));
  }

  // ---------------------------------------------------------------------------------------------
  // Events and exceptions

  /**
   * Verifies the span has at least one event named {@code name}.
   *
   * @param name the event name
   * @return this assertion object
   */
  public SELF hasEvent(String name) {
    requireNonNull(name, "hasEvent(String name)", "name");
    return check(span -> EventChecks.hasEvent(span, name));
  }

  /**
   * Verifies the span has an event named {@code name} whose attributes include {@code attributes}.
   *
   * @param name the event name
   * @param attributes attributes the event must have (it may have more)
   * @return this assertion object
   */
  public SELF hasEvent(String name, Attributes attributes) {
    requireNonNull(name, "hasEvent(String name, Attributes attributes)", "name");
    requireNonNull(attributes, "hasEvent(String name, Attributes attributes)", "attributes");
    return check(span -> EventChecks.hasEvent(span, name, attributes));
  }

  /**
   * Verifies these events occurred in this order; other events may come before, between or after.
   *
   * @param names event names, in the expected order
   * @return this assertion object
   */
  public SELF hasEventsInOrder(String... names) {
    requireNoNulls(names, "hasEventsInOrder(String... names)", "names");
    return check(span -> EventChecks.hasEventsInOrder(span, Arrays.asList(names)));
  }

  /**
   * Verifies the span has no events at all.
   *
   * @return this assertion object
   */
  public SELF hasNoEvents() {
    return check(EventChecks::hasNoEvents);
  }

  /**
   * Verifies the span recorded an exception of this type or a subtype ({@code
   * span.recordException}).
   *
   * @param type the exception class
   * @return this assertion object
   */
  public SELF hasException(Class<? extends Throwable> type) {
    requireNonNull(type, "hasException(Class<? extends Throwable> type)", "type");
    return check(span -> EventChecks.hasException(span, type));
  }

  /**
   * Verifies the span recorded an exception of this type (or a subtype) with this message.
   *
   * @param type the exception class
   * @param message the exception's message
   * @return this assertion object
   */
  public SELF hasException(Class<? extends Throwable> type, String message) {
    String method = "hasException(Class<? extends Throwable> type, String message)";
    requireNonNull(type, method, "type");
    requireNonNull(message, method, "message");
    return check(span -> EventChecks.hasException(span, type, message));
  }

  /**
   * Verifies the span recorded an exception together with its stack trace.
   *
   * @return this assertion object
   */
  public SELF hasExceptionWithStackTrace() {
    return check(EventChecks::hasExceptionWithStackTrace);
  }

  /**
   * Verifies the span recorded no exception.
   *
   * @return this assertion object
   */
  public SELF hasNoException() {
    return check(EventChecks::hasNoException);
  }

  /**
   * Verifies how many events the span recorded, counting those its limits dropped (as sdk-testing's
   * {@code hasTotalRecordedEvents} does).
   *
   * @param expected the number of events added to the span
   * @return this assertion object
   */
  public SELF hasTotalRecordedEvents(int expected) {
    return check(span -> EventChecks.hasTotalRecordedEvents(span, expected));
  }

  /**
   * Runs {@code requirements} (AssertJ assertions) on the span's events, in the order they were
   * added. A failure names the span and draws its trace.
   *
   * @param requirements e.g. {@code events -> assertThat(events).hasSize(2)}
   * @return this assertion object
   */
  public SELF hasEventsSatisfying(Consumer<? super List<EventData>> requirements) {
    requireNonNull(
        requirements,
        "hasEventsSatisfying(Consumer<? super List<EventData>> requirements)",
        "requirements");
    return check(
        span -> RequirementChecks.satisfies(span, "events", span.span().getEvents(), requirements));
  }

  // ---------------------------------------------------------------------------------------------
  // Links

  /**
   * Verifies the span links to the span with this context (trace id and span id), e.g. the message
   * a batch consumer processed.
   *
   * @param target the linked span's context
   * @return this assertion object
   */
  public SELF hasLinkTo(SpanContext target) {
    requireNonNull(target, "hasLinkTo(SpanContext target)", "target");
    return check(
        span ->
            LinkChecks.hasLinkTo(span, target, Attributes.empty(), SpanMessages.context(target)));
  }

  /**
   * Verifies the span links to {@code target}, a captured span of any trace.
   *
   * @param target the linked span
   * @return this assertion object
   */
  public SELF hasLinkTo(SpanData target) {
    requireNonNull(target, "hasLinkTo(SpanData target)", "target");
    String described =
        "span [" + target.getName() + "] " + SpanMessages.context(target.getSpanContext());
    return check(
        span -> LinkChecks.hasLinkTo(span, target.getSpanContext(), Attributes.empty(), described));
  }

  /**
   * Verifies the span links to the span with this context, and the link carries at least these
   * attributes.
   *
   * @param target the linked span's context
   * @param attributes attributes the link must have (it may have more)
   * @return this assertion object
   */
  public SELF hasLinkTo(SpanContext target, Attributes attributes) {
    requireNonNull(target, "hasLinkTo(SpanContext target, Attributes attributes)", "target");
    requireNonNull(
        attributes, "hasLinkTo(SpanContext target, Attributes attributes)", "attributes");
    String described = SpanMessages.context(target) + " " + SpanMessages.inline(attributes);
    return check(span -> LinkChecks.hasLinkTo(span, target, attributes, described));
  }

  /**
   * Verifies how many links the span has.
   *
   * @param expected the expected number of links
   * @return this assertion object
   */
  public SELF hasLinkCount(int expected) {
    return check(span -> LinkChecks.hasLinkCount(span, expected));
  }

  /**
   * Verifies how many links the span recorded, counting those its limits dropped (as sdk-testing's
   * {@code hasTotalRecordedLinks} does).
   *
   * @param expected the number of links added to the span
   * @return this assertion object
   */
  public SELF hasTotalRecordedLinks(int expected) {
    return check(span -> LinkChecks.hasTotalRecordedLinks(span, expected));
  }

  /**
   * Runs {@code requirements} (AssertJ assertions) on the span's links. A failure names the span
   * and draws its trace.
   *
   * @param requirements e.g. {@code links -> assertThat(links).hasSize(1)}
   * @return this assertion object
   */
  public SELF hasLinksSatisfying(Consumer<? super List<LinkData>> requirements) {
    requireNonNull(
        requirements,
        "hasLinksSatisfying(Consumer<? super List<LinkData>> requirements)",
        "requirements");
    return check(
        span -> RequirementChecks.satisfies(span, "links", span.span().getLinks(), requirements));
  }

  // ---------------------------------------------------------------------------------------------
  // Head sampling

  /**
   * Verifies the span was sampled: its sampled flag is set, as the sampler's {@code
   * RECORD_AND_SAMPLE} sets it, so it is exported and its context propagates as sampled. A failure
   * names the decision and, for a span the current test captured, the sampler that made it.
   *
   * @return this assertion object
   */
  public SELF isSampled() {
    return check(SamplingChecks::isSampled);
  }

  /**
   * Verifies the span was recorded but not sampled (the sampler's {@code RECORD_ONLY}): it is
   * visible to processors such as spanproof's, but not exported, and its context propagates as not
   * sampled. A span the sampler dropped is not captured at all: assert on its decision with {@link
   * TraceAssertions#assertThatSamplingDecisions()}.
   *
   * @return this assertion object
   */
  public SELF isNotSampled() {
    return check(SamplingChecks::isNotSampled);
  }

  // ---------------------------------------------------------------------------------------------
  // Identity and timing

  /**
   * Verifies the span's trace id, e.g. the one an incoming {@code traceparent} carried.
   *
   * @param traceId 32 lowercase hex characters
   * @return this assertion object
   */
  public SELF hasTraceId(String traceId) {
    requireNonNull(traceId, "hasTraceId(String traceId)", "traceId");
    return check(span -> TreeChecks.hasTraceId(span, traceId));
  }

  /**
   * Verifies the span's id.
   *
   * @param spanId 16 lowercase hex characters
   * @return this assertion object
   */
  public SELF hasSpanId(String spanId) {
    requireNonNull(spanId, "hasSpanId(String spanId)", "spanId");
    return check(span -> IdentityChecks.hasSpanId(span, spanId));
  }

  /**
   * Verifies the id of the span's parent, local or remote; a root's is {@code 0000000000000000} (as
   * sdk-testing's {@code hasParentSpanId} compares it).
   *
   * @param parentSpanId 16 lowercase hex characters
   * @return this assertion object
   */
  public SELF hasParentSpanId(String parentSpanId) {
    requireNonNull(parentSpanId, "hasParentSpanId(String parentSpanId)", "parentSpanId");
    return check(span -> IdentityChecks.hasParentSpanId(span, parentSpanId));
  }

  /**
   * Verifies the span has ended. Spans a test captured always have; spans passed in as data (e.g.
   * {@code ReadableSpan.toSpanData()}) may not.
   *
   * @return this assertion object
   */
  public SELF hasEnded() {
    return check(IdentityChecks::hasEnded);
  }

  /**
   * Verifies the span started at exactly this time.
   *
   * @param epochNanos nanoseconds since the epoch
   * @return this assertion object
   */
  public SELF startsAt(long epochNanos) {
    return check(span -> TimingChecks.startsAt(span, epochNanos));
  }

  /**
   * Verifies the span started at exactly this time.
   *
   * @param timestamp the expected start
   * @return this assertion object
   */
  public SELF startsAt(Instant timestamp) {
    requireNonNull(timestamp, "startsAt(Instant timestamp)", "timestamp");
    return startsAt(epochNanos(timestamp));
  }

  /**
   * Verifies the span ended at exactly this time.
   *
   * @param epochNanos nanoseconds since the epoch
   * @return this assertion object
   */
  public SELF endsAt(long epochNanos) {
    return check(span -> TimingChecks.endsAt(span, epochNanos));
  }

  /**
   * Verifies the span ended at exactly this time.
   *
   * @param timestamp the expected end
   * @return this assertion object
   */
  public SELF endsAt(Instant timestamp) {
    requireNonNull(timestamp, "endsAt(Instant timestamp)", "timestamp");
    return endsAt(epochNanos(timestamp));
  }

  /**
   * Verifies the span belongs to the same trace as {@code other}.
   *
   * @param other a span, e.g. from another service's exporter
   * @return this assertion object
   */
  public SELF hasSameTraceIdAs(SpanData other) {
    requireNonNull(other, "hasSameTraceIdAs(SpanData other)", "other");
    return check(span -> TreeChecks.hasTraceId(span, other.getTraceId()));
  }

  /**
   * Verifies the span lasted at most {@code max}.
   *
   * @param max the longest acceptable duration
   * @return this assertion object
   */
  public SELF hasDurationAtMost(Duration max) {
    requireNonNull(max, "hasDurationAtMost(Duration max)", "max");
    return check(span -> TimingChecks.hasDurationAtMost(span, max));
  }

  /**
   * Verifies the span lasted at least {@code min}.
   *
   * @param min the shortest acceptable duration
   * @return this assertion object
   */
  public SELF hasDurationAtLeast(Duration min) {
    requireNonNull(min, "hasDurationAtLeast(Duration min)", "min");
    return check(span -> TimingChecks.hasDurationAtLeast(span, min));
  }

  /**
   * Verifies the span started no earlier and ended no later than its parent.
   *
   * @return this assertion object
   */
  public SELF startsAndEndsWithinParent() {
    return check(TimingChecks::startsAndEndsWithinParent);
  }

  /**
   * Verifies the span ended before (or as) the unique span named {@code other} in the same trace
   * started: they ran one after the other, not concurrently.
   *
   * @param other the name of the span that should start later
   * @return this assertion object
   */
  public SELF endsBeforeStartOf(String other) {
    requireNonNull(other, "endsBeforeStartOf(String other)", "other");
    return check(span -> TimingChecks.endsBeforeStartOf(span, trace(), other));
  }

  // ---------------------------------------------------------------------------------------------
  // Navigation

  /**
   * Navigates to the unique direct child named {@code name}.
   *
   * @param name the child's name
   * @return an assert on that child, of this assert's type
   */
  @CheckReturnValue
  public SELF child(String name) {
    requireNonNull(name, "child(String name)", "name");
    return navigate(span -> TreeChecks.child(span, trace(), name));
  }

  /**
   * Navigates to the direct child named {@code name} at {@code index} among the children of that
   * name, in the order they started: picks one of several same-named children.
   *
   * @param name the child's name
   * @param index from 0
   * @return an assert on that child, of this assert's type
   * @throws IllegalArgumentException if {@code index} is negative
   */
  @CheckReturnValue
  public SELF child(String name, int index) {
    requireNonNull(name, "child(String name, int index)", "name");
    requireIndex(index, "child(String name, int index)", "index");
    return navigate(span -> TreeChecks.child(span, trace(), name, index));
  }

  /**
   * Navigates to the span's parent within the trace.
   *
   * @return an assert on the parent, of this assert's type
   */
  @CheckReturnValue
  public SELF parent() {
    return navigate(span -> TreeChecks.parent(span, trace()));
  }

  /**
   * Navigates to the span's only event named {@code name}, to check its attributes and timestamp.
   * Fails listing the span's events when it has none of that name, and saying how to pick one when
   * it has several.
   *
   * @param name the event's name, e.g. {@code "payment.initiated"}
   * @return an assert on that event, with {@link EventAssert#returnToSpan()} leading back here
   */
  @CheckReturnValue
  public EventAssert<SELF> event(String name) {
    requireNonNull(name, "event(String name)", "name");
    return navigate(span -> EventNavigation.event(span, name), this::eventAssert);
  }

  /**
   * Navigates to the span's event named {@code name} at {@code index} among the events of that
   * name, in the order they were added: picks one of several same-named events.
   *
   * @param name the event's name
   * @param index from 0
   * @return an assert on that event, with {@link EventAssert#returnToSpan()} leading back here
   * @throws IllegalArgumentException if {@code index} is negative
   */
  @CheckReturnValue
  public EventAssert<SELF> event(String name, int index) {
    requireNonNull(name, "event(String name, int index)", "name");
    requireIndex(index, "event(String name, int index)", "index");
    return navigate(span -> EventNavigation.event(span, name, index), this::eventAssert);
  }

  /**
   * Navigates to the span's link at {@code index}, in the order the links were added.
   *
   * @param index from 0
   * @return an assert on that link, with {@link LinkAssert#returnToSpan()} leading back here
   * @throws IllegalArgumentException if {@code index} is negative
   */
  @CheckReturnValue
  public LinkAssert<SELF> link(int index) {
    requireIndex(index, "link(int index)", "index");
    return navigate(
        span -> LinkChecks.link(span, knownSpans(), index),
        (link, linkGate) -> linkAssert(link, "link " + index, linkGate));
  }

  /**
   * Navigates to the span's only link to a span named {@code spanName}: one of this trace, or of
   * the current test's traces.
   *
   * @param spanName the linked span's name, e.g. {@code "orders publish"}
   * @return an assert on that link, with {@link LinkAssert#returnToSpan()} leading back here
   */
  @CheckReturnValue
  public LinkAssert<SELF> linkTo(String spanName) {
    requireNonNull(spanName, "linkTo(String spanName)", "spanName");
    String described = "link to " + Layout.span(spanName);
    return navigate(
        span -> LinkChecks.linkTo(span, knownSpans(), spanName),
        (link, linkGate) -> linkAssert(link, described, linkGate));
  }

  /**
   * Goes back to the trace this span was navigated from (for a span asserted on its own: the trace
   * below its root), to check another span.
   *
   * @return the trace's assert
   */
  @CheckReturnValue
  public TRACE returnToTrace() {
    return traceAssert();
  }

  // ---------------------------------------------------------------------------------------------
  // Semantic conventions

  /**
   * Verifies the span follows the OpenTelemetry semantic conventions of its type (HTTP client or
   * server, database client, RPC, gRPC, messaging), detected from its kind and attributes: kind,
   * name, status, required attributes, value types, listed values, no deprecated attribute. Fails
   * on violations, listing every finding under the drawn trace; improvements are listed, not
   * failed. Database client spans are judged by the stable conventions.
   *
   * @return this assertion object
   */
  public SELF conformsToSemanticConventions() {
    return conformsToSemanticConventions(SemanticConventionOptions.defaults());
  }

  /**
   * Verifies the span follows the semantic conventions of its detected type, judged as {@code
   * options} say (database names expected, levels that fail).
   *
   * @param options e.g. {@code SemanticConventionOptions.defaults().databaseConventions(OLD)}
   * @return this assertion object
   */
  public SELF conformsToSemanticConventions(SemanticConventionOptions options) {
    requireNonNull(
        options, "conformsToSemanticConventions(SemanticConventionOptions options)", "options");
    return check(span -> SemanticConventionChecks.conforms(span, trace(), null, options));
  }

  /**
   * Verifies the span follows the semantic conventions of {@code convention}, whatever its kind and
   * attributes suggest, e.g. {@code conformsTo(SemanticConvention.HTTP_CLIENT)}.
   *
   * @param convention the span type the span is meant to be
   * @return this assertion object
   */
  public SELF conformsTo(SemanticConvention convention) {
    requireNonNull(convention, "conformsTo(SemanticConvention convention)", "convention");
    return conformsTo(convention, SemanticConventionOptions.defaults());
  }

  /**
   * Verifies the span follows the semantic conventions of {@code convention}, judged as {@code
   * options} say.
   *
   * @param convention the span type the span is meant to be
   * @param options the database names expected and the levels that fail
   * @return this assertion object
   */
  public SELF conformsTo(SemanticConvention convention, SemanticConventionOptions options) {
    String method = "conformsTo(SemanticConvention convention, SemanticConventionOptions options)";
    requireNonNull(convention, method, "convention");
    requireNonNull(options, method, "options");
    return check(span -> SemanticConventionChecks.conforms(span, trace(), convention, options));
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing: the soft gate, the failure renderer and the way back to the trace.

  /** Runs {@code check} on the span unless the gate skips it; throws what it finds wrong. */
  private SELF check(Function<SpanNode, Optional<Failure>> check) {
    if (gate.skipsChecks()) {
      return myself;
    }
    isNotNull();
    Optional<Failure> failure = check.apply(actual);
    if (failure.isPresent()) {
      throw failureFor(failure.get());
    }
    return myself;
  }

  private EventAssert<SELF> eventAssert(EventData event, SoftGate eventGate) {
    EventAssert<SELF> assertion = eventGate.wrap(new EventAssert<>(event), EventData.class, event);
    assertion.attach(myself, actual, eventGate);
    return assertion;
  }

  private LinkAssert<SELF> linkAssert(LinkData link, String described, SoftGate linkGate) {
    LinkAssert<SELF> assertion = linkGate.wrap(new LinkAssert<>(link), LinkData.class, link);
    assertion.attach(myself, actual, described, linkGate);
    return assertion;
  }

  /** The spans a link's target can be named from: this trace's, and the current test's. */
  List<SpanData> knownSpans() {
    List<SpanData> known = new ArrayList<>();
    trace().spans().forEach(node -> known.add(node.span()));
    CaptureSession.current().ifPresent(session -> known.addAll(session.finishedSpans()));
    return known;
  }

  private static long epochNanos(Instant timestamp) {
    return TimeUnit.SECONDS.toNanos(timestamp.getEpochSecond()) + timestamp.getNano();
  }

  /** Navigates to another span of the trace: the trace assert hands out the span asserts. */
  private SELF navigate(Function<SpanNode, Lookup<SpanNode>> lookup) {
    TRACE traces = traceAssert();
    return navigate(
        lookup,
        (node, spanGate) -> node == null ? traces.unresolvedSpan() : traces.spanAssert(node));
  }

  /**
   * The one navigation gate: an assert on what {@code lookup} finds, made by {@code toAssert} with
   * the gate it reports through; after a failure (reported once) or when this assert checks
   * nothing, {@code toAssert} gets null and an unresolved gate.
   */
  private <T, A> A navigate(
      Function<SpanNode, Lookup<T>> lookup, BiFunction<T, SoftGate, A> toAssert) {
    if (gate.skipsChecks()) {
      return toAssert.apply(null, gate);
    }
    isNotNull();
    Lookup<T> found = lookup.apply(actual);
    if (found.isFound()) {
      return toAssert.apply(found.found(), gate);
    }
    return gate.navigationFailed(
        failureFor(found.failure()), () -> toAssert.apply(null, gate.unresolved()));
  }

  /**
   * The error for {@code failure}, drawn with this span's trace; also for its events' and links'
   * asserts.
   */
  AssertionError failureFor(Failure failure) {
    if (!failure.drawsTree()) {
      return failure("%s", failure.message());
    }
    TRACE traces = traceAssert();
    return failureWithActualExpected(
        failure.actual(),
        failure.expected(),
        "%s",
        Layout.describe(failure, traces.actualTrace(), traces.shownAttributes()));
  }

  private Trace trace() {
    return traceAssert().actualTrace();
  }

  private TRACE traceAssert() {
    if (traceAssert == null) {
      traceAssert = newTraceAssert(actual == null ? null : rebuildTrace(actual));
    }
    return traceAssert;
  }

  /** A span asserted on its own: its trace is what hangs below its root. */
  private static Trace rebuildTrace(SpanNode node) {
    SpanNode root = node;
    while (root.parent().isPresent()) {
      root = root.parent().get();
    }
    List<SpanData> spans = new ArrayList<>();
    spans.add(root.span());
    root.descendants().forEach(descendant -> spans.add(descendant.span()));
    return Trace.of(spans);
  }

  /** Soft failures start on a line of their own, below AssertJ's "-- failure 1 --". */
  @Override
  protected AssertionError failureWithActualExpected(
      Object actualValue, Object expectedValue, String format, Object... arguments) {
    return super.failureWithActualExpected(
        actualValue, expectedValue, gate.messageFormat(format), arguments);
  }

  /** Soft failures start on a line of their own, below AssertJ's "-- failure 1 --". */
  @Override
  protected AssertionError failure(String format, Object... arguments) {
    return super.failure(gate.messageFormat(format), arguments);
  }
}
