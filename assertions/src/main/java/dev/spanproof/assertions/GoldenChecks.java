package dev.spanproof.assertions;

import dev.spanproof.core.trace.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares a trace's shape with a golden file, or writes the file in update mode (the system
 * property {@value GoldenTraceOptions#UPDATE_PROPERTY} set to {@code true}).
 */
final class GoldenChecks {

  private static final String UPDATE_HINT = "-D" + GoldenTraceOptions.UPDATE_PROPERTY + "=true";

  private GoldenChecks() {}

  static Optional<Failure> matchesGoldenFile(Trace trace, Path file, GoldenTraceOptions options) {
    boolean ordered = options.siblingsInStartOrder();
    List<GoldenTree> actual = GoldenTree.of(trace, options);
    String expecting = "Expecting " + Layout.trace(trace) + " to match the golden file " + file;
    boolean update =
        "true".equalsIgnoreCase(System.getProperty(GoldenTraceOptions.UPDATE_PROPERTY));
    if (!Files.exists(file)) {
      if (update) {
        write(file, actual, options);
        return Optional.empty();
      }
      return Optional.of(
          Failure.withoutTree(
              expecting
                  + "\nbut the file does not exist. To create it from this trace, run the test with "
                  + UPDATE_HINT
                  + ", then review the file and commit it."));
    }
    List<GoldenTree> golden;
    try {
      golden = GoldenTree.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (GoldenTree.MalformedGoldenFileException e) {
      if (update) {
        write(file, actual, options);
        return Optional.empty();
      }
      return Optional.of(
          Failure.withoutTree(
              expecting
                  + "\nbut the file is not a golden trace: "
                  + e.getMessage()
                  + ". Fix it, or rewrite it from this trace by running the test with "
                  + UPDATE_HINT
                  + "."));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the golden file " + file + ": " + e, e);
    }
    if (GoldenTree.canonical(golden, ordered).equals(GoldenTree.canonical(actual, ordered))) {
      return Optional.empty();
    }
    List<GoldenTree> aligned = GoldenTree.alignedTo(actual, golden, ordered);
    if (update) {
      write(file, aligned, options);
      return Optional.empty();
    }
    List<String> goldenLines = GoldenTree.lines(golden);
    List<String> actualLines = GoldenTree.lines(aligned);
    return Optional.of(
        Failure.of(
            expecting
                + (ordered ? ", siblings in start order" : "")
                + "\nbut it differs (- golden file, + actual trace):\n"
                + Layout.indent(Layout.lines(LineDiff.of(goldenLines, actualLines)))
                + "\nIf the change is intended, rewrite the file by running the test with "
                + UPDATE_HINT
                + " and review the change before committing it.",
            Layout.lines(actualLines),
            Layout.lines(goldenLines)));
  }

  /** Writes {@code trees} with a header that says what the file holds and how to rewrite it. */
  private static void write(Path file, List<GoldenTree> trees, GoldenTraceOptions options) {
    List<String> words = new ArrayList<>();
    List<String> keys = options.attributes();
    for (int i = 0; i < keys.size(); i++) {
      words.add(keys.get(i) + (i < keys.size() - 1 ? "," : ")."));
    }
    if (keys.isEmpty()) {
      words.add("none).");
    }
    StringBuilder text =
        new StringBuilder("# spanproof golden trace: span names, [kind, status], the tree")
            .append(options.eventNames() ? ", event names" : "")
            .append(", and\n");
    // the attribute list wrapped into comment lines of at most 100 characters
    StringBuilder comment = new StringBuilder("# the attributes under each span (");
    for (String word : words) {
      if (comment.length() + 1 + word.length() > 100) {
        text.append(comment).append('\n');
        comment = new StringBuilder("#  ");
      }
      comment.append(comment.charAt(comment.length() - 1) == '(' ? "" : " ").append(word);
    }
    text.append(comment)
        .append("\n# Not compared: ids, timestamps, durations")
        .append(options.eventNames() ? "" : ", events")
        .append(options.siblingsInStartOrder() ? "" : ", the order of siblings")
        .append(".\n# Rewrite it by running the test with ")
        .append(UPDATE_HINT)
        .append('\n');
    for (String line : GoldenTree.lines(trees)) {
      text.append(line).append('\n');
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the golden file " + file + ": " + e, e);
    }
  }
}
