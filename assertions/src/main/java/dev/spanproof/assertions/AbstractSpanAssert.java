package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.lang.reflect.Array;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Condition;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Assertions on one span of a trace: its place in the tree, kind, status, attributes, events,
 * exceptions, links, resource, scope and timing. Every failure names the span and draws its trace
 * with the span marked.
 *
 * <p>Extend this class (with {@code SELF} your own type) to add domain assertions that keep
 * chaining; {@link SpanAssert} is the ready-made leaf.
 *
 * @param <SELF> the concrete assert type, returned by every assertion so that calls chain
 */
public abstract class AbstractSpanAssert<SELF extends AbstractSpanAssert<SELF>>
    extends AbstractAssert<SELF, SpanNode> {

  private static final AttributeKey<String> EXCEPTION_TYPE =
      AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE =
      AttributeKey.stringKey("exception.stacktrace");

  private Trace trace;
  private AbstractTraceAssert<?> traceAssert;
  private List<String> shownAttributes = Layout.KEY_ATTRIBUTES;
  private SoftAssertionsProvider softly;
  private boolean unresolved;

  /**
   * Creates an assert on {@code actual}; its trace is rebuilt from the span's root when a failure
   * needs to draw it.
   *
   * @param actual the span, may be null (every assertion then fails)
   * @param selfType the concrete assert class
   */
  protected AbstractSpanAssert(SpanNode actual, Class<?> selfType) {
    super(actual, selfType);
    // Spans and traces read well in spanproof's messages without registering globally.
    info.useRepresentation(SpanRepresentation.SPAN_REPRESENTATION);
  }

  /**
   * Links this assert to the trace it navigated from; for a failed soft navigation, makes it check
   * nothing.
   */
  void attach(
      Trace inTrace,
      AbstractTraceAssert<?> from,
      List<String> attributes,
      SoftAssertionsProvider collector,
      boolean unresolvedActual) {
    this.trace = inTrace;
    this.traceAssert = from;
    this.shownAttributes = attributes;
    this.softly = collector;
    this.unresolved = unresolvedActual;
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
    if (skip()) {
      return myself;
    }
    requireArgument(expected, "hasName(String)", "a span name");
    if (!actual.name().equals(expected)) {
      throw spanFailure(
          actual.name(),
          expected,
          SpanMessages.shouldHaveName(actual, expected),
          "expected name " + Layout.quote(expected));
    }
    return myself;
  }

  /**
   * Verifies the span's parent, in this trace, is named {@code name}.
   *
   * @param name the expected parent's name
   * @return this assertion object
   */
  public SELF hasParent(String name) {
    if (skip()) {
      return myself;
    }
    requireArgument(name, "hasParent(String)", "a span name");
    if (actual.parent().map(p -> p.name().equals(name)).orElse(false)) {
      return myself;
    }
    throw spanFailure(
        actual.parent().map(SpanNode::name).orElse(null),
        name,
        SpanMessages.shouldHaveParent(actual, name),
        "expected parent [" + name + "]");
  }

  /**
   * Verifies the span has no parent at all: not a local one, not a remote one.
   *
   * @return this assertion object
   */
  public SELF isRoot() {
    if (skip()) {
      return myself;
    }
    if (actual.span().getParentSpanContext().isValid()) {
      throw spanFailure(
          actual.parentSpanId(),
          SpanContext.getInvalid().getSpanId(),
          SpanMessages.shouldBeRoot(actual),
          "expected a root");
    }
    return myself;
  }

  /**
   * Verifies the span continues a context received from another process (e.g. extracted from an
   * incoming {@code traceparent}).
   *
   * @return this assertion object
   */
  public SELF hasRemoteParent() {
    if (skip()) {
      return myself;
    }
    if (!actual.hasRemoteParent()) {
      throw spanFailure(
          actual.parentSpanId(),
          "a remote parent",
          SpanMessages.shouldHaveRemoteParent(actual, null),
          "expected a remote parent");
    }
    return myself;
  }

  /**
   * Verifies the span continues the remote span {@code parentSpanId}; with {@link #hasTraceId} this
   * checks which trace an incoming request continued.
   *
   * @param parentSpanId 16 lowercase hex characters
   * @return this assertion object
   */
  public SELF hasRemoteParent(String parentSpanId) {
    if (skip()) {
      return myself;
    }
    requireArgument(parentSpanId, "hasRemoteParent(String)", "a span id");
    if (!actual.hasRemoteParent() || !actual.parentSpanId().equals(parentSpanId)) {
      throw spanFailure(
          actual.parentSpanId(),
          parentSpanId,
          SpanMessages.shouldHaveRemoteParent(actual, parentSpanId),
          "expected remote parent " + parentSpanId);
    }
    return myself;
  }

  /**
   * Verifies that the baggage {@code key=value} was in the context where the span started: the
   * span's code saw it, and would have propagated it. Spans do not carry baggage, so this works for
   * spans captured by a spanproof harness that is still open (the current test's), not for spans
   * from elsewhere.
   *
   * @param key the baggage key, e.g. {@code tenant.id}
   * @param value the expected value
   * @return this assertion object
   */
  public SELF hasBaggage(String key, String value) {
    if (skip()) {
      return myself;
    }
    requireArgument(key, "hasBaggage(String, String)", "a baggage key");
    requireArgument(value, "hasBaggage(String, String)", "a baggage value");
    Optional<Baggage> baggage = actual.baggageAtStart();
    if (baggage.isEmpty()) {
      throw failure("%s", SpanMessages.shouldHaveBaggageButUnknown(actual, key, value));
    }
    String found = baggage.get().getEntryValue(key);
    if (!value.equals(found)) {
      throw spanFailure(
          found,
          value,
          SpanMessages.shouldHaveBaggage(actual, key, value, baggage.get()),
          "expected baggage " + key + "=" + value);
    }
    return myself;
  }

  /**
   * Verifies the span's direct children are exactly these names, in any order.
   *
   * @param names the expected child names; repeat a name for repeated children
   * @return this assertion object
   */
  public SELF hasChildren(String... names) {
    return checkChildren(names, false, "hasChildren(String...)");
  }

  /**
   * Verifies the span's direct children are exactly these names, in start order (sibling order).
   *
   * @param names the expected child names, in the order the children started
   * @return this assertion object
   */
  public SELF hasChildrenInOrder(String... names) {
    return checkChildren(names, true, "hasChildrenInOrder(String...)");
  }

  private SELF checkChildren(String[] names, boolean ordered, String method) {
    if (skip()) {
      return myself;
    }
    requireArgument(names, method, "child names");
    List<String> expected = Arrays.asList(names);
    if (expected.contains(null)) {
      throw failure("%s", method + " needs child names, but got null among them: " + expected);
    }
    List<String> actualNames = actual.children().stream().map(SpanNode::name).toList();
    boolean same =
        ordered ? actualNames.equals(expected) : sorted(actualNames).equals(sorted(expected));
    if (!same) {
      throw spanFailure(
          actualNames,
          expected,
          SpanMessages.shouldHaveChildren(actual, expected, ordered),
          "expected children " + expected + (ordered ? " in this order" : ""));
    }
    return myself;
  }

  /**
   * Verifies how many direct children the span has.
   *
   * @param expected the expected number of children
   * @return this assertion object
   */
  public SELF hasChildCount(int expected) {
    if (skip()) {
      return myself;
    }
    if (actual.children().size() != expected) {
      throw spanFailure(
          actual.children().size(),
          expected,
          SpanMessages.shouldHaveChildCount(actual, expected),
          "expected " + Layout.count(expected, "child", "children"));
    }
    return myself;
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
    if (skip()) {
      return myself;
    }
    requireArgument(name, "hasChildrenNamed(String, int)", "a span name");
    long count = actual.children().stream().filter(child -> child.name().equals(name)).count();
    if (count != expected) {
      throw spanFailure(
          count,
          expected,
          SpanMessages.shouldHaveChildrenNamed(actual, name, expected, (int) count),
          "expected " + expected + " x " + Layout.quote(name) + " below, found " + count);
    }
    return myself;
  }

  /**
   * Verifies a span named {@code name} hangs anywhere below this one (child, grandchild, …).
   *
   * @param name the descendant's name
   * @return this assertion object
   */
  public SELF hasDescendant(String name) {
    if (skip()) {
      return myself;
    }
    requireArgument(name, "hasDescendant(String)", "a span name");
    List<SpanNode> below = actual.descendants();
    if (below.stream().noneMatch(node -> node.name().equals(name))) {
      List<SpanNode> near = NearMisses.closestAmong(name, below);
      throw spanFailure(
          Layout.names(below),
          name,
          SpanMessages.shouldHaveDescendant(actual, name, below, near),
          "expected [" + name + "] below");
    }
    return myself;
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
    if (skip()) {
      return myself;
    }
    requireArgument(expected, "hasKind(SpanKind)", "a kind");
    if (actual.span().getKind() != expected) {
      throw spanFailure(
          actual.span().getKind(),
          expected,
          SpanMessages.shouldHaveKind(actual, expected),
          "expected kind " + expected);
    }
    return myself;
  }

  /**
   * Verifies the span's status code, whatever its description.
   *
   * @param expected e.g. {@link StatusCode#ERROR}
   * @return this assertion object
   */
  public SELF hasStatus(StatusCode expected) {
    if (skip()) {
      return myself;
    }
    requireArgument(expected, "hasStatus(StatusCode)", "a status code");
    if (actual.span().getStatus().getStatusCode() != expected) {
      throw spanFailure(
          actual.span().getStatus().getStatusCode(),
          expected,
          SpanMessages.shouldHaveStatus(actual, expected.toString()),
          "expected status " + expected);
    }
    return myself;
  }

  /**
   * Verifies the span's status code and description.
   *
   * @param expected e.g. {@link StatusCode#ERROR}
   * @param description e.g. {@code "card declined"}
   * @return this assertion object
   */
  public SELF hasStatus(StatusCode expected, String description) {
    if (skip()) {
      return myself;
    }
    requireArgument(expected, "hasStatus(StatusCode, String)", "a status code");
    requireArgument(description, "hasStatus(StatusCode, String)", "a description");
    String wanted = expected + " " + Layout.quote(description);
    if (actual.span().getStatus().getStatusCode() != expected
        || !actual.span().getStatus().getDescription().equals(description)) {
      throw spanFailure(
          SpanMessages.status(actual.span().getStatus()),
          wanted,
          SpanMessages.shouldHaveStatus(actual, wanted),
          "expected status " + wanted);
    }
    return myself;
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
    if (skip()) {
      return myself;
    }
    requireArgument(key, "hasAttribute(String, Object)", "a key");
    requireArgument(
        value,
        "hasAttribute(String, Object)",
        "a value (use doesNotHaveAttribute(String) for absence)");
    Map.Entry<AttributeKey<?>, Object> found = attributeNamed(key);
    if (found == null || !Objects.equals(normalize(found.getValue()), normalize(value))) {
      throw attributeFailure(key, value, found);
    }
    return myself;
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
    if (skip()) {
      return myself;
    }
    requireArgument(key, "hasAttribute(AttributeKey, Object)", "a key");
    requireArgument(
        value,
        "hasAttribute(AttributeKey, Object)",
        "a value (use doesNotHaveAttribute(String) for absence)");
    T actualValue = actual.span().getAttributes().get(key);
    if (!value.equals(actualValue)) {
      throw attributeFailure(key.getKey(), value, attributeNamed(key.getKey()));
    }
    return myself;
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
    if (skip()) {
      return myself;
    }
    requireArgument(key, "hasAttribute(AttributeKey, Condition)", "a key");
    requireArgument(condition, "hasAttribute(AttributeKey, Condition)", "a condition");
    T value = actual.span().getAttributes().get(key);
    if (value == null || !condition.matches(value)) {
      String found =
          value == null ? "it has no such attribute" : "its value " + value + " does not";
      throw spanFailure(
          value,
          condition,
          SpanMessages.shouldHaveAttributeMatching(
              actual, key.getKey(), condition.toString(), found),
          "expected " + key.getKey() + " to be " + condition);
    }
    return myself;
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
    if (skip()) {
      return myself;
    }
    requireArgument(key, "hasAttributeSatisfying(AttributeKey, Consumer)", "a key");
    requireArgument(requirements, "hasAttributeSatisfying(AttributeKey, Consumer)", "requirements");
    T value = actual.span().getAttributes().get(key);
    if (value == null) {
      throw attributeFailure(key.getKey(), "(any value)", attributeNamed(key.getKey()));
    }
    try {
      requirements.accept(value);
    } catch (AssertionError e) {
      throw spanFailure(
          value,
          null,
          SpanMessages.shouldHaveAttributeMatching(
              actual,
              key.getKey(),
              "satisfies the requirements",
              "its value " + value + " does not:\n" + Layout.indent(e.getMessage())),
          key.getKey() + " does not satisfy the requirements");
    }
    return myself;
  }

  /**
   * Verifies the span's attributes are exactly {@code expected}: no more, no fewer, same values.
   *
   * @param expected all the attributes the span should have
   * @return this assertion object
   */
  public SELF hasExactlyAttributes(Attributes expected) {
    if (skip()) {
      return myself;
    }
    requireArgument(expected, "hasExactlyAttributes(Attributes)", "attributes");
    // The SDK's attribute map and Attributes.of(...) are different classes: compare as maps.
    if (!actual.span().getAttributes().asMap().equals(expected.asMap())) {
      throw spanFailure(
          SpanMessages.attributes(actual.span().getAttributes()),
          SpanMessages.attributes(expected),
          SpanMessages.shouldHaveExactlyAttributes(actual, expected),
          "attributes differ");
    }
    return myself;
  }

  /**
   * Verifies the span has at least these attributes with these values; others may exist too.
   *
   * @param expected a subset of the span's attributes
   * @return this assertion object
   */
  public SELF containsAttributes(Attributes expected) {
    if (skip()) {
      return myself;
    }
    requireArgument(expected, "containsAttributes(Attributes)", "attributes");
    List<String> missing = new ArrayList<>();
    expected.forEach(
        (key, value) -> {
          if (!value.equals(actual.span().getAttributes().get(key))) {
            missing.add(key.getKey());
          }
        });
    if (!missing.isEmpty()) {
      throw spanFailure(
          SpanMessages.attributes(actual.span().getAttributes()),
          SpanMessages.attributes(expected),
          SpanMessages.shouldContainAttributes(actual, expected, missing),
          "missing or different: " + missing);
    }
    return myself;
  }

  /**
   * Verifies the span has no attribute named {@code key}, of any type.
   *
   * @param key the attribute key
   * @return this assertion object
   */
  public SELF doesNotHaveAttribute(String key) {
    if (skip()) {
      return myself;
    }
    requireArgument(key, "doesNotHaveAttribute(String)", "a key");
    Map.Entry<AttributeKey<?>, Object> found = attributeNamed(key);
    if (found != null) {
      throw spanFailure(
          found.getValue(),
          null,
          SpanMessages.shouldNotHaveAttribute(actual, key, found.getValue()),
          "unexpected " + key);
    }
    return myself;
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
    if (skip()) {
      return myself;
    }
    requireArgument(key, "hasResourceAttribute(AttributeKey, Object)", "a key");
    requireArgument(value, "hasResourceAttribute(AttributeKey, Object)", "a value");
    T actualValue = actual.span().getResource().getAttribute(key);
    if (!value.equals(actualValue)) {
      throw spanFailure(
          actualValue,
          value,
          SpanMessages.shouldHaveResourceAttribute(actual, key.getKey(), value),
          "expected resource " + key.getKey() + "=" + value);
    }
    return myself;
  }

  /**
   * Verifies the name of the instrumentation scope (the tracer's name) that produced the span.
   *
   * @param name e.g. {@code "io.opentelemetry.jdbc"}
   * @return this assertion object
   */
  public SELF hasInstrumentationScope(String name) {
    if (skip()) {
      return myself;
    }
    requireArgument(name, "hasInstrumentationScope(String)", "a scope name");
    String actualName = actual.span().getInstrumentationScopeInfo().getName();
    if (!actualName.equals(name)) {
      throw spanFailure(
          actualName,
          name,
          SpanMessages.shouldHaveScope(actual, name),
          "expected scope " + Layout.quote(name));
    }
    return myself;
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
    if (skip()) {
      return myself;
    }
    requireArgument(name, "hasEvent(String)", "an event name");
    if (actual.span().getEvents().stream().noneMatch(event -> event.getName().equals(name))) {
      throw spanFailure(
          eventNames(),
          name,
          SpanMessages.shouldHaveEvent(actual, name),
          "expected event " + Layout.quote(name));
    }
    return myself;
  }

  /**
   * Verifies the span has an event named {@code name} whose attributes include {@code attributes}.
   *
   * @param name the event name
   * @param attributes attributes the event must have (it may have more)
   * @return this assertion object
   */
  public SELF hasEvent(String name, Attributes attributes) {
    if (skip()) {
      return myself;
    }
    requireArgument(name, "hasEvent(String, Attributes)", "an event name");
    requireArgument(attributes, "hasEvent(String, Attributes)", "attributes");
    boolean found =
        actual.span().getEvents().stream()
            .anyMatch(
                event ->
                    event.getName().equals(name) && containsAll(event.getAttributes(), attributes));
    if (!found) {
      String wanted = name + " " + SpanMessages.inline(attributes);
      throw spanFailure(
          SpanMessages.events(actual.span().getEvents()),
          wanted,
          SpanMessages.shouldHaveEvent(actual, wanted),
          "expected event " + Layout.quote(name) + " with " + SpanMessages.inline(attributes));
    }
    return myself;
  }

  /**
   * Verifies these events occurred in this order; other events may come before, between or after.
   *
   * @param names event names, in the expected order
   * @return this assertion object
   */
  public SELF hasEventsInOrder(String... names) {
    if (skip()) {
      return myself;
    }
    requireArgument(names, "hasEventsInOrder(String...)", "event names");
    List<String> expected = Arrays.asList(names);
    if (expected.contains(null)) {
      throw failure(
          "%s",
          "hasEventsInOrder(String...) needs event names, but got null among them: " + expected);
    }
    int next = 0;
    for (String name : eventNames()) {
      if (next < expected.size() && name.equals(expected.get(next))) {
        next++;
      }
    }
    if (next < expected.size()) {
      throw spanFailure(
          eventNames(),
          expected,
          SpanMessages.shouldHaveEventsInOrder(actual, expected),
          "expected events " + expected);
    }
    return myself;
  }

  /**
   * Verifies the span has no events at all.
   *
   * @return this assertion object
   */
  public SELF hasNoEvents() {
    if (skip()) {
      return myself;
    }
    if (!actual.span().getEvents().isEmpty()) {
      throw spanFailure(
          eventNames(), List.of(), SpanMessages.shouldHaveNoEvents(actual), "expected no events");
    }
    return myself;
  }

  /**
   * Verifies the span recorded an exception of this type or a subtype ({@code
   * span.recordException}).
   *
   * @param type the exception class
   * @return this assertion object
   */
  public SELF hasException(Class<? extends Throwable> type) {
    if (skip()) {
      return myself;
    }
    requireArgument(type, "hasException(Class)", "an exception type");
    if (exceptionEvents().stream().noneMatch(event -> isOfType(event, type))) {
      throw spanFailure(
          SpanMessages.events(exceptionEvents()),
          type.getName(),
          SpanMessages.shouldHaveException(actual, type.getName(), exceptionEvents()),
          "expected exception " + type.getSimpleName());
    }
    return myself;
  }

  /**
   * Verifies the span recorded an exception of this type (or a subtype) with this message.
   *
   * @param type the exception class
   * @param message the exception's message
   * @return this assertion object
   */
  public SELF hasException(Class<? extends Throwable> type, String message) {
    if (skip()) {
      return myself;
    }
    requireArgument(type, "hasException(Class, String)", "an exception type");
    requireArgument(message, "hasException(Class, String)", "a message");
    boolean found =
        exceptionEvents().stream()
            .anyMatch(
                event ->
                    isOfType(event, type)
                        && message.equals(event.getAttributes().get(EXCEPTION_MESSAGE)));
    if (!found) {
      String wanted = type.getName() + ": " + message;
      throw spanFailure(
          SpanMessages.events(exceptionEvents()),
          wanted,
          SpanMessages.shouldHaveException(actual, wanted, exceptionEvents()),
          "expected exception " + type.getSimpleName() + " " + Layout.quote(message));
    }
    return myself;
  }

  /**
   * Verifies the span recorded an exception together with its stack trace.
   *
   * @return this assertion object
   */
  public SELF hasExceptionWithStackTrace() {
    if (skip()) {
      return myself;
    }
    boolean found =
        exceptionEvents().stream()
            .anyMatch(
                event -> {
                  String stack = event.getAttributes().get(EXCEPTION_STACKTRACE);
                  return stack != null && !stack.isBlank();
                });
    if (!found) {
      throw spanFailure(
          SpanMessages.events(exceptionEvents()),
          "an exception with exception.stacktrace",
          SpanMessages.shouldHaveException(
              actual, "an exception with exception.stacktrace", exceptionEvents()),
          "expected an exception stack trace");
    }
    return myself;
  }

  /**
   * Verifies the span recorded no exception.
   *
   * @return this assertion object
   */
  public SELF hasNoException() {
    if (skip()) {
      return myself;
    }
    if (!exceptionEvents().isEmpty()) {
      throw spanFailure(
          SpanMessages.events(exceptionEvents()),
          "no exception",
          SpanMessages.shouldHaveNoException(actual, exceptionEvents()),
          "expected no exception");
    }
    return myself;
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
    if (skip()) {
      return myself;
    }
    requireArgument(target, "hasLinkTo(SpanContext)", "a span context");
    if (findLink(target) == null) {
      throw linkFailure(SpanMessages.context(target));
    }
    return myself;
  }

  /**
   * Verifies the span links to {@code target}, a captured span of any trace.
   *
   * @param target the linked span
   * @return this assertion object
   */
  public SELF hasLinkTo(SpanData target) {
    if (skip()) {
      return myself;
    }
    requireArgument(target, "hasLinkTo(SpanData)", "a span");
    if (findLink(target.getSpanContext()) == null) {
      throw linkFailure(
          "span [" + target.getName() + "] " + SpanMessages.context(target.getSpanContext()));
    }
    return myself;
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
    if (skip()) {
      return myself;
    }
    requireArgument(target, "hasLinkTo(SpanContext, Attributes)", "a span context");
    requireArgument(attributes, "hasLinkTo(SpanContext, Attributes)", "attributes");
    LinkData link = findLink(target);
    if (link == null || !containsAll(link.getAttributes(), attributes)) {
      throw linkFailure(SpanMessages.context(target) + " " + SpanMessages.inline(attributes));
    }
    return myself;
  }

  /**
   * Verifies how many links the span has.
   *
   * @param expected the expected number of links
   * @return this assertion object
   */
  public SELF hasLinkCount(int expected) {
    if (skip()) {
      return myself;
    }
    if (actual.span().getLinks().size() != expected) {
      throw spanFailure(
          actual.span().getLinks().size(),
          expected,
          SpanMessages.shouldHaveLinkCount(actual, expected),
          "expected " + Layout.count(expected, "link", "links"));
    }
    return myself;
  }

  private LinkData findLink(SpanContext target) {
    for (LinkData link : actual.span().getLinks()) {
      if (link.getSpanContext().getTraceId().equals(target.getTraceId())
          && link.getSpanContext().getSpanId().equals(target.getSpanId())) {
        return link;
      }
    }
    return null;
  }

  private AssertionError linkFailure(String wanted) {
    return spanFailure(
        SpanMessages.links(actual.span().getLinks()),
        wanted,
        SpanMessages.shouldHaveLink(actual, wanted),
        "expected a link");
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
    if (skip()) {
      return myself;
    }
    requireArgument(traceId, "hasTraceId(String)", "a trace id");
    if (!actual.span().getTraceId().equals(traceId)) {
      throw spanFailure(
          actual.span().getTraceId(),
          traceId,
          SpanMessages.shouldHaveTraceId(actual, traceId),
          "expected trace " + traceId);
    }
    return myself;
  }

  /**
   * Verifies the span belongs to the same trace as {@code other}.
   *
   * @param other a span, e.g. from another service's exporter
   * @return this assertion object
   */
  public SELF hasSameTraceIdAs(SpanData other) {
    requireArgument(other, "hasSameTraceIdAs(SpanData)", "a span");
    return hasTraceId(other.getTraceId());
  }

  /**
   * Verifies the span lasted at most {@code max}.
   *
   * @param max the longest acceptable duration
   * @return this assertion object
   */
  public SELF hasDurationAtMost(Duration max) {
    if (skip()) {
      return myself;
    }
    requireArgument(max, "hasDurationAtMost(Duration)", "a duration");
    if (actual.duration().compareTo(max) > 0) {
      throw spanFailure(
          actual.duration(),
          max,
          SpanMessages.shouldHaveDuration(
              actual, "at most", Durations.format(max), Durations.format(actual.duration())),
          "expected at most " + Durations.format(max));
    }
    return myself;
  }

  /**
   * Verifies the span lasted at least {@code min}.
   *
   * @param min the shortest acceptable duration
   * @return this assertion object
   */
  public SELF hasDurationAtLeast(Duration min) {
    if (skip()) {
      return myself;
    }
    requireArgument(min, "hasDurationAtLeast(Duration)", "a duration");
    if (actual.duration().compareTo(min) < 0) {
      throw spanFailure(
          actual.duration(),
          min,
          SpanMessages.shouldHaveDuration(
              actual, "at least", Durations.format(min), Durations.format(actual.duration())),
          "expected at least " + Durations.format(min));
    }
    return myself;
  }

  /**
   * Verifies the span started no earlier and ended no later than its parent.
   *
   * @return this assertion object
   */
  public SELF startsAndEndsWithinParent() {
    if (skip()) {
      return myself;
    }
    if (actual.parent().isEmpty()) {
      throw spanFailure(
          null, "a parent", SpanMessages.shouldHaveParent(actual, "(any)"), "expected a parent");
    }
    SpanData parent = actual.parent().get().span();
    SpanData span = actual.span();
    String problem = null;
    if (span.getStartEpochNanos() < parent.getStartEpochNanos()) {
      problem =
          "it started "
              + Durations.format(parent.getStartEpochNanos() - span.getStartEpochNanos())
              + " before its parent";
    } else if (span.getEndEpochNanos() > parent.getEndEpochNanos()) {
      problem =
          "it ended "
              + Durations.format(span.getEndEpochNanos() - parent.getEndEpochNanos())
              + " after its parent";
    }
    if (problem != null) {
      throw spanFailure(
          problem, "within parent", SpanMessages.shouldBeWithinParent(actual, problem), problem);
    }
    return myself;
  }

  /**
   * Verifies the span ended before (or as) the unique span named {@code other} in the same trace
   * started: they ran one after the other, not concurrently.
   *
   * @param other the name of the span that should start later
   * @return this assertion object
   */
  public SELF endsBeforeStartOf(String other) {
    if (skip()) {
      return myself;
    }
    requireArgument(other, "endsBeforeStartOf(String)", "a span name");
    AbstractTraceAssert<?> traces = traceAssert();
    SpanNode later =
        traces.uniqueSpan(
            traces.actualTrace().spansNamed(other), other, Layout.trace(traces.actualTrace()));
    long end = actual.span().getEndEpochNanos();
    long start = later.span().getStartEpochNanos();
    if (end > start) {
      String gap = Durations.format(end - start);
      throw spanFailure(
          gap,
          "0 ns",
          SpanMessages.shouldEndBeforeStartOf(actual, later, gap),
          "ends " + gap + " after [" + other + "] starts");
    }
    return myself;
  }

  // ---------------------------------------------------------------------------------------------
  // Navigation

  /**
   * Navigates to the unique direct child named {@code name}.
   *
   * @param name the child's name
   * @return an assert on that child
   */
  @CheckReturnValue
  public SpanAssert child(String name) {
    AbstractTraceAssert<?> traces = traceAssert();
    if (skip()) {
      return unresolved(traces);
    }
    try {
      requireArgument(name, "child(String)", "a span name");
      List<SpanNode> named =
          actual.children().stream().filter(child -> child.name().equals(name)).toList();
      if (named.isEmpty()) {
        List<SpanNode> near = NearMisses.closestAmong(name, actual.children());
        throw spanFailure(
            Layout.names(actual.children()),
            name,
            SpanMessages.shouldHaveChildNamed(actual, name, near),
            "expected a child named " + Layout.quote(name));
      }
      return traces.spanAssert(
          nodeIn(traces.actualTrace(), traces.uniqueSpan(named, name, Layout.span(actual))));
    } catch (AssertionError e) {
      return traces.navigationFailed(e);
    }
  }

  /**
   * Navigates to the span's parent within the trace.
   *
   * @return an assert on the parent
   */
  @CheckReturnValue
  public SpanAssert parent() {
    AbstractTraceAssert<?> traces = traceAssert();
    if (skip()) {
      return unresolved(traces);
    }
    try {
      if (actual.parent().isEmpty()) {
        throw spanFailure(
            null, "a parent", SpanMessages.shouldHaveParent(actual, "(any)"), "expected a parent");
      }
      return traces.spanAssert(nodeIn(traces.actualTrace(), actual.parent().get()));
    } catch (AssertionError e) {
      return traces.navigationFailed(e);
    }
  }

  /**
   * Goes back to the trace this span was navigated from, to check another span.
   *
   * @return the trace's assert
   */
  @CheckReturnValue
  public TraceAssert returnToTrace() {
    AbstractTraceAssert<?> traces = traceAssert();
    if (traces instanceof TraceAssert back) {
      return back;
    }
    return TraceAssertions.traceAssert(traces.actualTrace(), softly, shownAttributes);
  }

  private static SpanAssert unresolved(AbstractTraceAssert<?> traces) {
    return traces.unresolvedSpan();
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  private AbstractTraceAssert<?> traceAssert() {
    if (traceAssert == null) {
      Trace own = trace != null ? trace : actual == null ? null : rebuildTrace(actual);
      traceAssert = TraceAssertions.traceAssert(own, softly, shownAttributes);
      trace = own;
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

  /**
   * The node of {@code trace} with the same span id (the same object when navigating within one
   * trace).
   */
  private static SpanNode nodeIn(Trace trace, SpanNode node) {
    return trace.findBySpanId(node.spanId()).orElse(node);
  }

  private AssertionError spanFailure(
      Object actualValue, Object expectedValue, String message, String mark) {
    AbstractTraceAssert<?> traces = traceAssert();
    SpanNode marked = nodeIn(traces.actualTrace(), actual);
    TraceRenderer renderer = Layout.renderer(shownAttributes).withMark(marked, mark);
    return failureWithActualExpected(
        actualValue, expectedValue, "%s", message + "\n\n" + renderer.render(traces.actualTrace()));
  }

  private AssertionError attributeFailure(
      String key, Object expected, Map.Entry<AttributeKey<?>, Object> found) {
    String what;
    if (found == null) {
      what = "it has no attribute " + key;
    } else if (!normalize(found.getValue()).getClass().equals(normalize(expected).getClass())
        && !"(any value)".equals(expected)) {
      what = "it has " + key + "=" + found.getValue() + " of type " + found.getKey().getType();
    } else {
      what = "it has " + key + "=" + found.getValue();
    }
    if (!shownAttributes.contains(key)) {
      List<String> keys = new ArrayList<>(shownAttributes);
      keys.add(key);
      shownAttributes = List.copyOf(keys);
    }
    return spanFailure(
        found == null ? null : found.getValue(),
        expected,
        SpanMessages.shouldHaveAttribute(actual, key, expected, what),
        "expected " + key + "=" + expected);
  }

  private Map.Entry<AttributeKey<?>, Object> attributeNamed(String key) {
    for (Map.Entry<AttributeKey<?>, Object> entry :
        actual.span().getAttributes().asMap().entrySet()) {
      if (entry.getKey().getKey().equals(key)) {
        return entry;
      }
    }
    return null;
  }

  /** Integers as longs, floats as doubles, arrays as lists: values as OpenTelemetry stores them. */
  private static Object normalize(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value != null && value.getClass().isArray()) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        list.add(normalize(Array.get(value, i)));
      }
      return list;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(AbstractSpanAssert::normalize).toList();
    }
    return value;
  }

  private static boolean containsAll(Attributes actualAttributes, Attributes expected) {
    boolean[] all = {true};
    expected.forEach((key, value) -> all[0] &= value.equals(actualAttributes.get(key)));
    return all[0];
  }

  private List<String> eventNames() {
    return actual.span().getEvents().stream().map(EventData::getName).toList();
  }

  private List<EventData> exceptionEvents() {
    return actual.span().getEvents().stream()
        .filter(event -> event.getAttributes().get(EXCEPTION_TYPE) != null)
        .toList();
  }

  private static boolean isOfType(EventData event, Class<? extends Throwable> type) {
    String recorded = event.getAttributes().get(EXCEPTION_TYPE);
    if (recorded == null) {
      return false;
    }
    if (recorded.equals(type.getName()) || recorded.equals(type.getCanonicalName())) {
      return true;
    }
    try {
      return type.isAssignableFrom(Class.forName(recorded, false, type.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static List<String> sorted(List<String> names) {
    List<String> copy = new ArrayList<>(names);
    copy.sort(null);
    return copy;
  }

  private boolean skip() {
    if (unresolved) {
      return true;
    }
    isNotNull();
    return false;
  }

  private void requireArgument(Object argument, String method, String what) {
    if (argument == null) {
      throw failure("%s", method + " needs " + what + ", but got null");
    }
  }

  /** Soft failures start on a line of their own, below AssertJ's "-- failure 1 --". */
  @Override
  protected AssertionError failureWithActualExpected(
      Object actualValue, Object expectedValue, String format, Object... arguments) {
    return super.failureWithActualExpected(
        actualValue,
        expectedValue,
        Layout.startingOwnLineIfSoft(format, softly != null),
        arguments);
  }

  /** Soft failures start on a line of their own, below AssertJ's "-- failure 1 --". */
  @Override
  protected AssertionError failure(String format, Object... arguments) {
    return super.failure(Layout.startingOwnLineIfSoft(format, softly != null), arguments);
  }
}
