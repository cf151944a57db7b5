package dev.spanproof.core;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.semconv.ServiceAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A harness's tracer providers: the main one, and one per further service for stand-ins of
 * downstream services, all configured and capturing alike. The main provider owns the user's extra
 * processors and so shuts them down; the others only share them, or each would shut them down
 * again.
 */
final class TracerProviders {

  private final Resource resource;
  private final Sampler sampler;
  private final SpanLimits spanLimits;
  private final IdGenerator idGenerator;
  private final Clock clock;
  private final List<SpanProcessor> shared = new ArrayList<>();
  private final SdkTracerProvider main;
  private final Map<String, SdkTracerProvider> services = new ConcurrentHashMap<>();

  TracerProviders(
      Resource resource,
      Sampler sampler,
      SpanLimits spanLimits,
      IdGenerator idGenerator,
      Clock clock,
      SpanProcessor capture,
      List<SpanProcessor> extraProcessors) {
    this.resource = resource;
    this.sampler = sampler;
    this.spanLimits = spanLimits;
    this.idGenerator = idGenerator;
    this.clock = clock;
    List<SpanProcessor> owned = new ArrayList<>();
    owned.add(capture);
    shared.add(capture);
    for (SpanProcessor extra : extraProcessors) {
      owned.add(extra);
      shared.add(new SharedSpanProcessor(extra));
    }
    this.main = build(resource, owned);
  }

  /** The provider of the harness's own {@code OpenTelemetry}. */
  SdkTracerProvider main() {
    return main;
  }

  /** The provider whose resource names {@code serviceName}, made on first use. */
  SdkTracerProvider forService(String serviceName) {
    return services.computeIfAbsent(
        serviceName,
        name ->
            build(
                resource.merge(
                    Resource.builder().put(ServiceAttributes.SERVICE_NAME, name).build()),
                shared));
  }

  /** The further services' providers, then the main one, which shuts the extra processors down. */
  List<Runnable> shutdownSteps() {
    List<Runnable> steps = new ArrayList<>();
    services.values().forEach(provider -> steps.add(() -> shutDown(provider)));
    steps.add(() -> shutDown(main));
    return steps;
  }

  private SdkTracerProvider build(Resource providerResource, List<SpanProcessor> processors) {
    SdkTracerProviderBuilder provider =
        SdkTracerProvider.builder()
            .setSampler(sampler)
            .setResource(providerResource)
            .setSpanLimits(spanLimits)
            .setIdGenerator(idGenerator)
            .setClock(clock);
    processors.forEach(provider::addSpanProcessor);
    return provider.build();
  }

  private static void shutDown(SdkTracerProvider provider) {
    provider.shutdown().join(10, TimeUnit.SECONDS);
  }
}
