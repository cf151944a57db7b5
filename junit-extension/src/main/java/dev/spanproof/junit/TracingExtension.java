package dev.spanproof.junit;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.GlobalInstallation;
import dev.spanproof.core.Propagation;
import dev.spanproof.core.SpanLimitExceededException;
import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.UnendedSpan;
import dev.spanproof.core.UnownedSpan;
import dev.spanproof.core.trace.TraceRenderer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
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
import org.junit.platform.commons.support.AnnotationSupport;
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

  /**
   * Configuration parameter ({@code junit-platform.properties} or {@code -D}): {@code false} stops
   * recording where spans start, for suites that start very many spans. On by default, since it is
   * what lets an unended span be reported with its stack; costs about a microsecond per span (see
   * docs/benchmarks.md). {@link Builder#recordStartStacks(boolean)} overrides it.
   */
  public static final String START_STACKS_PARAMETER = "spanproof.startStacks";

  private static final Namespace NAMESPACE = Namespace.create(TracingExtension.class);

  private final Settings settings;

  /** The extension with defaults, as {@code @ExtendWith(TracingExtension.class)} creates it. */
  public TracingExtension() {
    this(new Builder());
  }

  private TracingExtension(Builder builder) {
    this.settings = new Settings(builder);
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
      reportUnownedSpans(context, resource.harness());
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    claimTestClass(context);
    TracingHarness harness = harnessFor(context).harness();
    CaptureSession session = harness.openSession(describe(context));
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
    try {
      List<String> failures = new ArrayList<>();
      if (settings.unendedSpans() != SpanPolicy.IGNORE) {
        List<UnendedSpan> unended = awaitEnded(session);
        if (!unended.isEmpty()) {
          report(
              context,
              settings.unendedSpans(),
              "spanproof.unendedSpans",
              describeUnended(session, unended),
              failures);
        }
      }
      try {
        session.requireWithinLimit();
        writeTraceReport(context, session);
      } catch (SpanLimitExceededException e) {
        failures.add(e.getMessage());
      }
      if (!failures.isEmpty()) {
        throw new AssertionFailedError(String.join("\n\n", failures));
      }
    } finally {
      session.close();
    }
    HarnessResource perTestHarness = ownResource(context);
    if (perTestHarness != null) {
      // Registered on an instance field: the harness lives and dies with this test.
      reportUnownedSpans(context, perTestHarness.harness());
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

  private List<UnendedSpan> awaitEnded(CaptureSession session) {
    if (session.unendedSpans().isEmpty() || settings.gracePeriod().isZero()) {
      return session.unendedSpans();
    }
    try {
      Awaitility.await("spans of " + session.name() + " to end")
          .atMost(settings.gracePeriod())
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(5))
          .until(() -> session.unendedSpans().isEmpty());
    } catch (ConditionTimeoutException stillUnended) {
      // Reported below with the start stacks, which say more than the timeout.
    }
    return session.unendedSpans();
  }

  private String describeUnended(CaptureSession session, List<UnendedSpan> unended) {
    StringBuilder message =
        new StringBuilder(session.name())
            .append(" left ")
            .append(unended.size())
            .append(unended.size() == 1 ? " span" : " spans")
            .append(" started but not ended (waited ")
            .append(settings.gracePeriod().toMillis())
            .append(" ms for ")
            .append(unended.size() == 1 ? "it" : "them")
            .append(" to end):");
    for (UnendedSpan span : unended) {
      message.append("\n  ").append(span.describe().replace("\n", "\n  "));
    }
    message.append(
        "\nEvery started span must be ended, typically with span.end() in a finally block:"
            + " an unended span is never exported.");
    if (unended.stream().anyMatch(span -> span.startStack().isEmpty())) {
      message.append(
          "\nStart stacks are off here (recordStartStacks(false) or "
              + START_STACKS_PARAMETER
              + "=false); turn them on to see where each span started.");
    }
    return message.toString();
  }

  private void reportUnownedSpans(ExtensionContext context, TracingHarness harness) {
    if (settings.unownedSpans() == SpanPolicy.IGNORE) {
      return;
    }
    List<String> unowned = new ArrayList<>();
    for (UnownedSpan span : harness.unownedSpanReports()) {
      unowned.add(
          "span ["
              + span.name()
              + "] (trace "
              + span.traceId()
              + ", span "
              + span.spanId()
              + (span.hasEnded() ? ") " : ", not ended) ")
              + span.reason());
    }
    if (harness.unownedSpansNotKept() > 0) {
      unowned.add(
          harness.unownedSpansNotKept()
              + " more unowned spans were not kept: the limit is "
              + harness.maxSpans());
    }
    if (unowned.isEmpty()) {
      return;
    }
    String message =
        unowned.size()
            + (unowned.size() == 1 ? " span belongs" : " spans belong")
            + " to no test of "
            + context.getRequiredTestClass().getName()
            + " (no test's context reached "
            + (unowned.size() == 1 ? "it" : "them")
            + "; check context propagation to threads and callbacks):\n  "
            + String.join("\n  ", unowned);
    List<String> failures = new ArrayList<>();
    report(context, settings.unownedSpans(), "spanproof.unownedSpans", message, failures);
    if (!failures.isEmpty()) {
      throw new AssertionFailedError(failures.get(0));
    }
  }

  private static void report(
      ExtensionContext context,
      SpanPolicy policy,
      String key,
      String message,
      List<String> failures) {
    if (policy == SpanPolicy.FAIL) {
      failures.add(message);
    } else if (policy == SpanPolicy.WARN) {
      context.publishReportEntry(key, message);
      System.err.println("[spanproof] WARNING " + message);
    }
  }

  private void writeTraceReport(ExtensionContext context, CaptureSession session) {
    boolean print =
        settings.printTraces()
            || context
                .getConfigurationParameter("spanproof.traces.print")
                .map(Boolean::parseBoolean)
                .orElse(false);
    Optional<Path> directory =
        Optional.ofNullable(settings.traceDirectory())
            .or(
                () ->
                    context.getConfigurationParameter("spanproof.traces.directory").map(Path::of));
    if (!print && directory.isEmpty()) {
      return;
    }
    String report =
        session.name()
            + "\n"
            + TraceRenderer.create()
                .withAttributes(settings.reportedAttributes())
                .render(session.traces());
    if (print) {
      System.out.println(report + "\n");
    }
    if (directory.isPresent()) {
      Path file =
          directory
              .get()
              .resolve(context.getRequiredTestClass().getName())
              .resolve(fileNameOf(context) + ".txt");
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, report + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the trace report " + file, e);
      }
    }
  }

  private static String fileNameOf(ExtensionContext context) {
    String name = testLabel(context).replaceAll("[^A-Za-z0-9._-]+", "_");
    return name.length() > 120 ? name.substring(0, 120) : name;
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
    boolean startStacks =
        context
            .getConfigurationParameter(START_STACKS_PARAMETER)
            .map(Boolean::parseBoolean)
            .orElse(true);
    TracingHarness harness = settings.newHarness(startStacks);
    boolean global =
        settings.installGlobal()
            || context
                .getTestClass()
                .map(type -> AnnotationSupport.isAnnotated(type, UsesGlobalOpenTelemetry.class))
                .orElse(false);
    return new HarnessResource(harness, global ? harness.installGlobal() : null);
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

  private static String describe(ExtensionContext context) {
    return "test ["
        + context.getRequiredTestClass().getSimpleName()
        + "."
        + testLabel(context)
        + "]";
  }

  /** "processOrder(Tracer)", or "processesOrder repetition 3 of 80" for template invocations. */
  private static String testLabel(ExtensionContext context) {
    String method = context.getTestMethod().map(Method::getName).orElse("");
    String display = context.getDisplayName();
    return display.startsWith(method) ? display : method + " " + display;
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

  /** Closed by JUnit with the context that created it: the test class, or one test. */
  private record HarnessResource(TracingHarness harness, GlobalInstallation global)
      implements AutoCloseable {
    @Override
    public void close() {
      if (global != null) {
        global.close();
      }
      harness.close();
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
     * What to do with spans that belong to no test, after the class. Default: {@link
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
     * on (or the {@value TracingExtension#START_STACKS_PARAMETER} configuration parameter). Turn
     * off only for tests that start very many spans.
     */
    public Builder recordStartStacks(boolean record) {
      return harnessStep(harness -> harness.recordStartStacks(record));
    }

    /**
     * Prints each test's traces to standard output after the test (also: {@code
     * spanproof.traces.print=true}).
     */
    public Builder printTraces() {
      this.printTraces = true;
      return this;
    }

    /**
     * Writes each test's traces to {@code directory/<test class>/<test>.txt} (also: {@code
     * spanproof.traces.directory}).
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

    private static <T> T requireArgument(T value, String name) {
      if (value == null) {
        throw new IllegalArgumentException(name + " must not be null");
      }
      return value;
    }
  }

  /** An immutable snapshot of a builder, so extension instances hold no mutable state. */
  private record Settings(
      List<Consumer<TracingHarness.Builder>> harnessRecipe,
      boolean installGlobal,
      SpanPolicy unendedSpans,
      SpanPolicy unownedSpans,
      Duration gracePeriod,
      boolean printTraces,
      Path traceDirectory,
      List<String> reportedAttributeList) {

    Settings(Builder builder) {
      this(
          List.copyOf(builder.harnessRecipe),
          builder.installGlobal,
          builder.unendedSpans,
          builder.unownedSpans,
          builder.gracePeriod,
          builder.printTraces,
          builder.traceDirectory,
          List.of(builder.reportedAttributes));
    }

    /** A harness from the recipe; the recipe's own recordStartStacks, if any, wins. */
    TracingHarness newHarness(boolean startStacksByDefault) {
      TracingHarness.Builder harness =
          TracingHarness.builder().recordStartStacks(startStacksByDefault);
      harnessRecipe.forEach(step -> step.accept(harness));
      return harness.build();
    }

    String[] reportedAttributes() {
      return reportedAttributeList.toArray(String[]::new);
    }
  }
}
