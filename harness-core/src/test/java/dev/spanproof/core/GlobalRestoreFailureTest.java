package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.lang.reflect.InaccessibleObjectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restoring the global the router replaced can fail in a locked-down JVM or after an upgrade
 * renames a field; each failure is injected through the router's seam to {@code
 * GlobalOpenTelemetry}'s state.
 */
class GlobalRestoreFailureTest {

  private static final String WARNING_END =
      ". It left GlobalOpenTelemetry unset instead (GlobalOpenTelemetry.resetForTest()): code that"
          + " kept the previous instance still uses it, and the next GlobalOpenTelemetry.get() or"
          + " set(..) behaves as if nothing had been set.";

  private final Logger routerLog = Logger.getLogger(GlobalRouter.class.getName());
  private final List<LogRecord> warnings = new ArrayList<>();
  private final Handler collector =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          warnings.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final CountingProcessor extraProcessor = new CountingProcessor();
  private final TracingHarness harness =
      TracingHarness.builder().addSpanProcessor(extraProcessor).build();
  private final OpenTelemetry previous = OpenTelemetry.propagating(ContextPropagators.noop());
  private GlobalState realState;

  @BeforeEach
  void setAPreviousGlobalAndListen() {
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(previous);
    routerLog.addHandler(collector);
    routerLog.setUseParentHandlers(false);
  }

  @AfterEach
  void restore() {
    harness.close();
    GlobalRouter.useGlobalState(realState == null ? GlobalState.REAL : realState);
    routerLog.removeHandler(collector);
    routerLog.setUseParentHandlers(true);
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void should_restore_the_previous_global_exactly_when_nothing_fails() {
    OpenTelemetry before = GlobalOpenTelemetry.get();
    harness.installGlobal();
    harness.close();
    assertThat(GlobalOpenTelemetry.get()).isSameAs(before);
    assertThat(warnings).isEmpty();
  }

  @Test
  void should_leave_the_global_unset_with_one_warning_when_writing_it_back_is_refused() {
    // GIVEN
    inject(new Refusing().refuseWrite(GlobalState.VALUE_FIELD, new IllegalAccessException("no")));
    CaptureSession session = harness.openSession("test");
    harness.installGlobal();
    // WHEN
    harness.close();
    // THEN
    assertUnsetWithOneWarning(
        "writing GlobalOpenTelemetry.globalOpenTelemetry failed with"
            + " java.lang.IllegalAccessException: no");
    assertThat(harness.isClosed()).isTrue();
    assertThat(session.isClosed()).isTrue();
    assertThat(extraProcessor.shutdowns).hasValue(1);
  }

  @Test
  void should_leave_the_global_unset_when_the_module_system_refuses_access() {
    inject(
        new Refusing()
            .refuseWrite(
                GlobalState.CALLER_FIELD,
                new InaccessibleObjectException("module io.opentelemetry.api does not open")));
    harness.installGlobal();
    harness.close();
    assertUnsetWithOneWarning(
        "writing GlobalOpenTelemetry.setGlobalCaller failed with"
            + " java.lang.reflect.InaccessibleObjectException: module io.opentelemetry.api does"
            + " not open");
    assertThat(extraProcessor.shutdowns).hasValue(1);
  }

  @Test
  void should_still_install_and_then_leave_the_global_unset_when_a_field_was_renamed() {
    // GIVEN an OpenTelemetry version without the field
    inject(
        new Refusing()
            .refuseRead(GlobalState.CALLER_FIELD, new NoSuchFieldException("setGlobalCaller")));
    // WHEN
    try (GlobalInstallation ignored = harness.installGlobal()) {
      GlobalOpenTelemetry.getTracer("code-under-test").spanBuilder("routed").startSpan().end();
    }
    // THEN
    assertThat(harness.unownedSpans()).hasSize(1);
    assertUnsetWithOneWarning(
        "reading GlobalOpenTelemetry.setGlobalCaller failed with"
            + " java.lang.NoSuchFieldException: setGlobalCaller");
  }

  @Test
  void should_need_no_reflection_when_the_global_was_unset() {
    GlobalOpenTelemetry.resetForTest();
    inject(new Refusing().refuseEveryField());
    harness.installGlobal();
    harness.close();
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
    assertThat(warnings).isEmpty();
  }

  @Test
  void should_read_the_field_on_an_opentelemetry_older_than_1_57_without_is_set() {
    OpenTelemetry before = GlobalOpenTelemetry.get();
    inject(new Refusing().withoutIsSet());
    harness.installGlobal();
    harness.close();
    assertThat(GlobalOpenTelemetry.get()).isSameAs(before);
    assertThat(warnings).isEmpty();
  }

  @Test
  void should_leave_the_global_unset_when_an_older_opentelemetry_refuses_the_field() {
    inject(
        new Refusing()
            .withoutIsSet()
            .refuseRead(GlobalState.VALUE_FIELD, new IllegalAccessException("locked")));
    harness.installGlobal();
    harness.close();
    assertUnsetWithOneWarning(
        "reading GlobalOpenTelemetry.globalOpenTelemetry failed with"
            + " java.lang.IllegalAccessException: locked");
  }

  private void assertUnsetWithOneWarning(String reason) {
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
    assertThat(warnings)
        .singleElement()
        .satisfies(
            warning -> {
              assertThat(warning.getLevel()).isEqualTo(Level.WARNING);
              assertThat(warning.getMessage())
                  .isEqualTo(
                      "spanproof could not put back the GlobalOpenTelemetry it replaced in"
                          + " TracingHarness.installGlobal(): "
                          + reason
                          + WARNING_END);
            });
  }

  private void inject(GlobalState state) {
    realState = GlobalRouter.useGlobalState(state);
  }

  /** The real state, with chosen steps failing as a locked-down or upgraded JVM makes them. */
  private static final class Refusing implements GlobalState {
    private final List<String> refusedReads = new ArrayList<>();
    private final List<Exception> readFailures = new ArrayList<>();
    private final List<String> refusedWrites = new ArrayList<>();
    private final List<Exception> writeFailures = new ArrayList<>();
    private boolean withoutIsSet;
    private boolean refuseEveryField;

    Refusing refuseRead(String field, Exception failure) {
      refusedReads.add(field);
      readFailures.add(failure);
      return this;
    }

    Refusing refuseWrite(String field, Exception failure) {
      refusedWrites.add(field);
      writeFailures.add(failure);
      return this;
    }

    Refusing withoutIsSet() {
      withoutIsSet = true;
      return this;
    }

    Refusing refuseEveryField() {
      refuseEveryField = true;
      return this;
    }

    @Override
    public boolean isSet() {
      if (withoutIsSet) {
        throw new NoSuchMethodError("'boolean io.opentelemetry.api.GlobalOpenTelemetry.isSet()'");
      }
      return GlobalState.REAL.isSet();
    }

    @Override
    public Object read(String field) throws ReflectiveOperationException {
      failIfRefused(refusedReads, readFailures, field);
      return GlobalState.REAL.read(field);
    }

    @Override
    public void write(String field, Object value) throws ReflectiveOperationException {
      failIfRefused(refusedWrites, writeFailures, field);
      GlobalState.REAL.write(field, value);
    }

    private void failIfRefused(List<String> fields, List<Exception> failures, String field)
        throws ReflectiveOperationException {
      if (refuseEveryField) {
        throw new AssertionError("no reflection was needed, but " + field + " was touched");
      }
      int index = fields.indexOf(field);
      if (index < 0) {
        return;
      }
      Exception failure = failures.get(index);
      if (failure instanceof ReflectiveOperationException reflective) {
        throw reflective;
      }
      throw (RuntimeException) failure;
    }
  }

  private static final class CountingProcessor implements SpanProcessor {
    final AtomicInteger shutdowns = new AtomicInteger();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }

    @Override
    public CompletableResultCode shutdown() {
      shutdowns.incrementAndGet();
      return CompletableResultCode.ofSuccess();
    }
  }
}
