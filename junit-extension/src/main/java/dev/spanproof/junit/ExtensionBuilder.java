package dev.spanproof.junit;

import dev.spanproof.core.Propagation;
import dev.spanproof.core.StartStackRecording;
import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.lint.TraceLint;
import dev.spanproof.core.semconv.DatabaseConventionMode;
import dev.spanproof.core.semconv.SemanticConventions;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The options of {@link TracingExtension.Builder}, in a file of their own so that the extension's
 * file is about tests. Each setter validates its argument and returns the builder it was called on.
 * Package-private: users see the methods on {@link TracingExtension.Builder}.
 */
abstract class ExtensionBuilder {
  // Harness settings are kept as a recipe, replayed on a fresh TracingHarness.Builder for each
  // harness, so a built extension never shares mutable state with this builder. Each step is
  // also applied at once to a scratch builder, so bad arguments fail where they are given.
  private final List<Consumer<TracingHarness.Builder>> harnessRecipe = new ArrayList<>();
  private final TracingHarness.Builder validator = TracingHarness.builder();
  private boolean installGlobal;
  private boolean otlpReceiver;
  private SpanPolicy unendedSpans = SpanPolicy.FAIL;
  private SpanPolicy unownedSpans = SpanPolicy.WARN;
  private Duration gracePeriod = Duration.ofMillis(500);
  private boolean printTraces;
  private Path traceDirectory;
  private String[] reportedAttributes = new String[0];
  private SpanPolicy lintPolicy;
  private TraceLint lint;
  private SpanPolicy semanticConventionsPolicy;
  private DatabaseConventionMode databaseConventions;
  private HtmlReports htmlReports;
  private Path htmlReportDirectory;
  private SpanPolicy openScopes;
  private SpanPolicy scopesClosedOnAnotherThread;
  private SpanPolicy scopesClosedOutOfOrder;
  private SpanPolicy contextsLeftCurrent;
  private SpanPolicy unassertedSpans;

  /**
   * The sampler, e.g. {@code Sampler.parentBased(Sampler.traceIdRatioBased(0.25))}. Default: always
   * on.
   */
  public TracingExtension.Builder sampler(Sampler sampler) {
    return harnessStep(harness -> harness.sampler(sampler));
  }

  /** Merged over the SDK's default resource, e.g. to set {@code service.name}. */
  public TracingExtension.Builder resource(Resource resource) {
    return harnessStep(harness -> harness.resource(resource));
  }

  /** Injects and extracts these formats, in this order. Default: W3C trace context and baggage. */
  public TracingExtension.Builder propagation(Propagation first, Propagation... more) {
    Propagation[] rest = more == null ? null : more.clone();
    return harnessStep(harness -> harness.propagation(first, rest));
  }

  /** Any propagators, when {@link #propagation} does not offer the format. */
  public TracingExtension.Builder propagators(ContextPropagators propagators) {
    return harnessStep(harness -> harness.propagators(propagators));
  }

  /**
   * Further harness settings: clock, id generator, span limits, extra processors. The customizer
   * runs once for each harness the extension creates (one per test class).
   */
  public TracingExtension.Builder harness(Consumer<TracingHarness.Builder> customizer) {
    return harnessStep(requireArgument(customizer, "customizer"));
  }

  /**
   * Makes {@code GlobalOpenTelemetry} serve the harness while the class's tests run, and restores
   * the previous global afterwards. Declare the lock too, with {@link UsesGlobalOpenTelemetry} on
   * the class.
   */
  public TracingExtension.Builder installGlobal() {
    this.installGlobal = true;
    return self();
  }

  /**
   * Runs an OTLP/HTTP receiver on 127.0.0.1 for each test class, so that spans other processes
   * export to it (a service in a child JVM or a container) join the trace of the test that called
   * them; see {@link TracingHarness#otlpEndpoint()}. Tests get its base URI as a {@link URI}
   * parameter. After each test the checks wait until the receiver has been quiet for the {@link
   * #gracePeriod(Duration) grace period}, so that spans still on their way count. It stops with the
   * class's harness.
   */
  public TracingExtension.Builder otlpReceiver() {
    this.otlpReceiver = true;
    return self();
  }

  /**
   * What to do when a test leaves spans started but not ended. Default: {@link SpanPolicy#FAIL}.
   */
  public TracingExtension.Builder unendedSpans(SpanPolicy policy) {
    this.unendedSpans = requireArgument(policy, "policy");
    return self();
  }

  /**
   * What to do with spans that belong to no test, reported when the harness closes: after the
   * class, or after each test for an extension on an instance field. Default: {@link
   * SpanPolicy#WARN}.
   */
  public TracingExtension.Builder unownedSpans(SpanPolicy policy) {
    this.unownedSpans = requireArgument(policy, "policy");
    return self();
  }

  /**
   * How many spans one test may start; beyond it, the test fails naming the limit. Default:
   * 100,000.
   *
   * @throws IllegalArgumentException if {@code maxSpans} is less than 1
   */
  public TracingExtension.Builder maxSpansPerTest(int maxSpans) {
    return harnessStep(harness -> harness.maxSpans(maxSpans));
  }

  /**
   * How long to wait after a test for spans still ending on other threads before they count as
   * unended, and, with {@link #otlpReceiver()}, how long the receiver must have been quiet before
   * the after-test checks judge the spans other processes exported (at most four times this in
   * all). Default: 500 ms; zero waits for nothing.
   *
   * @throws IllegalArgumentException if null or negative
   */
  public TracingExtension.Builder gracePeriod(Duration gracePeriod) {
    if (gracePeriod == null || gracePeriod.isNegative()) {
      throw new IllegalArgumentException(
          "gracePeriod must be zero or positive, but was " + gracePeriod);
    }
    this.gracePeriod = gracePeriod;
    return self();
  }

  /**
   * Whether to record where spans start, to report unended spans with their stack: {@code true}
   * records the first span of each name in the test class ({@link
   * StartStackRecording#FIRST_OF_EACH_NAME_PER_HARNESS}), and a later span of that name, in any
   * test of the class, is reported with the first one's stack. Default: on, or the {@value
   * SpanproofConfiguration#START_STACKS_PROPERTY_NAME} configuration parameter.
   */
  public TracingExtension.Builder recordStartStacks(boolean record) {
    return harnessStep(harness -> harness.recordStartStacks(record));
  }

  /**
   * Which spans record where they start: {@link StartStackRecording#EVERY_SPAN} gives every unended
   * span its own stack, for code that starts spans of one name in several places, at a few
   * microseconds per span; {@link StartStackRecording#FIRST_OF_EACH_NAME} records the first span of
   * each name in each test. Scopes follow: one stack per span name made current, in the class or
   * (with the other two) every scope's own. Default: {@link
   * StartStackRecording#FIRST_OF_EACH_NAME_PER_HARNESS}, or the {@value
   * SpanproofConfiguration#START_STACKS_PROPERTY_NAME} configuration parameter.
   *
   * @throws IllegalArgumentException if {@code recording} is null
   */
  public TracingExtension.Builder recordStartStacks(StartStackRecording recording) {
    return harnessStep(harness -> harness.recordStartStacks(recording));
  }

  /**
   * Prints each test's traces to standard output after the test; also {@value
   * SpanproofConfiguration#PRINT_TRACES_PROPERTY_NAME}{@code =true}.
   */
  public TracingExtension.Builder printTraces() {
    this.printTraces = true;
    return self();
  }

  /**
   * Writes each test's traces to {@code directory/<test class>/<test>.txt}; also the {@value
   * SpanproofConfiguration#TRACES_DIRECTORY_PROPERTY_NAME} configuration parameter, which this
   * option overrides.
   */
  public TracingExtension.Builder writeTracesTo(Path directory) {
    this.traceDirectory = requireArgument(directory, "directory");
    return self();
  }

  /** Attributes shown on each span of printed and written traces. */
  public TracingExtension.Builder reportAttributes(String... keys) {
    requireArgument(keys, "keys");
    for (String key : keys) {
      requireArgument(key, "attribute key");
    }
    this.reportedAttributes = keys.clone();
    return self();
  }

  /**
   * Runs {@link TraceLint#defaults() trace lint} on each test's traces after the test: with {@link
   * SpanPolicy#FAIL} a violation fails the test, listing every finding and drawing the traces with
   * the offending spans marked; with {@link SpanPolicy#WARN} that report is logged. Overrides the
   * {@value SpanproofConfiguration#LINT_PROPERTY_NAME} configuration parameter; rules are switched
   * off with {@value SpanproofConfiguration#LINT_DISABLED_RULES_PROPERTY_NAME}. Default: no lint.
   */
  public TracingExtension.Builder lintAfterEachTest(SpanPolicy policy) {
    this.lintPolicy = requireArgument(policy, "policy");
    return self();
  }

  /**
   * Like {@link #lintAfterEachTest(SpanPolicy)}, with the rules, levels and limits of {@code lint},
   * e.g. {@code TraceLint.defaults().without("n_plus_one").expectingOneTrace()}.
   */
  public TracingExtension.Builder lintAfterEachTest(SpanPolicy policy, TraceLint lint) {
    this.lintPolicy = requireArgument(policy, "policy");
    this.lint = requireArgument(lint, "lint");
    return self();
  }

  /**
   * Checks each test's spans against the {@link SemanticConventions#bundled() bundled semantic
   * conventions} after the test, expecting the stable database names: with {@link SpanPolicy#FAIL}
   * a violation fails the test, listing every finding and drawing the traces with the offending
   * spans marked; with {@link SpanPolicy#WARN} that report is logged. Overrides the {@value
   * SpanproofConfiguration#SEMCONV_PROPERTY_NAME} configuration parameter. Default: no check.
   */
  public TracingExtension.Builder semanticConventionsAfterEachTest(SpanPolicy policy) {
    this.semanticConventionsPolicy = requireArgument(policy, "policy");
    return self();
  }

  /**
   * Like {@link #semanticConventionsAfterEachTest(SpanPolicy)}, expecting the database names of
   * {@code databaseConventions}, e.g. {@link DatabaseConventionMode#OLD} for OpenTelemetry's
   * instrumentation without {@code otel.semconv-stability.opt-in}. Overrides the {@value
   * SpanproofConfiguration#SEMCONV_DATABASE_PROPERTY_NAME} configuration parameter.
   */
  public TracingExtension.Builder semanticConventionsAfterEachTest(
      SpanPolicy policy, DatabaseConventionMode databaseConventions) {
    this.semanticConventionsPolicy = requireArgument(policy, "policy");
    this.databaseConventions = requireArgument(databaseConventions, "databaseConventions");
    return self();
  }

  /**
   * Which tests get a waterfall report, an HTML page drawing the test's traces (see
   * docs/reports.md). Overrides the {@value SpanproofConfiguration#REPORT_HTML_PROPERTY_NAME}
   * configuration parameter. Default: {@link HtmlReports#FAILED}.
   */
  public TracingExtension.Builder htmlReports(HtmlReports which) {
    this.htmlReports = requireArgument(which, "which");
    return self();
  }

  /**
   * What to do when a test leaves a scope open on any thread ({@code span.makeCurrent()} never
   * closed), reported with the stack where it was opened. Overrides the {@value
   * SpanproofConfiguration#OPEN_SCOPES_PROPERTY_NAME} configuration parameter. Default: {@link
   * SpanPolicy#FAIL}.
   */
  public TracingExtension.Builder openScopes(SpanPolicy policy) {
    this.openScopes = requireArgument(policy, "policy");
    return self();
  }

  /**
   * Where waterfall reports go: {@code directory/<test class>/<test>.html} and {@code
   * directory/index.html}. Overrides the {@value
   * SpanproofConfiguration#REPORT_DIRECTORY_PROPERTY_NAME} configuration parameter. Default:
   * {@value SpanproofConfiguration#DEFAULT_REPORT_DIRECTORY}.
   */
  public TracingExtension.Builder htmlReportDirectory(Path directory) {
    this.htmlReportDirectory = requireArgument(directory, "directory");
    return self();
  }

  /**
   * What to do when a test closes a scope on a thread other than the one that opened it. Overrides
   * the {@value SpanproofConfiguration#SCOPES_CLOSED_ON_ANOTHER_THREAD_PROPERTY_NAME} configuration
   * parameter. Default: {@link SpanPolicy#FAIL}.
   */
  public TracingExtension.Builder scopesClosedOnAnotherThread(SpanPolicy policy) {
    this.scopesClosedOnAnotherThread = requireArgument(policy, "policy");
    return self();
  }

  /**
   * What to do when a test closes a scope while a scope opened after it on the same thread is still
   * open. Overrides the {@value SpanproofConfiguration#SCOPES_CLOSED_OUT_OF_ORDER_PROPERTY_NAME}
   * configuration parameter. Default: {@link SpanPolicy#FAIL}.
   */
  public TracingExtension.Builder scopesClosedOutOfOrder(SpanPolicy policy) {
    this.scopesClosedOutOfOrder = requireArgument(policy, "policy");
    return self();
  }

  /**
   * What to do when a thread still has the test's context current after the test, such as a pooled
   * thread whose task left a scope open. Overrides the {@value
   * SpanproofConfiguration#CONTEXTS_LEFT_CURRENT_PROPERTY_NAME} configuration parameter. Default:
   * {@link SpanPolicy#FAIL}.
   */
  public TracingExtension.Builder contextsLeftCurrent(SpanPolicy policy) {
    this.contextsLeftCurrent = requireArgument(policy, "policy");
    return self();
  }

  /**
   * Strict assertion mode: what to do when a test that passed produced spans that no assertion
   * touched, listed and marked on the drawn traces, so that a test asserting {@code processOrder}
   * and {@code processPayment} notices the third span it never expected. A span is touched when an
   * assertion selects it, by name or by navigating to it ({@code span}, {@code root}, {@code
   * child}, {@code parent}), or when {@code hasRoot}, {@code hasSpanNamed}, {@code hasSpansNamed}
   * or {@code hasStructure} pass naming it; see docs/strict-mode.md. Overrides the {@value
   * SpanproofConfiguration#UNASSERTED_SPANS_PROPERTY_NAME} configuration parameter. Default: {@link
   * SpanPolicy#IGNORE}, off.
   */
  public TracingExtension.Builder unassertedSpans(SpanPolicy policy) {
    this.unassertedSpans = requireArgument(policy, "policy");
    return self();
  }

  private TracingExtension.Builder harnessStep(Consumer<TracingHarness.Builder> step) {
    step.accept(validator);
    harnessRecipe.add(step);
    return self();
  }

  /** This builder, as the type users hold. */
  abstract TracingExtension.Builder self();

  /** What the options set so far make, for an extension to keep. */
  final ExtensionSettings settings() {
    return new ExtensionSettings(
        harnessRecipe,
        installGlobal,
        otlpReceiver,
        unendedSpans,
        unownedSpans,
        gracePeriod,
        printTraces,
        Optional.ofNullable(traceDirectory),
        List.of(reportedAttributes),
        Optional.ofNullable(lintPolicy),
        Optional.ofNullable(lint),
        Optional.ofNullable(semanticConventionsPolicy),
        Optional.ofNullable(databaseConventions),
        Optional.ofNullable(htmlReports),
        Optional.ofNullable(htmlReportDirectory),
        new ExtensionSettings.ScopePolicies(
            Optional.ofNullable(openScopes),
            Optional.ofNullable(scopesClosedOnAnotherThread),
            Optional.ofNullable(scopesClosedOutOfOrder),
            Optional.ofNullable(contextsLeftCurrent)),
        Optional.ofNullable(unassertedSpans));
  }

  private static <T> T requireArgument(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }
}
