package dev.spanproof.assertions;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff as {@code diff -u} shows it, without its headers: {@code " "} before a line both
 * sides have, {@code "- "} before one only the expected side has, {@code "+ "} before one only the
 * actual side has. It keeps the longest common subsequence of lines; long unchanged stretches are
 * shortened to three lines of context on each side of a change.
 */
final class LineDiff {

  /** Changes farther apart than twice this are shown with the unchanged lines between cut. */
  static final int CONTEXT = 3;

  /** Beyond this many cells, the middle part is shown as removed and added, not aligned. */
  private static final long MAX_TABLE = 4_000_000;

  private LineDiff() {}

  /** The diff of {@code expected} to {@code actual}, one line per entry. */
  static List<String> of(List<String> expected, List<String> actual) {
    List<String> all = new ArrayList<>();
    int prefix = 0;
    while (prefix < expected.size()
        && prefix < actual.size()
        && expected.get(prefix).equals(actual.get(prefix))) {
      all.add("  " + expected.get(prefix));
      prefix++;
    }
    int suffix = 0;
    while (suffix < expected.size() - prefix
        && suffix < actual.size() - prefix
        && expected
            .get(expected.size() - 1 - suffix)
            .equals(actual.get(actual.size() - 1 - suffix))) {
      suffix++;
    }
    all.addAll(
        middle(
            expected.subList(prefix, expected.size() - suffix),
            actual.subList(prefix, actual.size() - suffix)));
    for (String line : expected.subList(expected.size() - suffix, expected.size())) {
      all.add("  " + line);
    }
    return withContext(all);
  }

  /** The differing middle: aligned by the longest common subsequence when small enough. */
  private static List<String> middle(List<String> expected, List<String> actual) {
    List<String> out = new ArrayList<>();
    int n = expected.size();
    int m = actual.size();
    if ((long) n * m > MAX_TABLE) {
      expected.forEach(line -> out.add("- " + line));
      actual.forEach(line -> out.add("+ " + line));
      return out;
    }
    // common[i][j]: length of the longest common subsequence of expected[i..] and actual[j..]
    int[][] common = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] =
            expected.get(i).equals(actual.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
        out.add("  " + expected.get(i++));
        j++;
      } else if (j < m && (i == n || common[i][j + 1] > common[i + 1][j])) {
        // on a tie the removed line comes first, as diff -u shows a changed line
        out.add("+ " + actual.get(j++));
      } else {
        out.add("- " + expected.get(i++));
      }
    }
    return out;
  }

  /**
   * Unchanged stretches cut to {@link #CONTEXT} lines next to each change; lines without any change
   * are kept whole.
   */
  private static List<String> withContext(List<String> lines) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      int end = i;
      while (end < lines.size() && lines.get(end).startsWith("  ")) {
        end++;
      }
      int unchanged = end - i;
      boolean first = i == 0;
      boolean last = end == lines.size();
      int keepBefore = first ? 0 : CONTEXT; // after the previous change
      int keepAfter = last ? 0 : CONTEXT; // before the next change
      if (!(first && last) && unchanged > keepBefore + keepAfter + 1) {
        out.addAll(lines.subList(i, i + keepBefore));
        out.add(
            "  … " + Layout.count(unchanged - keepBefore - keepAfter, "line", "lines") + " alike");
        out.addAll(lines.subList(end - keepAfter, end));
      } else {
        out.addAll(lines.subList(i, end));
      }
      while (end < lines.size() && !lines.get(end).startsWith("  ")) {
        out.add(lines.get(end++));
      }
      i = end;
    }
    return out;
  }
}
