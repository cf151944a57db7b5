package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** On the module path, each spanproof jar is the module its manifest names. */
class ModuleNamesTest {

  @ParameterizedTest
  @CsvSource({
    "dev.spanproof.core.TracingHarness, dev.spanproof.core",
    "dev.spanproof.junit.TracingExtension, dev.spanproof.junit",
    "dev.spanproof.assertions.TraceAssertions, dev.spanproof.assertions",
    "dev.spanproof.wiremock.TracingStubListener, dev.spanproof.wiremock",
  })
  void each_jar_is_the_module_it_names(Class<?> publicType, String moduleName)
      throws URISyntaxException {
    Path jar = jarOf(publicType);

    Set<ModuleReference> modules = ModuleFinder.of(jar).findAll();

    assertThat(modules)
        .singleElement()
        .satisfies(
            module -> {
              assertThat(module.descriptor().name()).isEqualTo(moduleName);
              assertThat(module.descriptor().isAutomatic()).isTrue();
              assertThat(
                      module.descriptor().packages().stream()
                          .filter(
                              name ->
                                  !name.equals(moduleName) && !name.startsWith(moduleName + "."))
                          .collect(Collectors.toList()))
                  .as("packages outside %s", moduleName)
                  .isEmpty();
            });
  }

  private static Path jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
