package dev.spanproof.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code ```java} blocks of a Markdown page, and the test sources they must be copied from.
 * Code is compared without whitespace, so that a snippet may be indented and wrapped differently
 * from its source, but not changed.
 */
final class DocSnippets {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** Folders that hold no sources of the build: build output, installed packages, git. */
  private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules", ".git");

  /**
   * One fenced Java block.
   *
   * @param line the line of the block's first code line, counted from 1
   * @param code the block's text, without the fences
   */
  record Snippet(int line, String code) {}

  private final Map<Path, String> sources;

  private DocSnippets(Map<Path, String> sources) {
    this.sources = sources;
  }

  /** Every {@code .java} file under a {@code src/test/java} folder of the repository. */
  static DocSnippets testSourcesOf(Path repository) {
    Map<Path, String> sources = new LinkedHashMap<>();
    try {
      Files.walkFileTree(
          repository,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
              Path name = dir.getFileName();
              return name != null && SKIPPED_FOLDERS.contains(name.toString())
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              String path = repository.relativize(file).toString().replace('\\', '/');
              if (path.endsWith(".java") && path.contains("src/test/java/")) {
                sources.put(file, withoutWhitespace(Files.readString(file)));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DocSnippets(sources);
  }

  /** Sources given directly, by path: for testing the check itself. */
  static DocSnippets of(Map<Path, String> sources) {
    Map<Path, String> stripped = new LinkedHashMap<>();
    sources.forEach((path, text) -> stripped.put(path, withoutWhitespace(text)));
    return new DocSnippets(stripped);
  }

  int sourceCount() {
    return sources.size();
  }

  /** The source file {@code snippet} occurs in, whitespace aside, if any. */
  Optional<Path> sourceOf(Snippet snippet) {
    String code = withoutWhitespace(snippet.code());
    return sources.entrySet().stream()
        .filter(source -> source.getValue().contains(code))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /**
   * The {@code ```java} blocks of {@code markdown}, in order.
   *
   * @throws IllegalArgumentException if a block is never closed, or is empty
   */
  static List<Snippet> javaBlocks(String markdown) {
    List<Snippet> snippets = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].strip().equals("```java")) {
        continue;
      }
      int first = i + 1;
      int end = first;
      while (end < lines.length && !lines[end].strip().equals("```")) {
        end++;
      }
      if (end == lines.length) {
        throw new IllegalArgumentException("line " + first + ": the ```java block is never closed");
      }
      String code = String.join("\n", List.of(lines).subList(first, end));
      if (code.isBlank()) {
        throw new IllegalArgumentException("line " + first + ": the ```java block is empty");
      }
      snippets.add(new Snippet(first + 1, code));
      i = end;
    }
    return snippets;
  }

  private static String withoutWhitespace(String text) {
    return WHITESPACE.matcher(text).replaceAll("");
  }
}
