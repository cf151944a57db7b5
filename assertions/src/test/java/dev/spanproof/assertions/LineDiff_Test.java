package dev.spanproof.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineDiff_Test {

  @Test
  void should_show_equal_lines_unmarked() {
    assertThat(LineDiff.of(List.of("a", "b"), List.of("a", "b"))).containsExactly("  a", "  b");
  }

  @Test
  void should_show_a_changed_line_removed_then_added() {
    assertThat(LineDiff.of(List.of("a", "b", "c"), List.of("a", "x", "c")))
        .containsExactly("  a", "- b", "+ x", "  c");
  }

  @Test
  void should_cut_long_unchanged_stretches_to_three_lines_of_context() {
    // GIVEN 20 lines, of which lines 10 and 18 changed
    List<String> expected = lines(20);
    List<String> actual = new ArrayList<>(expected);
    actual.set(10, "ten");
    actual.set(18, "eighteen");
    // WHEN/THEN
    assertThat(LineDiff.of(expected, actual))
        .containsExactly(
            "  … 7 lines alike",
            "  line 7",
            "  line 8",
            "  line 9",
            "- line 10",
            "+ ten",
            "  line 11",
            "  line 12",
            "  line 13",
            "  line 14",
            "  line 15",
            "  line 16",
            "  line 17",
            "- line 18",
            "+ eighteen",
            "  line 19");
  }

  @Test
  void should_show_the_middle_as_removed_and_added_when_too_long_to_align() {
    // GIVEN 2,500 lines against 2,500 others: more than the alignment table allows
    List<String> expected = lines(2_500);
    List<String> actual = expected.stream().map(line -> line + "'").toList();
    // WHEN
    List<String> diff = LineDiff.of(expected, actual);
    // THEN
    assertThat(diff).hasSize(5_000).startsWith("- line 0").contains("+ line 0'");
  }

  private static List<String> lines(int count) {
    return IntStream.range(0, count).mapToObj(i -> "line " + i).toList();
  }
}
