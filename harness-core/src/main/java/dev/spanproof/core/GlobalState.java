package dev.spanproof.core;

import io.opentelemetry.api.GlobalOpenTelemetry;
import java.lang.reflect.Field;

/**
 * What the global router needs of {@code GlobalOpenTelemetry} beyond {@code resetForTest()} and
 * {@code set(..)}: whether it is set, and its private fields, to put a set global back exactly (the
 * public API cannot set it without wrapping it again and forgetting who first set it). A seam, so
 * that tests can make each step fail as a locked-down JVM or a renamed field would.
 */
interface GlobalState {

  /** The value {@code GlobalOpenTelemetry.get()} returns once set. */
  String VALUE_FIELD = "globalOpenTelemetry";

  /** Where {@code GlobalOpenTelemetry.set(..)} was first called, for its "already set" error. */
  String CALLER_FIELD = "setGlobalCaller";

  /** The real {@code GlobalOpenTelemetry}. */
  GlobalState REAL = new Real();

  /**
   * {@code GlobalOpenTelemetry.isSet()}.
   *
   * @throws NoSuchMethodError on OpenTelemetry older than 1.57, which lacks it
   */
  boolean isSet();

  /** Reads a private static field of {@code GlobalOpenTelemetry}. */
  Object read(String field) throws ReflectiveOperationException;

  /** Writes a private static field of {@code GlobalOpenTelemetry}. */
  void write(String field, Object value) throws ReflectiveOperationException;

  /** Reflection on the real class; {@code setAccessible} may be refused by the module system. */
  final class Real implements GlobalState {

    @Override
    public boolean isSet() {
      return GlobalOpenTelemetry.isSet();
    }

    @Override
    public Object read(String field) throws ReflectiveOperationException {
      return accessible(field).get(null);
    }

    @Override
    public void write(String field, Object value) throws ReflectiveOperationException {
      accessible(field).set(null, value);
    }

    private static Field accessible(String name) throws NoSuchFieldException {
      Field field = GlobalOpenTelemetry.class.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    }
  }
}
