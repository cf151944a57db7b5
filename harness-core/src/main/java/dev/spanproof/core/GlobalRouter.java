package dev.spanproof.core;

import dev.spanproof.core.internal.OpenHarnesses;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one piece of JVM-wide state: while any harness is installed, {@code GlobalOpenTelemetry}
 * holds a router that sends each span, injection and extraction to the harness of the session in
 * play, so concurrent tests can share the global and still see only their own spans.
 */
final class GlobalRouter implements OpenTelemetry {

  private static final System.Logger LOGGER = System.getLogger(GlobalRouter.class.getName());
  private static final Object LOCK = new Object();
  private static final List<GlobalInstallation> installations = new CopyOnWriteArrayList<>();
  private static final GlobalRouter INSTANCE = new GlobalRouter();
  private static GlobalSnapshot previous;
  private static GlobalState globalState = GlobalState.REAL;

  private final TracerProvider tracerProvider = new RoutingTracerProvider(GlobalRouter::route);
  private final ContextPropagators propagators = ContextPropagators.create(new RoutingPropagator());

  private GlobalRouter() {}

  static GlobalInstallation install(TracingHarness harness) {
    synchronized (LOCK) {
      if (installations.isEmpty()) {
        previous = GlobalSnapshot.take(globalState);
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(INSTANCE);
      }
      GlobalInstallation installation =
          new GlobalInstallation(harness, isNoopSetByGet(previous.value()));
      installations.add(installation);
      return installation;
    }
  }

  /**
   * Withdraws an installation; the last one puts the previous global back. Whatever fails on the
   * way, the router does not stay installed: if the previous global cannot be restored exactly, the
   * global is left unset, with one warning.
   */
  static void uninstall(GlobalInstallation installation) {
    synchronized (LOCK) {
      if (installations.remove(installation) && installations.isEmpty()) {
        GlobalSnapshot snapshot = previous;
        previous = null;
        try {
          snapshot.restore(globalState);
        } catch (NotRestorable | RuntimeException | LinkageError e) {
          GlobalOpenTelemetry.resetForTest();
          LOGGER.log(System.Logger.Level.WARNING, notRestoredWarning(e), e);
        }
      }
    }
  }

  private static String notRestoredWarning(Throwable failure) {
    String reason = failure instanceof NotRestorable ? failure.getMessage() : failure.toString();
    return "spanproof could not put back the GlobalOpenTelemetry it replaced in"
        + " TracingHarness.installGlobal(): "
        + reason
        + ". It left GlobalOpenTelemetry unset instead (GlobalOpenTelemetry.resetForTest()):"
        + " code that kept the previous instance still uses it, and the next"
        + " GlobalOpenTelemetry.get() or set(..) behaves as if nothing had been set.";
  }

  /**
   * Replaces how the router reaches {@code GlobalOpenTelemetry}'s state, for tests that make it
   * fail; returns the one replaced.
   */
  static GlobalState useGlobalState(GlobalState state) {
    synchronized (LOCK) {
      GlobalState replaced = globalState;
      globalState = state;
      return replaced;
    }
  }

  /**
   * The harness for a span or propagation in {@code context}: that of the session the capture
   * processor would attribute it to ({@link CaptureSession#attribute}), looking for the trace's
   * session in every open harness; else the earliest installed harness, which keeps the span as
   * unowned.
   */
  static TracingHarness route(Context context) {
    CaptureSession session =
        CaptureSession.attribute(
            context, traceId -> OpenHarnesses.findSessionOwningTrace(traceId).orElse(null));
    if (session != null) {
      return session.harness();
    }
    // Iterating the copy-on-write list reads one snapshot, so no removal can race the check.
    Iterator<GlobalInstallation> earliest = installations.iterator();
    // A tracer cached from an earlier installation may still be used: its spans go nowhere.
    return earliest.hasNext() ? earliest.next().harness() : null;
  }

  /**
   * Whether {@code global} is the no-op that {@code GlobalOpenTelemetry.get()} sets when it is read
   * before anything was set. {@code get()} stores it through {@code set(..)}, which wraps it like
   * any value (and, since OpenTelemetry 1.57, returns the wrapper: opentelemetry-java#7819), so it
   * is recognised by its tracer provider: the one instance {@link OpenTelemetry#noop()} has, with
   * or without the API incubator on the class path.
   */
  static boolean isNoopSetByGet(Object global) {
    return global instanceof OpenTelemetry openTelemetry
        && openTelemetry.getTracerProvider() == OpenTelemetry.noop().getTracerProvider();
  }

  @Override
  public TracerProvider getTracerProvider() {
    return tracerProvider;
  }

  @Override
  public ContextPropagators getPropagators() {
    return propagators;
  }

  private static final class RoutingPropagator implements TextMapPropagator {

    @Override
    public Collection<String> fields() {
      Set<String> fields = new LinkedHashSet<>();
      for (GlobalInstallation installation : installations) {
        fields.addAll(installation.harness().propagators().getTextMapPropagator().fields());
      }
      return fields;
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
      TracingHarness harness = route(context);
      if (harness != null) {
        harness.propagators().getTextMapPropagator().inject(context, carrier, setter);
      }
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
      TracingHarness harness = route(context);
      return harness == null
          ? context
          : harness.propagators().getTextMapPropagator().extract(context, carrier, getter);
    }
  }

  /**
   * What {@code GlobalOpenTelemetry} held before the first installation: nothing, or a value with
   * the stack of whoever set it. A snapshot that could not be read keeps the reason, and restoring
   * it fails with that reason.
   */
  private record GlobalSnapshot(Object value, Object caller, NotRestorable unreadable) {

    /** Never fails, so that installing does not depend on being able to restore. */
    static GlobalSnapshot take(GlobalState state) {
      try {
        if (!isSet(state)) {
          return new GlobalSnapshot(null, null, null);
        }
        // Once set, get() returns the stored value and has no side effect.
        return new GlobalSnapshot(
            GlobalOpenTelemetry.get(), read(state, GlobalState.CALLER_FIELD), null);
      } catch (NotRestorable e) {
        return new GlobalSnapshot(null, null, e);
      }
    }

    private static boolean isSet(GlobalState state) throws NotRestorable {
      try {
        return state.isSet();
      } catch (NoSuchMethodError olderThan157) {
        return read(state, GlobalState.VALUE_FIELD) != null;
      }
    }

    /** Puts the snapshot back: an unset global needs only the public API, a set one reflection. */
    void restore(GlobalState state) throws NotRestorable {
      if (unreadable != null) {
        throw unreadable;
      }
      GlobalOpenTelemetry.resetForTest();
      if (value != null) {
        // The caller first: if it is refused, the value is still unset and nothing is
        // half-restored.
        write(state, GlobalState.CALLER_FIELD, caller);
        write(state, GlobalState.VALUE_FIELD, value);
      }
    }

    private static Object read(GlobalState state, String field) throws NotRestorable {
      try {
        return state.read(field);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new NotRestorable("reading GlobalOpenTelemetry." + field, e);
      }
    }

    private static void write(GlobalState state, String field, Object value) throws NotRestorable {
      try {
        state.write(field, value);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new NotRestorable("writing GlobalOpenTelemetry." + field, e);
      }
    }
  }

  /** A step of reading or restoring the previous global that failed, and how. */
  private static final class NotRestorable extends Exception {
    private static final long serialVersionUID = 1L;

    NotRestorable(String step, Exception cause) {
      super(step + " failed with " + cause, cause);
    }
  }
}
