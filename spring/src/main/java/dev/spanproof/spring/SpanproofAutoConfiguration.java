package dev.spanproof.spring;

import dev.spanproof.core.ExternalSdkCapture;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What {@link AutoConfigureSpanproof} adds to the application: spanproof's capture among the span
 * processors Spring Boot gives its {@code SdkTracerProvider}, the application's sampler wrapped to
 * record its decisions, and a check that there is an SDK to capture from.
 */
@AutoConfiguration
class SpanproofAutoConfiguration {

  /**
   * Spring Boot adds every {@code SpanProcessor} bean to the {@code SdkTracerProvider} it builds.
   */
  @Bean
  SpanProcessor spanproofCapture() {
    return ExternalSdkCapture.spanProcessor();
  }

  /** Static, as a post-processor must be, so that it is ready before the sampler bean is made. */
  @Bean
  static BeanPostProcessor spanproofRecordingSampler() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof Sampler sampler
            ? ExternalSdkCapture.recordingSampler(sampler)
            : bean;
      }
    };
  }

  @Bean
  SmartInitializingSingleton spanproofRequiresSdk(ObjectProvider<SdkTracerProvider> sdk) {
    return () -> {
      if (sdk.getIfAvailable() == null) {
        throw new IllegalStateException(Messages.NO_SDK);
      }
    };
  }
}
