package dev.spanproof.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Proves which JUnit the suite really ran on: {@code -Pjunit6} must put JUnit 6 on the test
 * classpath, or the "works on JUnit 6" claim would rest on a build that never used it.
 */
class JUnitVersionTest {

  @Test
  void should_run_on_the_jupiter_version_the_build_selected() {
    String expected = System.getProperty("spanproof.expectedJUnitVersion");
    String actual = Test.class.getPackage().getImplementationVersion();

    assertThat(expected).as("spanproof.expectedJUnitVersion, set by the pom").isNotBlank();
    assertThat(actual).isEqualTo(expected);
  }
}
