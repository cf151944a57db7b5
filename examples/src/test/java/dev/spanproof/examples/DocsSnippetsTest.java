package dev.spanproof.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.examples.DocSnippets.Snippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Java snippet of the user guide (and of the other pages named here) is copied from a test
 * source that the build compiles and runs, so the docs cannot drift from the API.
 */
class DocsSnippetsTest {

  /** The repository's root folder, from the build (the parent of the examples module). */
  private static final Path REPOSITORY =
      Path.of(System.getProperty("spanproof.examples.repository", "..")).normalize();

  private static final DocSnippets TEST_SOURCES = DocSnippets.testSourcesOf(REPOSITORY);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "README.md",
        "docs/guide.md",
        "docs/spring-boot.md",
        "docs/configuration.md",
        "docs/strict-mode.md",
        "docs/otlp-json.md",
        "docs/golden-traces.md",
        "docs/benchmarks.md",
        "docs/sampling.md",
        "docs/migrating-from-sdk-testing.md",
        "docs/reports.md",
        "docs/semantic-conventions.md",
        "docs/tail-sampling.md",
        "docs/lint.md",
        "docs/wiremock.md",
        "docs/assertions.md",
        "docs/otlp-receiver.md"
      })
  void every_java_snippet_occurs_in_a_test_source(String page) throws IOException {
    List<Snippet> snippets = DocSnippets.javaBlocks(Files.readString(REPOSITORY.resolve(page)));

    String missing =
        snippets.stream()
            .filter(snippet -> TEST_SOURCES.sourceOf(snippet).isEmpty())
            .map(snippet -> page + ":" + snippet.line() + "\n" + snippet.code())
            .collect(Collectors.joining("\n\n"));
    assertThat(missing)
        .as(
            "snippets of %s that occur in none of the %d test sources, whitespace aside (copy"
                + " them from a test, or fix the test they came from)",
            page, TEST_SOURCES.sourceCount())
        .isEmpty();
  }

  @Test
  void the_guide_has_snippets_to_check() throws IOException {
    assertThat(DocSnippets.javaBlocks(Files.readString(REPOSITORY.resolve("docs/guide.md"))))
        .hasSizeGreaterThan(20);
  }

  @Test
  void a_snippet_matches_whatever_its_indentation_and_line_breaks() {
    DocSnippets sources =
        DocSnippets.of(
            Map.of(Path.of("A.java"), "class A {\n  void f() {\n    g(1,\n      2);\n  }\n}\n"));
    List<Snippet> snippets = DocSnippets.javaBlocks("text\n```java\ng(1, 2);\n```\n");

    assertThat(snippets).containsExactly(new Snippet(3, "g(1, 2);"));
    assertThat(sources.sourceOf(snippets.get(0))).contains(Path.of("A.java"));
  }

  @Test
  void a_changed_snippet_matches_no_source() {
    DocSnippets sources = DocSnippets.of(Map.of(Path.of("A.java"), "g(1, 2);"));

    assertThat(sources.sourceOf(new Snippet(1, "g(1, 3);"))).isEmpty();
  }

  @Test
  void a_block_that_is_never_closed_is_reported_with_its_line() {
    assertThatThrownBy(() -> DocSnippets.javaBlocks("a\n\n```java\ng();\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 3: the ```java block is never closed");
  }
}
