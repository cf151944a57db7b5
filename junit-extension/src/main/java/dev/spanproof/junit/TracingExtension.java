package dev.spanproof.junit;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.TracingHarness;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.lang.reflect.Method;
import java.net.URI;
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
  private final ScopeRules scopeRules;
  private final WaterfallReportWriter waterfallReportWriter;
  private final AfterTestRules afterTestRules;

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
    this.scopeRules = new ScopeRules(settings);
    this.waterfallReportWriter = new WaterfallReportWriter(settings);
    this.afterTestRules = new AfterTestRules(settings, scopeRules, waterfallReportWriter);
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
      afterTestRules.afterClass(context, harness);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    HarnessResource harness = store.findHarness(context);
    boolean ownsHarness = harness == null;
    if (ownsHarness) {
      // No beforeAll (an extension on an instance field): the harness lives with this test. With
      // a beforeAll, the class was claimed there.
      store.claimTestClass(context);
      harness = store.harness(context, () -> startHarness(context));
    }
    TestPolicies policies = harness.policies(settings, context);
    CaptureSession session = harness.harness().openSession(TestNames.describe(context));
    store.putTest(
        context,
        new TestInProgress(
            session,
            harness,
            ownsHarness,
            policies,
            scopeRules.watch(session, policies, harness.openStacks())));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestInProgress test = store.removeTest(context);
    if (test != null) {
      afterTestRules.afterTest(context, test);
    }
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
      TestInProgress test = store.findTest(extensionContext);
      if (test == null) {
        throw new ParameterResolutionException(
            "CaptureSession is the spans of one test, so it can be injected only into a test"
                + " method or its @BeforeEach/@AfterEach methods, not into "
                + parameterContext.getDeclaringExecutable());
      }
      return test.session();
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
    TestInProgress test = store.findTest(context);
    if (test == null) {
      return invocation.proceed();
    }
    try (Scope ignored = test.makeCurrent()) {
      return invocation.proceed();
    }
  }

  private HarnessResource startHarness(ExtensionContext context) {
    TracingHarness harness = settings.newHarness(context);
    return new HarnessResource(
        harness, settings.installsGlobal(context) ? harness.installGlobal() : null);
  }

  /**
   * Configures a {@link TracingExtension}. Each setter validates its argument and returns this
   * builder.
   */
  public static final class Builder extends ExtensionBuilder {

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** The configured extension. */
    public TracingExtension build() {
      return new TracingExtension(this);
    }
  }
}
