package dev.spanproof.spring;

import dev.spanproof.junit.TracingExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Captures the application's own spans, per test, for a {@code @SpringBootTest} class: the spans of
 * the OpenTelemetry SDK that Spring Boot builds (behind Micrometer Tracing's bridge) land in the
 * test that caused them, so {@code assertThatTrace()}, {@code awaitTrace()} and the checks after
 * each test work as with {@link TracingExtension}.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = RANDOM_PORT,
 *     properties = "management.tracing.sampling.probability=1.0")
 * @AutoConfigureSpanproof
 * @AutoConfigureTestRestTemplate
 * class OrderControllerTest {
 *   @Autowired TestRestTemplate http;
 *
 *   @Test
 *   void ordersAreTraced() {
 *     http.getForObject("/orders/42", String.class);
 *     awaitTrace().untilSpan("http get /orders/{id}").hasRoot("http get");
 *   }
 * }
 * }</pre>
 *
 * <p>What it does:
 *
 * <ul>
 *   <li>adds spanproof's capture to the application's {@code SdkTracerProvider} as a {@code
 *       SpanProcessor} bean, and wraps the application's {@code Sampler} bean so that its
 *       decisions, dropped spans included, are recorded per test. The sampler, resource,
 *       propagators and exporters stay the application's: the test sees what production would
 *       export, so a test needs {@code management.tracing.sampling.probability=1.0} to see every
 *       trace;
 *   <li>switches on what Spring Boot's test support switches off without
 *       {@code @AutoConfigureTracing} (Boot 4) or {@code @AutoConfigureObservability} (Boot 3.5):
 *       without it, trace context is not propagated, so a server span starts a trace of its own and
 *       outgoing calls carry no {@code traceparent};
 *   <li>registers {@link TracingExtension}. A span belongs to the test whose thread started it, or
 *       whose spans already hold its trace: a request's server span on a Tomcat thread, with the
 *       test's client span as its remote parent, is the test's. Spans of no test (a scheduled task,
 *       a call from a client that sends no {@code traceparent}) are reported after the test class.
 * </ul>
 *
 * <p>Spring caches the application context across test classes: capture works with a shared context
 * and with test classes running in parallel. Configure the extension with JUnit configuration
 * parameters ({@code dev.spanproof.junit.SpanproofConfiguration}); registering another {@code
 * TracingExtension} on the class is refused.
 *
 * <p>The context fails to start, with a message saying what to add, if the application builds no
 * OpenTelemetry {@code SdkTracerProvider}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TracingExtension.class)
@ImportAutoConfiguration(SpanproofAutoConfiguration.class)
@TestPropertySource(
    properties = {
      // Spring Boot 4: what @AutoConfigureTracing sets (trace context propagation and export).
      "spring.test.tracing.export=true",
      // Spring Boot 3.5: what @AutoConfigureObservability sets (tracing, with metrics export).
      "spring.test.observability.auto-configure=true"
    })
public @interface AutoConfigureSpanproof {}
