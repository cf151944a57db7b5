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
import java.lang.reflect.Field;
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

  private static final Object LOCK = new Object();
  private static final List<GlobalInstallation> installations = new CopyOnWriteArrayList<>();
  private static final GlobalRouter INSTANCE = new GlobalRouter();
  private static GlobalSnapshot previous;

  private final TracerProvider tracerProvider = new RoutingTracerProvider(GlobalRouter::route);
  private final ContextPropagators propagators = ContextPropagators.create(new RoutingPropagator());

  private GlobalRouter() {}

  static GlobalInstallation install(TracingHarness harness) {
    synchronized (LOCK) {
      if (installations.isEmpty()) {
        previous = GlobalSnapshot.take();
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(INSTANCE);
      }
      GlobalInstallation installation =
          new GlobalInstallation(harness, isNoopSetByGet(previous.value()));
      installations.add(installation);
      return installation;
    }
  }

  static void uninstall(GlobalInstallation installation) {
    synchronized (LOCK) {
      if (installations.remove(installation) && installations.isEmpty()) {
        previous.restore();
        previous = null;
      }
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
   * before anything was set. Since OpenTelemetry 1.57 that is the no-op wrapped like any set value
   * (opentelemetry-java#7819), so it is recognised by its tracer provider, the one instance {@link
   * OpenTelemetry#noop()} has (with or without the incubator on the class path).
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
   * What {@code GlobalOpenTelemetry} held before the first installation. Read through its private
   * field because the public API cannot read an unset global without setting it, nor restore a set
   * one without wrapping it again.
   */
  private record GlobalSnapshot(Object value, Object caller) {

    static GlobalSnapshot take() {
      return new GlobalSnapshot(read("globalOpenTelemetry"), read("setGlobalCaller"));
    }

    void restore() {
      write("globalOpenTelemetry", value);
      write("setGlobalCaller", caller);
    }

    private static Object read(String name) {
      try {
        return field(name).get(null);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read GlobalOpenTelemetry." + name, e);
      }
    }

    private static void write(String name, Object value) {
      try {
        field(name).set(null, value);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot restore GlobalOpenTelemetry." + name, e);
      }
    }

    private static Field field(String name) {
      try {
        Field field = GlobalOpenTelemetry.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(
            "GlobalOpenTelemetry has no field '"
                + name
                + "' in this OpenTelemetry version; spanproof cannot restore the global exactly",
            e);
      }
    }
  }
}
