package dev.spanproof.core;

import dev.spanproof.core.internal.OpenHarnesses;
import dev.spanproof.core.sampling.SamplingRecord;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An isolated OpenTelemetry SDK whose spans are captured in memory, for tests and for anything else
 * that wants to look at the traces its code produces. It never touches {@code GlobalOpenTelemetry}
 * unless {@link #installGlobal()} is called.
 *
 * <pre>{@code
 * try (TracingHarness harness = TracingHarness.builder().build()) {
 *   new OrderService(harness.openTelemetry()).processOrder(order);
 *   System.out.println(TraceRenderer.create().render(harness.traces()));
 * }
 * }</pre>
 *
 * <p>One harness can serve many concurrent units of work: each opens a {@link CaptureSession} and
 * sees only its own spans. Spans that belong to no open session are kept as {@link
 * #unownedSpans()}.
 *
 * <p>With {@link Builder#otlpReceiver()}, spans that other processes export over OTLP/HTTP to
 * {@link #otlpEndpoint()} join the capture too, in the session that owns their trace.
 */
public final class TracingHarness implements AutoCloseable {

  /** The instrumentation scope of {@link #tracer()}. */
  public static final String TEST_TRACER_SCOPE = "spanproof-test";

  private final TracerProviders tracerProviders;
  private final OpenTelemetrySdk sdk;
  private final CapturingSpanProcessor capture;
  private final SpanBucket unowned;
  private final SamplingLog unownedDecisions;
  private final int maxSpans;
  private final StartStackRecording startStacks;
  private final String samplerDescription;
  private final Set<CaptureSession> openSessions = ConcurrentHashMap.newKeySet();
  private final ThreadSessions threadSessions = new ThreadSessions(this);
  private final Set<GlobalInstallation> globalInstallations = ConcurrentHashMap.newKeySet();
  // Null without Builder.otlpReceiver().
  private final OtlpIntake otlp;
  private volatile boolean globalWasReadBeforeInstall;
  private volatile boolean closed;

  private TracingHarness(Builder builder) {
    this.maxSpans = builder.maxSpans;
    this.startStacks = builder.startStacks;
    this.unowned = new SpanBucket("spans outside any capture session", builder.maxSpans);
    this.capture =
        new CapturingSpanProcessor(unowned, openSessions, builder.startStacks, threadSessions);
    this.unownedDecisions = new SamplingLog("spans outside any capture session", builder.maxSpans);
    this.samplerDescription = builder.sampler.getDescription();
    this.tracerProviders =
        new TracerProviders(
            Resource.getDefault().merge(builder.resource),
            new RecordingSampler(builder.sampler, capture::ownerOfTrace, unownedDecisions),
            builder.spanLimits,
            builder.idGenerator,
            builder.clock,
            capture,
            builder.extraProcessors);
    this.sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracerProviders.main())
            .setPropagators(builder.propagators)
            .build();
    OpenHarnesses.register(this, capture::ownerOfTrace);
    this.otlp = builder.otlpReceiver ? startReceiver() : null;
  }

  private OtlpIntake startReceiver() {
    try {
      return OtlpIntake.start(capture::ownerOfTrace, unowned);
    } catch (RuntimeException e) {
      // Without its receiver the harness is not what was asked for: leave nothing running.
      close();
      throw e;
    }
  }

  /**
   * A builder with the defaults: always-on sampling, W3C trace context and baggage, 100,000 spans.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The isolated OpenTelemetry to hand to the code under test. */
  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** A tracer of this harness with the instrumentation scope {@value #TEST_TRACER_SCOPE}. */
  public Tracer tracer() {
    return sdk.getTracer(TEST_TRACER_SCOPE);
  }

  /**
   * A tracer provider that captures into this harness like {@link #openTelemetry()}, with the same
   * sampler, clock and ids, but whose spans come from another service: its resource has {@code
   * service.name} set to {@code serviceName}. For stand-ins of downstream services (a stubbed HTTP
   * server, a message consumer) that should appear in the same trace.
   *
   * @throws IllegalArgumentException if {@code serviceName} is null or blank
   * @throws IllegalStateException if the harness is closed
   */
  public TracerProvider tracerProviderForService(String serviceName) {
    if (serviceName == null || serviceName.isBlank()) {
      throw new IllegalArgumentException("a service needs a name, but got " + quote(serviceName));
    }
    requireOpen();
    return tracerProviders.forService(serviceName);
  }

  /**
   * The base URI of the harness's OTLP/HTTP receiver on 127.0.0.1, e.g. {@code
   * http://127.0.0.1:43817}: what another process gets as {@code OTEL_EXPORTER_OTLP_ENDPOINT}, or,
   * with {@code /v1/traces} appended, as its traces endpoint. Both {@code http/protobuf} and {@code
   * http/json}, optionally gzipped, are accepted. A received span belongs to the open session that
   * holds spans of its trace, typically the test whose client span called the other process; spans
   * of no session's trace are {@link #unownedSpanReports() reported} with the service that sent
   * them. The receiver stops when the harness closes.
   *
   * @throws IllegalStateException if the harness was built without {@link Builder#otlpReceiver()}
   */
  public URI otlpEndpoint() {
    return receiver().endpoint();
  }

  private OtlpIntake receiver() {
    if (otlp == null) {
      throw new IllegalStateException(
          "this TracingHarness has no OTLP receiver: build it with"
              + " TracingHarness.builder().otlpReceiver()");
    }
    return otlp;
  }

  /**
   * Waits until other processes have stopped exporting to the {@link #otlpEndpoint() OTLP
   * receiver}: until no request has been in progress or has come in for {@code quietPeriod},
   * counted from this call, but no longer than {@code atMost}. Spans exported by another process
   * arrive after the call that caused them returned; waiting for a quiet receiver before judging a
   * test's traces as complete lets them arrive. Returns at once if {@code atMost} is zero.
   *
   * @return whether the receiver became quiet (false: {@code atMost} passed first, or the thread
   *     was interrupted, whose interrupt status is then kept)
   * @throws IllegalArgumentException if a duration is null or negative
   * @throws IllegalStateException if the harness was built without {@link Builder#otlpReceiver()}
   */
  public boolean awaitOtlpQuiet(Duration quietPeriod, Duration atMost) {
    OtlpIntake.requireWaitDurations(quietPeriod, atMost);
    return receiver().awaitQuiet(quietPeriod, atMost);
  }

  /** Whether the harness was built with {@link Builder#otlpReceiver()}. */
  public boolean hasOtlpReceiver() {
    return otlp != null;
  }

  /**
   * The description of the sampler the harness was built with ({@link Sampler#getDescription()}),
   * e.g. {@code TraceIdRatioBased{0.250000}}: a message about missing spans names it.
   */
  public String samplerDescription() {
    return samplerDescription;
  }

  /** The propagators the harness injects and extracts with. */
  public ContextPropagators propagators() {
    return sdk.getPropagators();
  }

  /**
   * Opens a session that captures the spans of one unit of work. Make it current (or store it in
   * the context the work runs with) for its spans to be attributed to it.
   *
   * @param name what the session is, e.g. the test's name; used in every message about its spans
   * @throws IllegalArgumentException if {@code name} is null or blank
   * @throws IllegalStateException if the harness is closed
   */
  public CaptureSession openSession(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a capture session needs a name, but got " + quote(name));
    }
    requireOpen();
    CaptureSession session = new CaptureSession(this, name, maxSpans);
    openSessions.add(session);
    return session;
  }

  /**
   * Every ended span the harness holds (those of open sessions and the unowned ones), in start
   * order. Each carries the baggage it started with into the trace model ({@link
   * dev.spanproof.core.trace.SpanNode#baggageAtStart()}).
   *
   * @throws SpanLimitExceededException if any of them started more spans than the limit
   * @throws IllegalStateException if the harness holds no spans because another harness's capture
   *     session, current on this thread (a test's, under {@code TracingExtension}), took them
   */
  public List<SpanData> finishedSpans() {
    List<SpanData> all = new ArrayList<>(unowned.finishedSpans());
    for (CaptureSession session : openSessions) {
      all.addAll(session.finishedSpans());
    }
    if (all.isEmpty()) {
      SpansTakenElsewhere.check(this, threadSessions);
    }
    all.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
    return all;
  }

  /**
   * Every head-sampling decision the harness's sampler made that it still holds (those of open
   * sessions and those outside any), dropped spans included, in the order the sampler was asked.
   *
   * @throws SpanLimitExceededException if any of them made more decisions than the limit
   */
  public List<SamplingRecord> samplingDecisions() {
    List<SamplingLog.Entry> all = new ArrayList<>(unownedDecisions.entries());
    for (CaptureSession session : openSessions) {
      all.addAll(session.samplingLog().entries());
    }
    all.sort(Comparator.comparingLong(SamplingLog.Entry::sequence));
    List<SamplingRecord> records = new ArrayList<>(all.size());
    all.forEach(entry -> records.add(entry.record()));
    return records;
  }

  /**
   * {@link #finishedSpans()} as trace trees, ordered by start.
   *
   * @throws IllegalStateException as {@link #finishedSpans()} does
   */
  public List<Trace> traces() {
    return Trace.groupByTraceId(finishedSpans());
  }

  /**
   * The ended spans that belong to no open session: started with no session in their context or on
   * their thread, or after their session was closed.
   */
  public List<SpanData> unownedSpans() {
    return unowned.finishedSpans();
  }

  /**
   * Every span that belongs to no open session (ended or not) as of now, in no particular order,
   * each saying why it has no session, which thread started it and which test most likely lost it;
   * empty when every span had a session. Spans past the limit are only counted, in {@link
   * #unownedSpansNotKept()}.
   */
  public List<UnownedSpan> unownedSpanReports() {
    if (unowned.startedSpanCount() == 0) {
      // The usual answer, asked after every test: given without building a list.
      return List.of();
    }
    List<UnownedSpan> reports = new ArrayList<>();
    for (CapturedSpan captured : unowned.captured()) {
      ReadableSpan span = captured.span();
      CapturedSpan.UnownedStart start = captured.unownedStart();
      reports.add(
          new UnownedSpan(
              span.getName(),
              span.getSpanContext().getTraceId(),
              span.getSpanContext().getSpanId(),
              span.hasEnded(),
              start.reason(),
              start.closedSession(),
              start.threadName(),
              captured.startStack() == null ? null : StartStacks.userFrames(captured.startStack()),
              start.likelyTest(),
              start.sendingService()));
    }
    return reports;
  }

  /**
   * How many spans with no session were not kept because {@link Builder#maxSpans(int)} unowned
   * spans had already been kept.
   */
  public int unownedSpansNotKept() {
    return unowned.rejectedSpanCount();
  }

  /** The most spans one session, and separately the unowned spans, may hold. */
  public int maxSpans() {
    return maxSpans;
  }

  /**
   * Whether the harness records where spans start ({@link Builder#recordStartStacks(boolean)}), for
   * every span or the first of each name; reports about context handling follow it.
   */
  public boolean recordsStartStacks() {
    return startStacks != StartStackRecording.OFF;
  }

  /**
   * Which spans the harness records the start stack of ({@link
   * Builder#recordStartStacks(StartStackRecording)}).
   */
  public StartStackRecording startStackRecording() {
    return startStacks;
  }

  /** Unended spans that belong to no session. */
  public List<UnendedSpan> unendedUnownedSpans() {
    return unowned.unendedSpans(null);
  }

  /** Forgets every captured span and sampling decision, in every session; sessions stay open. */
  public void reset() {
    unowned.clear();
    unownedDecisions.clear();
    capture.releaseAll();
    openSessions.forEach(CaptureSession::reset);
  }

  /**
   * Makes {@code GlobalOpenTelemetry} serve this harness until the returned installation is closed;
   * then the previous global (or its absence) is restored exactly, or, should the JVM refuse that,
   * left unset with a warning ({@link GlobalInstallation}).
   *
   * <p>Several harnesses may be installed at once, e.g. by test classes running in parallel: the
   * global then routes each span to the harness of the session in its context, or of the session
   * that owns its trace, so every test still sees only its own spans.
   *
   * @throws IllegalStateException if the harness is closed
   */
  public GlobalInstallation installGlobal() {
    requireOpen();
    GlobalInstallation installation = GlobalRouter.install(this);
    if (installation.replacedNoopReadBeforeInstall()) {
      globalWasReadBeforeInstall = true;
    }
    globalInstallations.add(installation);
    return installation;
  }

  /**
   * Whether {@link #installGlobal()} found {@code GlobalOpenTelemetry} already set to one whose
   * tracers are no-ops: almost always the no-op that {@code GlobalOpenTelemetry.get()} sets when it
   * is read before anything was set (an {@code OpenTelemetry.propagating(..)} set on purpose counts
   * too). Code that read the global before the installation keeps such a no-op tracer, and its
   * spans are never captured: the usual reason a test that installs the global sees no trace.
   */
  public boolean globalWasReadBeforeInstall() {
    return globalWasReadBeforeInstall;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes open sessions and global installations and shuts the SDK down. Captured spans stay
   * readable.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    OpenHarnesses.unregister(this);
    // Each step runs even if one before it failed, so no session stays open and no SDK running.
    List<Runnable> steps = new ArrayList<>();
    if (otlp != null) {
      steps.add(otlp::stop);
    }
    globalInstallations.forEach(installation -> steps.add(installation::close));
    openSessions.forEach(session -> steps.add(session::close));
    steps.addAll(tracerProviders.shutdownSteps());
    RuntimeException failure = null;
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  void sessionClosed(CaptureSession session) {
    if (otlp != null) {
      otlp.sessionClosed(session);
    }
    openSessions.remove(session);
    capture.release(session);
  }

  void globalUninstalled(GlobalInstallation installation) {
    globalInstallations.remove(installation);
  }

  ThreadSessions threadSessions() {
    return threadSessions;
  }

  /** The processor that files each started span with its session, or with the unowned spans. */
  SpanProcessor capture() {
    return capture;
  }

  /** Where decisions for spans outside any session are recorded. */
  SamplingLog unownedDecisions() {
    return unownedDecisions;
  }

  SdkTracerProvider tracerProvider() {
    return tracerProviders.main();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this TracingHarness is closed");
    }
  }

  private static String quote(String text) {
    return text == null ? "null" : "\"" + text + "\"";
  }

  /** Configures a {@link TracingHarness}. Each setter validates its argument. */
  public static final class Builder {

    private Sampler sampler = Sampler.alwaysOn();
    private Resource resource = Resource.empty();
    private SpanLimits spanLimits = SpanLimits.getDefault();
    private IdGenerator idGenerator = IdGenerator.random();
    private Clock clock = Clock.getDefault();
    private ContextPropagators propagators =
        ContextPropagators.create(
            TextMapPropagator.composite(
                Propagation.W3C_TRACE_CONTEXT.propagator(), Propagation.W3C_BAGGAGE.propagator()));
    private int maxSpans = 100_000;
    private StartStackRecording startStacks = StartStackRecording.OFF;
    private boolean otlpReceiver;
    private final List<SpanProcessor> extraProcessors = new ArrayList<>();

    private Builder() {}

    /**
     * The sampler, e.g. {@code Sampler.parentBased(Sampler.traceIdRatioBased(0.25))}. Default:
     * always on.
     */
    public Builder sampler(Sampler sampler) {
      this.sampler = requireArgument(sampler, "sampler");
      return this;
    }

    /** Merged over the SDK's default resource, e.g. to set {@code service.name}. */
    public Builder resource(Resource resource) {
      this.resource = requireArgument(resource, "resource");
      return this;
    }

    /** Attribute, event and link limits. Default: the SDK's. */
    public Builder spanLimits(SpanLimits spanLimits) {
      this.spanLimits = requireArgument(spanLimits, "spanLimits");
      return this;
    }

    /**
     * Trace and span id generation, e.g. a deterministic one for pinned reports. Default: random.
     */
    public Builder idGenerator(IdGenerator idGenerator) {
      this.idGenerator = requireArgument(idGenerator, "idGenerator");
      return this;
    }

    /** The clock spans are timed with, e.g. a {@link ManualClock}. Default: the system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireArgument(clock, "clock");
      return this;
    }

    /**
     * Injects and extracts these formats, in this order. Default: W3C trace context and baggage.
     */
    public Builder propagation(Propagation first, Propagation... more) {
      requireArgument(first, "propagation");
      List<TextMapPropagator> all = new ArrayList<>();
      all.add(first.propagator());
      for (Propagation format : requireArgument(more, "propagation")) {
        all.add(requireArgument(format, "propagation").propagator());
      }
      this.propagators = ContextPropagators.create(TextMapPropagator.composite(all));
      return this;
    }

    /** Any propagators, when {@link #propagation} does not offer the format. */
    public Builder propagators(ContextPropagators propagators) {
      this.propagators = requireArgument(propagators, "propagators");
      return this;
    }

    /**
     * How many spans one session (and, separately, the unowned spans) may hold. Spans beyond it are
     * not kept, and reading the session's spans then fails with {@link SpanLimitExceededException}.
     * Default: 100,000.
     *
     * @throws IllegalArgumentException if {@code maxSpans} is less than 1
     */
    public Builder maxSpans(int maxSpans) {
      if (maxSpans < 1) {
        throw new IllegalArgumentException("maxSpans must be at least 1, but was " + maxSpans);
      }
      this.maxSpans = maxSpans;
      return this;
    }

    /**
     * Whether to record where spans start, so that unended spans can be reported with their stack:
     * {@code true} is {@link StartStackRecording#FIRST_OF_EACH_NAME_PER_HARNESS}, one stack per
     * span name in the harness, {@code false} is {@link StartStackRecording#OFF}. Default: off.
     */
    public Builder recordStartStacks(boolean recordStartStacks) {
      return recordStartStacks(
          recordStartStacks
              ? StartStackRecording.FIRST_OF_EACH_NAME_PER_HARNESS
              : StartStackRecording.OFF);
    }

    /**
     * Which spans record where they start: none, the first of each name in the harness or in each
     * session, or every span, which costs a stack walk per span (a few microseconds in a deep
     * test). Default: {@link StartStackRecording#OFF}.
     */
    public Builder recordStartStacks(StartStackRecording recording) {
      this.startStacks = requireArgument(recording, "recording");
      return this;
    }

    /** Adds a processor after the capture, e.g. an exporter to look at spans elsewhere as well. */
    public Builder addSpanProcessor(SpanProcessor processor) {
      extraProcessors.add(requireArgument(processor, "processor"));
      return this;
    }

    /**
     * Starts an OTLP/HTTP receiver on 127.0.0.1, on a free port, so that spans other processes
     * export (a service with OpenTelemetry's Java agent in a child JVM, a container, a service in
     * another language) join their test's trace: see {@link TracingHarness#otlpEndpoint()}.
     * Default: off.
     *
     * <p>The receiver decodes with {@code io.opentelemetry.proto:opentelemetry-proto} and {@code
     * com.google.protobuf:protobuf-java-util}, which spanproof declares optional: add them to the
     * test classpath.
     *
     * @throws IllegalStateException if they are missing, naming what to add
     */
    public Builder otlpReceiver() {
      OtlpDependencies.require(OtlpDependencies.OTLP_PROTOBUF);
      this.otlpReceiver = true;
      return this;
    }

    /** Builds an isolated harness. */
    public TracingHarness build() {
      return new TracingHarness(this);
    }

    private static <T> T requireArgument(T value, String name) {
      if (value == null) {
        throw new IllegalArgumentException(name + " must not be null");
      }
      return value;
    }
  }
}
