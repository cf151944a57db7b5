package dev.spanproof.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.semconv.SemanticConvention;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The null-argument contract, as AssertJ's ({@code assertThat("abc").startsWith(null)} throws
 * {@code NullPointerException: The given prefix should not be null}, also inside soft assertions):
 * a null argument throws a NullPointerException naming the method and parameter, at once, and is
 * never collected as a soft failure.
 */
class NullArguments_Test {

  private static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("payment.attempts");

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  static Stream<Arguments> spanCalls() {
    return Stream.of(
        call("hasName(String expected): expected must not be null", s -> s.hasName(null)),
        call("hasSpanId(String spanId): spanId must not be null", s -> s.hasSpanId(null)),
        call(
            "hasParentSpanId(String parentSpanId): parentSpanId must not be null",
            s -> s.hasParentSpanId(null)),
        call(
            "startsAt(Instant timestamp): timestamp must not be null",
            s -> s.startsAt((Instant) null)),
        call(
            "endsAt(Instant timestamp): timestamp must not be null", s -> s.endsAt((Instant) null)),
        call("hasResource(Resource expected): expected must not be null", s -> s.hasResource(null)),
        call(
            "hasInstrumentationScopeInfo(InstrumentationScopeInfo expected): expected must not be"
                + " null",
            s -> s.hasInstrumentationScopeInfo(null)),
        call(
            "hasEventsSatisfying(Consumer<? super List<EventData>> requirements): requirements"
                + " must not be null",
            s -> s.hasEventsSatisfying(null)),
        call(
            "hasLinksSatisfying(Consumer<? super List<LinkData>> requirements): requirements must"
                + " not be null",
            s -> s.hasLinksSatisfying(null)),
        call(
            "spanDataSatisfies(Consumer<? super SpanData> requirements): requirements must not be"
                + " null",
            s -> s.spanDataSatisfies(null)),
        call(
            "event(String name): name must not be null",
            s -> {
              var unused = s.event(null);
            }),
        call(
            "linkTo(String spanName): spanName must not be null",
            s -> {
              var unused = s.linkTo(null);
            }),
        call(
            "child(String name, int index): name must not be null",
            s -> {
              var unused = s.child(null, 0);
            }),
        call("hasParent(String name): name must not be null", s -> s.hasParent(null)),
        call(
            "hasRemoteParent(String parentSpanId): parentSpanId must not be null",
            s -> s.hasRemoteParent(null)),
        call(
            "hasBaggage(String key, String value): value must not be null",
            s -> s.hasBaggage("tenant", null)),
        call(
            "hasChildren(String... names): names must not contain null, but got [a, null]",
            s -> s.hasChildren("a", null)),
        call(
            "hasChildrenInOrder(String... names): names must not be null",
            s -> s.hasChildrenInOrder((String[]) null)),
        call(
            "hasChildrenNamed(String name, int expected): name must not be null",
            s -> s.hasChildrenNamed(null, 1)),
        call("hasDescendant(String name): name must not be null", s -> s.hasDescendant(null)),
        call("hasKind(SpanKind expected): expected must not be null", s -> s.hasKind(null)),
        call(
            "conformsTo(SemanticConvention convention): convention must not be null",
            s -> s.conformsTo(null)),
        call(
            "conformsTo(SemanticConvention convention, SemanticConventionOptions options):"
                + " convention must not be null",
            s -> s.conformsTo(null, SemanticConventionOptions.defaults())),
        call(
            "conformsTo(SemanticConvention convention, SemanticConventionOptions options): options"
                + " must not be null",
            s -> s.conformsTo(SemanticConvention.HTTP_CLIENT, null)),
        call(
            "conformsToSemanticConventions(SemanticConventionOptions options): options must not be"
                + " null",
            s -> s.conformsToSemanticConventions(null)),
        call(
            "hasStatus(StatusCode expected): expected must not be null",
            s -> s.hasStatus((StatusCode) null)),
        call(
            "hasStatus(StatusCode expected, String description): description must not be null",
            s -> s.hasStatus(StatusCode.ERROR, null)),
        call(
            "hasAttribute(String key, Object value): value must not be null; use"
                + " doesNotHaveAttribute(String) to check that an attribute is absent",
            s -> s.hasAttribute("payment.attempts", (Object) null)),
        call(
            "hasAttribute(AttributeKey<T> key, Condition<? super T> condition): condition must not"
                + " be null",
            s -> s.hasAttribute(ATTEMPTS, (Condition<Long>) null)),
        call(
            "hasAttributeSatisfying(AttributeKey<T> key, Consumer<? super T> requirements):"
                + " requirements must not be null",
            s -> s.hasAttributeSatisfying(ATTEMPTS, null)),
        call(
            "hasExactlyAttributes(Attributes expected): expected must not be null",
            s -> s.hasExactlyAttributes(null)),
        call(
            "containsAttributes(Attributes expected): expected must not be null",
            s -> s.containsAttributes(null)),
        call(
            "doesNotHaveAttribute(String key): key must not be null",
            s -> s.doesNotHaveAttribute(null)),
        call(
            "hasResourceAttribute(AttributeKey<T> key, T value): key must not be null",
            s -> s.hasResourceAttribute(null, "x")),
        call(
            "hasInstrumentationScope(String name): name must not be null",
            s -> s.hasInstrumentationScope(null)),
        call("hasEvent(String name): name must not be null", s -> s.hasEvent(null)),
        call(
            "hasEvent(String name, Attributes attributes): attributes must not be null",
            s -> s.hasEvent("x", null)),
        call(
            "hasEventsInOrder(String... names): names must not contain null, but got [null]",
            s -> s.hasEventsInOrder((String) null)),
        call(
            "hasException(Class<? extends Throwable> type): type must not be null",
            s -> s.hasException(null)),
        call(
            "hasException(Class<? extends Throwable> type, String message): message must not be"
                + " null",
            s -> s.hasException(IllegalStateException.class, null)),
        call(
            "hasLinkTo(SpanContext target): target must not be null",
            s -> s.hasLinkTo((SpanContext) null)),
        call(
            "hasLinkTo(SpanData target): target must not be null",
            s -> s.hasLinkTo((SpanData) null)),
        call(
            "hasLinkTo(SpanContext target, Attributes attributes): attributes must not be null",
            s -> s.hasLinkTo(SpanContext.getInvalid(), null)),
        call("hasTraceId(String traceId): traceId must not be null", s -> s.hasTraceId(null)),
        call(
            "hasSameTraceIdAs(SpanData other): other must not be null",
            s -> s.hasSameTraceIdAs(null)),
        call(
            "hasDurationAtMost(Duration max): max must not be null",
            s -> s.hasDurationAtMost(null)),
        call(
            "hasDurationAtLeast(Duration min): min must not be null",
            s -> s.hasDurationAtLeast(null)),
        call(
            "endsBeforeStartOf(String other): other must not be null",
            s -> s.endsBeforeStartOf(null)),
        call(
            "child(String name): name must not be null",
            s -> {
              var unused = s.child(null);
            }));
  }

  private static Arguments call(String message, Consumer<SpanAssert> call) {
    return Arguments.of(message, call);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spanCalls")
  void should_throw_at_once_on_a_span(String message, Consumer<SpanAssert> call) {
    // GIVEN
    SpanAssert payment =
        TraceAssertions.assertThatTrace(traces.orderTrace()).span("processPayment");
    // WHEN/THEN
    assertThatThrownBy(() -> call.accept(payment))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spanCalls")
  void should_throw_and_collect_nothing_under_soft_assertions(
      String message, Consumer<SpanAssert> call) {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    SoftTraceAssertions softly = new SoftTraceAssertions();
    SpanAssert payment = softly.assertThatTrace(spans).span("processPayment");
    SpanAssert unresolved = softly.assertThatTrace(spans).span("refund");
    // WHEN/THEN: also after a failed navigation, whose own failure stays the only one collected
    assertThatThrownBy(() -> call.accept(payment))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> call.accept(unresolved))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(message);
    assertThat(softly.errorsCollected())
        .extracting(error -> error.getMessage().strip().lines().findFirst().orElseThrow())
        .containsExactly("Expecting trace 00000000000000000000000000000001 to have a span named:");
  }

  @Test
  void should_throw_at_once_on_a_trace() {
    // GIVEN
    TraceAssert trace = TraceAssertions.assertThatTrace(traces.orderTrace());
    // WHEN/THEN
    assertThatThrownBy(() -> trace.showingAttributes("order.id", null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(
            "showingAttributes(String... keys): keys must not contain null, but got [order.id, null]");
    assertThatThrownBy(() -> trace.hasSpansNamed(null, 1))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("hasSpansNamed(String name, int expected): name must not be null");
    assertThatThrownBy(() -> trace.spanWithAttribute("send", "messaging.message.id", null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(
            "spanWithAttribute(String name, String key, Object value): value must not be null");
    assertThatThrownBy(() -> trace.hasSpanNamed(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("hasSpanNamed(String name): name must not be null");
    assertThatThrownBy(() -> trace.hasNoSpanNamed(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("hasNoSpanNamed(String name): name must not be null");
    assertThatThrownBy(() -> trace.hasTraceId(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("hasTraceId(String expected): expected must not be null");
    assertThatThrownBy(() -> trace.hasDurationAtMost(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("hasDurationAtMost(Duration max): max must not be null");
    assertThatThrownBy(() -> trace.conformsToSemanticConventions(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(
            "conformsToSemanticConventions(SemanticConventionOptions options): options must not be"
                + " null");
    assertThatThrownBy(() -> trace.hasStructureInOrder(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(
            "hasStructureInOrder(ExpectedSpan expected): expected must not be null; build the"
                + " expected tree with span(\"root\", span(\"child\"))");
  }

  @Test
  void should_reject_a_repeat_limit_below_one() {
    TraceAssert trace = TraceAssertions.assertThatTrace(traces.orderTrace());
    assertThatThrownBy(() -> trace.hasNoRepeatedSiblings(0))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "hasNoRepeatedSiblings(int maxRepeats): maxRepeats must be at least 1, but got 0");
  }

  @Test
  void should_throw_at_once_on_traces_softly_too() {
    // GIVEN
    SoftTraceAssertions softly = new SoftTraceAssertions();
    TracesAssert all = softly.assertThatTraces(traces.orderTrace());
    // WHEN/THEN
    assertThatThrownBy(() -> all.traceWithRoot(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("traceWithRoot(String rootName): rootName must not be null");
    assertThat(softly.errorsCollected()).isEmpty();
  }

  @Test
  void should_pass_the_same_checks_with_real_arguments() {
    // The calls above fail for their null alone: with real arguments they run as checks.
    SpanAssert payment =
        TraceAssertions.assertThatTrace(traces.orderTrace()).span("processPayment");
    payment
        .hasKind(SpanKind.CLIENT)
        .hasStatus(StatusCode.ERROR, "card declined")
        .hasAttribute("payment.attempts", 2)
        .hasEvent("exception", Attributes.empty())
        .hasDurationAtMost(Duration.ofSeconds(1));
  }
}
