package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

/**
 * The tests ran on the JUnit and OpenTelemetry versions this build asked for, not on the ones
 * spanproof was built with.
 */
class ResolvedVersionsTest {

  @Test
  void junit_is_the_requested_version() {
    assertThat(Test.class.getPackage().getImplementationVersion())
        .isEqualTo(System.getProperty("consumer.expectedJUnitVersion"));
  }

  @Test
  void the_opentelemetry_sdk_is_the_requested_version() {
    assertThat(Resource.getDefault().getAttribute(AttributeKey.stringKey("telemetry.sdk.version")))
        .isEqualTo(System.getProperty("consumer.expectedOpenTelemetryVersion"));
  }
}
