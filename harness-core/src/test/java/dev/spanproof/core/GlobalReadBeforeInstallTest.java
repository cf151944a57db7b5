package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GlobalReadBeforeInstallTest {

  private final TracingHarness harness = TracingHarness.builder().build();

  @BeforeEach
  @AfterEach
  void unsetTheGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  @AfterEach
  void closeHarness() {
    harness.close();
  }

  @Test
  void should_tell_when_the_global_was_read_before_installation() {
    // GIVEN code under test that took a tracer before the harness was installed
    OpenTelemetry readTooEarly = GlobalOpenTelemetry.get();
    // WHEN
    try (GlobalInstallation ignored = harness.installGlobal()) {
      // THEN
      assertThat(harness.globalWasReadBeforeInstall()).isTrue();
    }
    assertThat(GlobalOpenTelemetry.get()).isSameAs(readTooEarly);
    assertThat(harness.globalWasReadBeforeInstall()).isTrue();
  }

  @Test
  void should_not_tell_so_when_nothing_was_read_or_set() {
    try (GlobalInstallation ignored = harness.installGlobal()) {
      assertThat(harness.globalWasReadBeforeInstall()).isFalse();
    }
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
  }

  @Test
  void should_not_tell_so_when_a_real_sdk_was_set() {
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().build()) {
      GlobalOpenTelemetry.set(sdk);
      OpenTelemetry set = GlobalOpenTelemetry.get();
      try (GlobalInstallation ignored = harness.installGlobal()) {
        assertThat(harness.globalWasReadBeforeInstall()).isFalse();
      }
      assertThat(GlobalOpenTelemetry.get()).isSameAs(set);
    }
  }

  @Test
  void should_not_tell_so_for_a_harness_that_never_installed() {
    GlobalOpenTelemetry.get();
    assertThat(harness.globalWasReadBeforeInstall()).isFalse();
  }
}
