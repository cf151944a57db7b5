package dev.spanproof.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.Propagation;
import dev.spanproof.core.lint.TraceLint;
import dev.spanproof.core.semconv.DatabaseConventionMode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every setting of {@link TracingExtension.Builder} returns the builder it was called on, so that a
 * {@code @RegisterExtension} field configures the extension in one chained expression.
 */
class TracingExtensionBuilderChainingTest {

  static Stream<Arguments> settings() {
    return Stream.of(
        setting("sampler", b -> b.sampler(Sampler.alwaysOn())),
        setting("resource", b -> b.resource(Resource.empty())),
        setting("propagation", b -> b.propagation(Propagation.W3C_TRACE_CONTEXT)),
        setting(
            "propagators",
            b -> b.propagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))),
        setting("harness", b -> b.harness(harness -> {})),
        setting("installGlobal", TracingExtension.Builder::installGlobal),
        setting("otlpReceiver", TracingExtension.Builder::otlpReceiver),
        setting("unendedSpans", b -> b.unendedSpans(SpanPolicy.WARN)),
        setting("unownedSpans", b -> b.unownedSpans(SpanPolicy.WARN)),
        setting("maxSpansPerTest", b -> b.maxSpansPerTest(10)),
        setting("gracePeriod", b -> b.gracePeriod(Duration.ZERO)),
        setting("recordStartStacks", b -> b.recordStartStacks(false)),
        setting("printTraces", TracingExtension.Builder::printTraces),
        setting("writeTracesTo", b -> b.writeTracesTo(Path.of("traces"))),
        setting("reportAttributes", b -> b.reportAttributes("http.route")),
        setting("lintAfterEachTest", b -> b.lintAfterEachTest(SpanPolicy.WARN)),
        setting(
            "lintAfterEachTest with a lint",
            b -> b.lintAfterEachTest(SpanPolicy.WARN, TraceLint.defaults())),
        setting(
            "semanticConventionsAfterEachTest",
            b -> b.semanticConventionsAfterEachTest(SpanPolicy.WARN)),
        setting(
            "semanticConventionsAfterEachTest with database conventions",
            b ->
                b.semanticConventionsAfterEachTest(SpanPolicy.WARN, DatabaseConventionMode.STABLE)),
        setting("htmlReports", b -> b.htmlReports(HtmlReports.ALL)),
        setting("openScopes", b -> b.openScopes(SpanPolicy.WARN)),
        setting("htmlReportDirectory", b -> b.htmlReportDirectory(Path.of("reports"))),
        setting("scopesClosedOnAnotherThread", b -> b.scopesClosedOnAnotherThread(SpanPolicy.WARN)),
        setting("scopesClosedOutOfOrder", b -> b.scopesClosedOutOfOrder(SpanPolicy.WARN)),
        setting("contextsLeftCurrent", b -> b.contextsLeftCurrent(SpanPolicy.WARN)));
  }

  private static Arguments setting(String name, UnaryOperator<TracingExtension.Builder> setting) {
    return Arguments.of(name, setting);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void should_return_the_builder_it_was_called_on(
      String name, UnaryOperator<TracingExtension.Builder> setting) {
    // GIVEN
    TracingExtension.Builder builder = TracingExtension.builder();
    // WHEN
    TracingExtension.Builder returned = setting.apply(builder);
    // THEN
    assertThat(returned).as(name).isSameAs(builder);
  }
}
