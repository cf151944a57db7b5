package dev.spanproof.junit;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.Propagation;
import dev.spanproof.core.SpanLimitExceededException;
import dev.spanproof.core.TracingHarness;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.lang.reflect.Method;
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
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
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
 * stack where they started: by default the test fails.
 *
 * <p>Injects {@link OpenTelemetry}, {@link Tracer} (scope {@value
 * TracingHarness#TEST_TRACER_SCOPE}), {@link TracingHarness} and, into tests and their
 * {@code @BeforeEach}/{@code @AfterEach} methods, the test's {@link CaptureSession}.
 *
 * <p>Configuration parameters, such as printing each test's traces: {@link SpanproofConfiguration}.
 */
public class TracingExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        InvocationInterceptor,
        ParameterResolver {

  /**
   * The {@code @ResourceLock} key for {@code GlobalOpenTelemetry}; see {@link
   * UsesGlobalOpenTelemetry}.
   */
  public static final String GLOBAL_OPENTELEMETRY_LOCK = "io.opentelemetry.api.GlobalOpenTelemetry";

  private static final Namespace NAMESPACE = Namespace.create(TracingExtension.class);

  private final ExtensionSettings settings;
  private final UnendedSpanRule unendedSpanRule;
  private final UnownedSpanRule unownedSpanRule;
  private final TraceReportWriter traceReportWriter;

  /** The extension with defaults, as {@code @ExtendWith(TracingExtension.class)} creates it. */
  public TracingExtension() {
    this(new Builder());
  }

  private TracingExtension(Builder builder) {
    this.settings = builder.settings();
    this.unendedSpanRule = new UnendedSpanRule(settings);
    this.unownedSpanRule = new UnownedSpanRule(settings);
    this.traceReportWriter = new TraceReportWriter(settings);
  }

  /** Configures an extension for {@code @RegisterExtension}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    claimTestClass(context);
    harnessFor(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    HarnessResource resource = ownResource(context);
    if (resource != null) {
      failIfPresent(unownedSpanRule.checkOnClose(context, resource));
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    claimTestClass(context);
    TracingHarness harness = harnessFor(context).harness();
    CaptureSession session = harness.openSession(TestNames.describe(context));
    context.getStore(NAMESPACE).put(SessionResource.class, new SessionResource(session));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    SessionResource resource =
        context.getStore(NAMESPACE).remove(SessionResource.class, SessionResource.class);
    if (resource == null) {
      return;
    }
    CaptureSession session = resource.session();
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

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == OpenTelemetry.class
        || type == Tracer.class
        || type == TracingHarness.class
        || type == CaptureSession.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    if (type == CaptureSession.class) {
      return findSession(extensionContext)
          .orElseThrow(
              () ->
                  new ParameterResolutionException(
                      "CaptureSession is the spans of one test, so it can be injected only into a"
                          + " test method or its @BeforeEach/@AfterEach methods, not into "
                          + parameterContext.getDeclaringExecutable()));
    }
    HarnessResource resource = findResource(extensionContext);
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
    return harness;
  }

  private <T> T proceedInSession(Invocation<T> invocation, ExtensionContext context)
      throws Throwable {
    Optional<CaptureSession> session = findSession(context);
    if (session.isEmpty()) {
      return invocation.proceed();
    }
    try (Scope ignored = session.get().makeCurrent()) {
      return invocation.proceed();
    }
  }

  private void finishTest(ExtensionContext context, CaptureSession session) {
    List<String> failures = new ArrayList<>();
    unendedSpanRule.check(session).ifPresent(failures::add);
    try {
      session.requireWithinLimit();
      traceReportWriter.report(context, session);
    } catch (SpanLimitExceededException e) {
      failures.add(e.getMessage());
    }
    failIfAny(failures);
  }

  private Optional<String> unownedSpansAfterTest(ExtensionContext context, String test) {
    HarnessResource harnessOfThisTest = ownResource(context);
    if (harnessOfThisTest != null) {
      // Registered on an instance field: the harness lives and dies with this test.
      return unownedSpanRule.checkOnClose(context, harnessOfThisTest);
    }
    return unownedSpanRule.checkAfterTest(findResource(context), test);
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

  /**
   * One TracingExtension per test class: two (say {@code @ExtendWith} and a registered field) would
   * each capture half of the story, so the second is refused by name.
   */
  private void claimTestClass(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    Object claimant =
        context.getStore(NAMESPACE).getOrComputeIfAbsent(new ClassClaim(testClass), key -> this);
    if (claimant != this) {
      throw new ExtensionConfigurationException(
          "TracingExtension is registered twice on "
              + testClass.getName()
              + " (for example by @ExtendWith and by a @RegisterExtension field, or on an enclosing"
              + " class and again here): keep one, so that a test has one harness");
    }
  }

  private HarnessResource harnessFor(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            new HarnessKey(this), key -> startHarness(context), HarnessResource.class);
  }

  private HarnessResource startHarness(ExtensionContext context) {
    TracingHarness harness = settings.newHarness(context);
    return new HarnessResource(
        harness, settings.installsGlobal(context) ? harness.installGlobal() : null);
  }

  private HarnessResource findResource(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(new HarnessKey(this), HarnessResource.class);
  }

  /** The resource this context itself created, as opposed to one inherited from an outer class. */
  private HarnessResource ownResource(ExtensionContext context) {
    HarnessResource resource = findResource(context);
    Optional<ExtensionContext> parent = context.getParent();
    if (resource == null || parent.isEmpty()) {
      return resource;
    }
    return resource.equals(
            parent.get().getStore(NAMESPACE).get(new HarnessKey(this), HarnessResource.class))
        ? null
        : resource;
  }

  private static Optional<CaptureSession> findSession(ExtensionContext context) {
    return Optional.ofNullable(
            context.getStore(NAMESPACE).get(SessionResource.class, SessionResource.class))
        .map(SessionResource::session);
  }

  private record ClassClaim(Class<?> testClass) {}

  /** Keys the harness by extension instance, so a nested class's own extension is told apart. */
  private static final class HarnessKey {
    private final TracingExtension owner;

    HarnessKey(TracingExtension owner) {
      this.owner = owner;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof HarnessKey key && key.owner == owner;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(owner);
    }
  }

  private record SessionResource(CaptureSession session) implements AutoCloseable {
    @Override
    public void close() {
      session.close();
    }
  }

  /** Configures a {@link TracingExtension}. Each setter validates its argument. */
  public static final class Builder {
    // Harness settings are kept as a recipe, replayed on a fresh TracingHarness.Builder for each
    // harness, so a built extension never shares mutable state with this builder. Each step is
    // also applied at once to a scratch builder, so bad arguments fail where they are given.
    private final List<Consumer<TracingHarness.Builder>> harnessRecipe = new ArrayList<>();
    private final TracingHarness.Builder validator = TracingHarness.builder();
    private boolean installGlobal;
    private SpanPolicy unendedSpans = SpanPolicy.FAIL;
    private SpanPolicy unownedSpans = SpanPolicy.WARN;
    private Duration gracePeriod = Duration.ofMillis(500);
    private boolean printTraces;
    private Path traceDirectory;
    private String[] reportedAttributes = new String[0];

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
     * unended. Default: 500 ms.
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
     * Whether to record where each span starts, to report unended spans with their stack. Default:
     * on, or the {@value SpanproofConfiguration#START_STACKS_PROPERTY_NAME} configuration
     * parameter. Turn off only for tests that start very many spans.
     */
    public Builder recordStartStacks(boolean record) {
      return harnessStep(harness -> harness.recordStartStacks(record));
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
          unendedSpans,
          unownedSpans,
          gracePeriod,
          printTraces,
          Optional.ofNullable(traceDirectory),
          List.of(reportedAttributes));
    }

    private static <T> T requireArgument(T value, String name) {
      if (value == null) {
        throw new IllegalArgumentException(name + " must not be null");
      }
      return value;
    }
  }
}
