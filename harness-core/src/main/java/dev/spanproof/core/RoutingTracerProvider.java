package dev.spanproof.core;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A tracer provider that decides which harness serves a span only when the span starts, because
 * only then is its parent context known. Tracers obtained from it may be cached by the code under
 * test across many tests; every span still goes to the right harness.
 */
final class RoutingTracerProvider implements TracerProvider {

  private final Function<Context, TracingHarness> router;

  RoutingTracerProvider(Function<Context, TracingHarness> router) {
    this.router = router;
  }

  @Override
  public Tracer get(String instrumentationScopeName) {
    return tracerBuilder(instrumentationScopeName).build();
  }

  @Override
  public Tracer get(String instrumentationScopeName, String instrumentationScopeVersion) {
    return tracerBuilder(instrumentationScopeName)
        .setInstrumentationVersion(instrumentationScopeVersion)
        .build();
  }

  @Override
  public TracerBuilder tracerBuilder(String instrumentationScopeName) {
    return new ScopeBuilder(instrumentationScopeName);
  }

  private final class ScopeBuilder implements TracerBuilder {
    private final String name;
    private String version;
    private String schemaUrl;

    ScopeBuilder(String name) {
      this.name = name;
    }

    @Override
    public TracerBuilder setSchemaUrl(String schemaUrl) {
      this.schemaUrl = schemaUrl;
      return this;
    }

    @Override
    public TracerBuilder setInstrumentationVersion(String version) {
      this.version = version;
      return this;
    }

    @Override
    public Tracer build() {
      String scopeName = name;
      String scopeVersion = version;
      String scopeSchemaUrl = schemaUrl;
      return spanName ->
          new RoutingSpanBuilder(
              spanName,
              harness -> {
                TracerBuilder builder = harness.tracerProvider().tracerBuilder(scopeName);
                if (scopeVersion != null) {
                  builder.setInstrumentationVersion(scopeVersion);
                }
                if (scopeSchemaUrl != null) {
                  builder.setSchemaUrl(scopeSchemaUrl);
                }
                return builder.build();
              });
    }
  }

  /** Remembers every call and replays them on the chosen harness's span builder at start. */
  private final class RoutingSpanBuilder implements SpanBuilder {
    private final String spanName;
    private final Function<TracingHarness, Tracer> tracerOf;
    private final List<Consumer<SpanBuilder>> calls = new ArrayList<>();
    private Context explicitParent;

    RoutingSpanBuilder(String spanName, Function<TracingHarness, Tracer> tracerOf) {
      this.spanName = spanName;
      this.tracerOf = tracerOf;
    }

    private SpanBuilder record(Consumer<SpanBuilder> call) {
      calls.add(call);
      return this;
    }

    @Override
    public SpanBuilder setParent(Context context) {
      if (context == null) {
        return this;
      }
      explicitParent = context;
      return record(builder -> builder.setParent(context));
    }

    @Override
    public SpanBuilder setNoParent() {
      explicitParent = null;
      return record(SpanBuilder::setNoParent);
    }

    @Override
    public SpanBuilder addLink(SpanContext spanContext) {
      return record(builder -> builder.addLink(spanContext));
    }

    @Override
    public SpanBuilder addLink(SpanContext spanContext, Attributes attributes) {
      return record(builder -> builder.addLink(spanContext, attributes));
    }

    @Override
    public SpanBuilder setAttribute(String key, String value) {
      return record(builder -> builder.setAttribute(key, value));
    }

    @Override
    public SpanBuilder setAttribute(String key, long value) {
      return record(builder -> builder.setAttribute(key, value));
    }

    @Override
    public SpanBuilder setAttribute(String key, double value) {
      return record(builder -> builder.setAttribute(key, value));
    }

    @Override
    public SpanBuilder setAttribute(String key, boolean value) {
      return record(builder -> builder.setAttribute(key, value));
    }

    @Override
    public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
      return record(builder -> builder.setAttribute(key, value));
    }

    @Override
    public SpanBuilder setSpanKind(SpanKind spanKind) {
      return record(builder -> builder.setSpanKind(spanKind));
    }

    @Override
    public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
      return record(builder -> builder.setStartTimestamp(startTimestamp, unit));
    }

    @Override
    public Span startSpan() {
      Context parent = explicitParent != null ? explicitParent : Context.current();
      TracingHarness harness = router.apply(parent);
      if (harness == null || harness.isClosed()) {
        return Span.wrap(Span.fromContext(parent).getSpanContext());
      }
      SpanBuilder builder = tracerOf.apply(harness).spanBuilder(spanName);
      calls.forEach(call -> call.accept(builder));
      return builder.startSpan();
    }
  }
}
