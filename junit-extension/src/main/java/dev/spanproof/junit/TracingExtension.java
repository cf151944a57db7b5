package dev.spanproof.junit;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.Propagation;
import dev.spanproof.core.SpanLimitExceededException;
import dev.spanproof.core.StartStackRecording;
import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.lint.TraceLint;
import dev.spanproof.core.semconv.DatabaseConventionMode;
import dev.spanproof.core.semconv.SemanticConventions;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

/**
 * Gives each test an isolated, captured OpenTelemetry: the spans a test produces, and only those,
 * are its own, also when tests run in parallel, when the code under test uses {@code
 * GlobalOpenTelemetry}, and when spans end on other threads.
 *
 * <pre>{@code
 * @ExtendWith(TracingExtension.class)
 * class OrderServiceTest {
 *   @Test
 *   void ordersAreTraced(OpenTelemetry otel, Tracer tracer) {
 *     new OrderService(otel).processOrder(order);
 *     assertThatTrace().hasRoot("processOrder").hasSpanCount(3);
 *   }
 * }
 * }</pre>
 *
 * <p>Or configured:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TracingExtension tracing = TracingExtension.builder()
 *     .sampler(Sampler.parentBased(Sampler.traceIdRatioBased(0.25)))
 *     .installGlobal()
 *     .build();
 * }</pre>
 *
 * <p>How it works: a test class shares one {@link TracingHarness}; each test opens a {@link
 * CaptureSession} that is current in the {@code Context} while the test, its {@code @BeforeEach}
 * and its {@code @AfterEach} methods run. A span belongs to the test whose session its parent
 * context carries, or whose session already holds spans of its trace. After each test, spans that
 * were started and not ended are waited for (a bounded grace period) and then reported with the
 * stack where they started: by default the test fails. So does a test that leaves a scope open,
 * closes one on another thread or out of order, or leaves its context current on a thread
 * (configurable per check, e.g. {@link Builder#openScopes(SpanPolicy)}; see docs/strict-mode.md).
 * In strict assertion mode ({@link Builder#unassertedSpans(SpanPolicy)}), so does a test that
 * produced spans no assertion touched. When asked ({@link Builder#lintAfterEachTest(SpanPolicy)},
 * {@link Builder#semanticConventionsAfterEachTest(SpanPolicy)}), it also runs trace lint and the
 * semantic-convention check on the test's traces.
 *
 * <p>Injects {@link OpenTelemetry}, {@link Tracer} (scope {@value
 * TracingHarness#TEST_TRACER_SCOPE}), {@link TracingHarness} and, into tests and their
 * {@code @BeforeEach}/{@code @AfterEach} methods, the test's {@link CaptureSession}. With {@link
 * Builder#otlpReceiver()}, a {@link URI} parameter gets the OTLP endpoint that other processes
 * export their spans to.
 *
 * <p>Configuration parameters, such as printing each test's traces: {@link SpanproofConfiguration}.
 */
public class TracingExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        InvocationInterceptor,
        ParameterResolver,
        TestExecutionExceptionHandler {

  /**
   * The {@code @ResourceLock} key for {@code GlobalOpenTelemetry}; see {@link
   * UsesGlobalOpenTelemetry}.
   */
  public static final String GLOBAL_OPENTELEMETRY_LOCK = "io.opentelemetry.api.GlobalOpenTelemetry";

  private final ExtensionStore store = new ExtensionStore(this);
  private final ExtensionSettings settings;
  private final UnendedSpanRule unendedSpanRule;
  private final ExportedSpansGrace exportedSpansGrace;
  private final UnownedSpanRule unownedSpanRule;
  private final TraceReportWriter traceReportWriter;
  private final WaterfallReportWriter waterfallReportWriter;
  private final AfterTestChecks afterTestChecks;
  private final ScopeRules scopeRules;
  private final UnassertedSpanRule unassertedSpanRule;

  static {
    // Before any test of a class that uses the extension opens a scope; see docs/strict-mode.md.
    ScopeRules.install();
  }

  /** The extension with defaults, as {@code @ExtendWith(TracingExtension.class)} creates it. */
  public TracingExtension() {
    this(new Builder());
  }

  private TracingExtension(Builder builder) {
    this.settings = builder.settings();
    this.unendedSpanRule = new UnendedSpanRule(settings);
    this.exportedSpansGrace = new ExportedSpansGrace(settings);
    this.unownedSpanRule = new UnownedSpanRule(settings);
    this.traceReportWriter = new TraceReportWriter(settings);
    this.waterfallReportWriter = new WaterfallReportWriter(settings);
    this.afterTestChecks = new AfterTestChecks(settings);
    this.scopeRules = new ScopeRules(settings);
    this.unassertedSpanRule = new UnassertedSpanRule(settings);
  }

  /** Configures an extension for {@code @RegisterExtension}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    store.claimTestClass(context);
    store.harness(context, () -> startHarness(context));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    HarnessResource harness = store.ownHarness(context);
    if (harness != null) {
      failIfPresent(unownedSpanRule.checkOnClose(context, harness));
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    store.claimTestClass(context);
    TracingHarness harness = store.harness(context, () -> startHarness(context)).harness();
    CaptureSession session = harness.openSession(TestNames.describe(context));
    store.putSession(context, session);
    scopeRules.watch(context, session);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Optional<CaptureSession> removed = store.removeSession(context);
    if (removed.isEmpty()) {
      return;
    }
    CaptureSession session = removed.get();
    runThenAlways(
        () -> finishTest(context, session),
        () -> {
          session.close();
          failIfPresent(unownedSpansAfterTest(context, session.name()));
        });
  }

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext)
      throws Throwable {
    proceedInSession(invocation, extensionContext);
  }

  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext)
      throws Throwable {
    proceedInSession(invocation, extensionContext);
  }

  @Override
  public <T> T interceptTestFactoryMethod(
      Invocation<T> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext)
      throws Throwable {
    return proceedInSession(invocation, extensionContext);
  }

  @Override
  public void interceptDynamicTest(
      Invocation<Void> invocation,
      DynamicTestInvocationContext invocationContext,
      ExtensionContext extensionContext)
      throws Throwable {
    proceedInSession(invocation, extensionContext);
  }

  @Override
  public void interceptBeforeEachMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext)
      throws Throwable {
    proceedInSession(invocation, extensionContext);
  }

  @Override
  public void interceptAfterEachMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext)
      throws Throwable {
    proceedInSession(invocation, extensionContext);
  }

  /** Names the test's waterfall report at the end of the failure message, when it gets one. */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw waterfallReportWriter.withReportNamed(context, throwable);
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == OpenTelemetry.class
        || type == Tracer.class
        || type == TracingHarness.class
        || type == CaptureSession.class
        // Only when asked for: a URI parameter is otherwise another resolver's business.
        || (type == URI.class && settings.otlpReceiver());
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    if (type == CaptureSession.class) {
      return store
          .findSession(extensionContext)
          .orElseThrow(
              () ->
                  new ParameterResolutionException(
                      "CaptureSession is the spans of one test, so it can be injected only into a"
                          + " test method or its @BeforeEach/@AfterEach methods, not into "
                          + parameterContext.getDeclaringExecutable()));
    }
    HarnessResource resource = store.findHarness(extensionContext);
    if (resource == null) {
      throw new ParameterResolutionException(
          "TracingExtension has no harness yet for "
              + parameterContext.getDeclaringExecutable()
              + ": an extension registered on an instance field starts its harness before each"
              + " test, so register it on a static field to inject "
              + type.getSimpleName()
              + " into constructors or @BeforeAll methods");
    }
    TracingHarness harness = resource.harness();
    if (type == OpenTelemetry.class) {
      return harness.openTelemetry();
    }
    if (type == Tracer.class) {
      return harness.tracer();
    }
    if (type == URI.class) {
      return harness.otlpEndpoint();
    }
    return harness;
  }

  private <T> T proceedInSession(Invocation<T> invocation, ExtensionContext context)
      throws Throwable {
    Optional<CaptureSession> session = store.findSession(context);
    if (session.isEmpty()) {
      return invocation.proceed();
    }
    try (Scope ignored = session.get().makeCurrent()) {
      return invocation.proceed();
    }
  }

  private void finishTest(ExtensionContext context, CaptureSession session) {
    List<String> failures = new ArrayList<>();
    exportedSpansGrace.await(store.findHarness(context));
    unendedSpanRule.check(session).ifPresent(failures::add);
    failures.addAll(scopeRules.check(context, session));
    try {
      session.requireWithinLimit();
      failures.addAll(afterTestChecks.check(context, session));
      unassertedSpanRule.check(context, session).ifPresent(failures::add);
      traceReportWriter.report(context, session);
      waterfallReportWriter.write(context, session, failures).ifPresent(failures::add);
    } catch (SpanLimitExceededException e) {
      failures.add(e.getMessage());
    }
    failIfAny(failures);
  }

  private Optional<String> unownedSpansAfterTest(ExtensionContext context, String test) {
    HarnessResource harnessOfThisTest = store.ownHarness(context);
    if (harnessOfThisTest != null) {
      // Registered on an instance field: the harness lives and dies with this test.
      return unownedSpanRule.checkOnClose(context, harnessOfThisTest);
    }
    return unownedSpanRule.checkAfterTest(store.findHarness(context), test);
  }

  private static void failIfPresent(Optional<String> failure) {
    failure.ifPresent(
        message -> {
          throw new AssertionFailedError(message);
        });
  }

  private static void failIfAny(List<String> failures) {
    if (!failures.isEmpty()) {
      throw new AssertionFailedError(String.join("\n\n", failures));
    }
  }

  /**
   * A {@code finally} that neither swallows nor is swallowed: {@code always} runs even when {@code
   * body} fails, and when both fail, the test sees both (the second as suppressed).
   */
  private static void runThenAlways(Runnable body, Runnable always) {
    try {
      body.run();
    } catch (RuntimeException | Error failure) {
      try {
        always.run();
      } catch (RuntimeException | Error alsoFailed) {
        failure.addSuppressed(alsoFailed);
      }
      throw failure;
    }
    always.run();
  }

  private HarnessResource startHarness(ExtensionContext context) {
    TracingHarness harness = settings.newHarness(context);
    return new HarnessResource(
        harness, settings.installsGlobal(context) ? harness.installGlobal() : null);
  }

  /** Configures a {@link TracingExtension}. Each setter validates its argument. */
  public static final class Builder {
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

    private Builder() {}

    /**
     * The sampler, e.g. {@code Sampler.parentBased(Sampler.traceIdRatioBased(0.25))}. Default:
     * always on.
     */
    public Builder sampler(Sampler sampler) {
      return harnessStep(harness -> harness.sampler(sampler));
    }

    /** Merged over the SDK's default resource, e.g. to set {@code service.name}. */
    public Builder resource(Resource resource) {
      return harnessStep(harness -> harness.resource(resource));
    }

    /**
     * Injects and extracts these formats, in this order. Default: W3C trace context and baggage.
     */
    public Builder propagation(Propagation first, Propagation... more) {
      Propagation[] rest = more == null ? null : more.clone();
      return harnessStep(harness -> harness.propagation(first, rest));
    }

    /** Any propagators, when {@link #propagation} does not offer the format. */
    public Builder propagators(ContextPropagators propagators) {
      return harnessStep(harness -> harness.propagators(propagators));
    }

    /**
     * Further harness settings: clock, id generator, span limits, extra processors. The customizer
     * runs once for each harness the extension creates (one per test class).
     */
    public Builder harness(Consumer<TracingHarness.Builder> customizer) {
      return harnessStep(requireArgument(customizer, "customizer"));
    }

    /**
     * Makes {@code GlobalOpenTelemetry} serve the harness while the class's tests run, and restores
     * the previous global afterwards. Declare the lock too, with {@link UsesGlobalOpenTelemetry} on
     * the class.
     */
    public Builder installGlobal() {
      this.installGlobal = true;
      return this;
    }

    /**
     * Runs an OTLP/HTTP receiver on 127.0.0.1 for each test class, so that spans other processes
     * export to it (a service in a child JVM or a container) join the trace of the test that called
     * them; see {@link TracingHarness#otlpEndpoint()}. Tests get its base URI as a {@link URI}
     * parameter. After each test the checks wait until the receiver has been quiet for the {@link
     * #gracePeriod(Duration) grace period}, so that spans still on their way count. It stops with
     * the class's harness.
     */
    public Builder otlpReceiver() {
      this.otlpReceiver = true;
      return this;
    }

    /**
     * What to do when a test leaves spans started but not ended. Default: {@link SpanPolicy#FAIL}.
     */
    public Builder unendedSpans(SpanPolicy policy) {
      this.unendedSpans = requireArgument(policy, "policy");
      return this;
    }

    /**
     * What to do with spans that belong to no test, reported when the harness closes: after the
     * class, or after each test for an extension on an instance field. Default: {@link
     * SpanPolicy#WARN}.
     */
    public Builder unownedSpans(SpanPolicy policy) {
      this.unownedSpans = requireArgument(policy, "policy");
      return this;
    }

    /**
     * How many spans one test may start; beyond it, the test fails naming the limit. Default:
     * 100,000.
     *
     * @throws IllegalArgumentException if {@code maxSpans} is less than 1
     */
    public Builder maxSpansPerTest(int maxSpans) {
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
    public Builder gracePeriod(Duration gracePeriod) {
      if (gracePeriod == null || gracePeriod.isNegative()) {
        throw new IllegalArgumentException(
            "gracePeriod must be zero or positive, but was " + gracePeriod);
      }
      this.gracePeriod = gracePeriod;
      return this;
    }

    /**
     * Whether to record where spans start, to report unended spans with their stack: {@code true}
     * records the first span of each name in each test ({@link
     * StartStackRecording#FIRST_OF_EACH_NAME}), and a later span of that name is reported with the
     * first one's stack. Default: on, or the {@value
     * SpanproofConfiguration#START_STACKS_PROPERTY_NAME} configuration parameter.
     */
    public Builder recordStartStacks(boolean record) {
      return harnessStep(harness -> harness.recordStartStacks(record));
    }

    /**
     * Which spans record where they start: {@link StartStackRecording#EVERY_SPAN} gives every
     * unended span its own stack, for code that starts spans of one name in several places, at a
     * few microseconds per span. Default: {@link StartStackRecording#FIRST_OF_EACH_NAME}, or the
     * {@value SpanproofConfiguration#START_STACKS_PROPERTY_NAME} configuration parameter.
     *
     * @throws IllegalArgumentException if {@code recording} is null
     */
    public Builder recordStartStacks(StartStackRecording recording) {
      return harnessStep(harness -> harness.recordStartStacks(recording));
    }

    /**
     * Prints each test's traces to standard output after the test; also {@value
     * SpanproofConfiguration#PRINT_TRACES_PROPERTY_NAME}{@code =true}.
     */
    public Builder printTraces() {
      this.printTraces = true;
      return this;
    }

    /**
     * Writes each test's traces to {@code directory/<test class>/<test>.txt}; also the {@value
     * SpanproofConfiguration#TRACES_DIRECTORY_PROPERTY_NAME} configuration parameter, which this
     * option overrides.
     */
    public Builder writeTracesTo(Path directory) {
      this.traceDirectory = requireArgument(directory, "directory");
      return this;
    }

    /** Attributes shown on each span of printed and written traces. */
    public Builder reportAttributes(String... keys) {
      requireArgument(keys, "keys");
      for (String key : keys) {
        requireArgument(key, "attribute key");
      }
      this.reportedAttributes = keys.clone();
      return this;
    }

    /**
     * Runs {@link TraceLint#defaults() trace lint} on each test's traces after the test: with
     * {@link SpanPolicy#FAIL} a violation fails the test, listing every finding and drawing the
     * traces with the offending spans marked; with {@link SpanPolicy#WARN} that report is logged.
     * Overrides the {@value SpanproofConfiguration#LINT_PROPERTY_NAME} configuration parameter;
     * rules are switched off with {@value
     * SpanproofConfiguration#LINT_DISABLED_RULES_PROPERTY_NAME}. Default: no lint.
     */
    public Builder lintAfterEachTest(SpanPolicy policy) {
      this.lintPolicy = requireArgument(policy, "policy");
      return this;
    }

    /**
     * Like {@link #lintAfterEachTest(SpanPolicy)}, with the rules, levels and limits of {@code
     * lint}, e.g. {@code TraceLint.defaults().without("n_plus_one").expectingOneTrace()}.
     */
    public Builder lintAfterEachTest(SpanPolicy policy, TraceLint lint) {
      this.lintPolicy = requireArgument(policy, "policy");
      this.lint = requireArgument(lint, "lint");
      return this;
    }

    /**
     * Checks each test's spans against the {@link SemanticConventions#bundled() bundled semantic
     * conventions} after the test, expecting the stable database names: with {@link
     * SpanPolicy#FAIL} a violation fails the test, listing every finding and drawing the traces
     * with the offending spans marked; with {@link SpanPolicy#WARN} that report is logged.
     * Overrides the {@value SpanproofConfiguration#SEMCONV_PROPERTY_NAME} configuration parameter.
     * Default: no check.
     */
    public Builder semanticConventionsAfterEachTest(SpanPolicy policy) {
      this.semanticConventionsPolicy = requireArgument(policy, "policy");
      return this;
    }

    /**
     * Like {@link #semanticConventionsAfterEachTest(SpanPolicy)}, expecting the database names of
     * {@code databaseConventions}, e.g. {@link DatabaseConventionMode#OLD} for OpenTelemetry's
     * instrumentation without {@code otel.semconv-stability.opt-in}. Overrides the {@value
     * SpanproofConfiguration#SEMCONV_DATABASE_PROPERTY_NAME} configuration parameter.
     */
    public Builder semanticConventionsAfterEachTest(
        SpanPolicy policy, DatabaseConventionMode databaseConventions) {
      this.semanticConventionsPolicy = requireArgument(policy, "policy");
      this.databaseConventions = requireArgument(databaseConventions, "databaseConventions");
      return this;
    }

    /**
     * Which tests get a waterfall report, an HTML page drawing the test's traces (see
     * docs/reports.md). Overrides the {@value SpanproofConfiguration#REPORT_HTML_PROPERTY_NAME}
     * configuration parameter. Default: {@link HtmlReports#FAILED}.
     */
    public Builder htmlReports(HtmlReports which) {
      this.htmlReports = requireArgument(which, "which");
      return this;
    }

    /**
     * What to do when a test leaves a scope open on any thread ({@code span.makeCurrent()} never
     * closed), reported with the stack where it was opened. Overrides the {@value
     * SpanproofConfiguration#OPEN_SCOPES_PROPERTY_NAME} configuration parameter. Default: {@link
     * SpanPolicy#FAIL}.
     */
    public Builder openScopes(SpanPolicy policy) {
      this.openScopes = requireArgument(policy, "policy");
      return this;
    }

    /**
     * Where waterfall reports go: {@code directory/<test class>/<test>.html} and {@code
     * directory/index.html}. Overrides the {@value
     * SpanproofConfiguration#REPORT_DIRECTORY_PROPERTY_NAME} configuration parameter. Default:
     * {@value SpanproofConfiguration#DEFAULT_REPORT_DIRECTORY}.
     */
    public Builder htmlReportDirectory(Path directory) {
      this.htmlReportDirectory = requireArgument(directory, "directory");
      return this;
    }

    /**
     * What to do when a test closes a scope on a thread other than the one that opened it.
     * Overrides the {@value SpanproofConfiguration#SCOPES_CLOSED_ON_ANOTHER_THREAD_PROPERTY_NAME}
     * configuration parameter. Default: {@link SpanPolicy#FAIL}.
     */
    public Builder scopesClosedOnAnotherThread(SpanPolicy policy) {
      this.scopesClosedOnAnotherThread = requireArgument(policy, "policy");
      return this;
    }

    /**
     * What to do when a test closes a scope while a scope opened after it on the same thread is
     * still open. Overrides the {@value
     * SpanproofConfiguration#SCOPES_CLOSED_OUT_OF_ORDER_PROPERTY_NAME} configuration parameter.
     * Default: {@link SpanPolicy#FAIL}.
     */
    public Builder scopesClosedOutOfOrder(SpanPolicy policy) {
      this.scopesClosedOutOfOrder = requireArgument(policy, "policy");
      return this;
    }

    /**
     * What to do when a thread still has the test's context current after the test, such as a
     * pooled thread whose task left a scope open. Overrides the {@value
     * SpanproofConfiguration#CONTEXTS_LEFT_CURRENT_PROPERTY_NAME} configuration parameter. Default:
     * {@link SpanPolicy#FAIL}.
     */
    public Builder contextsLeftCurrent(SpanPolicy policy) {
      this.contextsLeftCurrent = requireArgument(policy, "policy");
      return this;
    }

    /**
     * Strict assertion mode: what to do when a test that passed produced spans that no assertion
     * touched, listed and marked on the drawn traces, so that a test asserting {@code processOrder}
     * and {@code processPayment} notices the third span it never expected. A span is touched when
     * an assertion selects it, by name or by navigating to it ({@code span}, {@code root}, {@code
     * child}, {@code parent}), or when {@code hasRoot}, {@code hasSpanNamed}, {@code hasSpansNamed}
     * or {@code hasStructure} pass naming it; see docs/strict-mode.md. Overrides the {@value
     * SpanproofConfiguration#UNASSERTED_SPANS_PROPERTY_NAME} configuration parameter. Default:
     * {@link SpanPolicy#IGNORE}, off.
     */
    public Builder unassertedSpans(SpanPolicy policy) {
      this.unassertedSpans = requireArgument(policy, "policy");
      return this;
    }

    private Builder harnessStep(Consumer<TracingHarness.Builder> step) {
      step.accept(validator);
      harnessRecipe.add(step);
      return this;
    }

    /** The configured extension. */
    public TracingExtension build() {
      return new TracingExtension(this);
    }

    private ExtensionSettings settings() {
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
}
