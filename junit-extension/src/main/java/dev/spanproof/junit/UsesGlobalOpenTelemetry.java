package dev.spanproof.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Installs the test class's harness as {@code GlobalOpenTelemetry} while its tests run, for code
 * under test that calls {@code GlobalOpenTelemetry.get()} or {@code GlobalOpenTelemetry.getTracer}.
 * The previous global is restored exactly after the class.
 *
 * <p>spanproof's test classes share the global safely, also when running in parallel: it routes
 * each span to the test it belongs to. The annotation therefore takes the {@value
 * TracingExtension#GLOBAL_OPENTELEMETRY_LOCK} lock in {@code READ} (shared) mode; tests of your own
 * that set {@code GlobalOpenTelemetry} themselves should take it in {@code READ_WRITE} mode:
 *
 * <pre>{@code
 * @ResourceLock(value = TracingExtension.GLOBAL_OPENTELEMETRY_LOCK, mode = ResourceAccessMode.READ_WRITE)
 * }</pre>
 *
 * <p>Use it with {@code @ExtendWith(TracingExtension.class)} or with a registered extension; it has
 * the same effect as {@link TracingExtension.Builder#installGlobal()} plus the lock.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ResourceLock(value = TracingExtension.GLOBAL_OPENTELEMETRY_LOCK, mode = ResourceAccessMode.READ)
public @interface UsesGlobalOpenTelemetry {}
