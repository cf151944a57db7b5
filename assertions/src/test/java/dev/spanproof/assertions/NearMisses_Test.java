package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.assertions.TestTraces.Spec;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which names "did you mean" suggests. The seeded tests print their seed in the test name and in
 * every failure; rerun one by putting that seed in {@link #seeds()}.
 */
class NearMisses_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_suggest_names_sharing_a_word_and_nothing_unrelated() {
    Trace trace =
        trace(
            "checkout",
            "audit",
            "processPayment",
            "payment.authorize",
            "sendEmail",
            "reserveStock");

    assertThat(names(NearMisses.closestTo("payment", trace)))
        .containsExactly("processPayment", "payment.authorize");
    assertThat(names(NearMisses.closestTo("authorizePayment", trace)))
        .containsExactly("payment.authorize", "processPayment");
  }

  @Test
  void should_rank_a_case_or_separator_difference_before_a_typo() {
    Trace trace = trace("root", "processPaymnt", "process_payment", "payment");

    assertThat(names(NearMisses.closestTo("processPayment", trace)))
        .containsExactly("process_payment", "processPaymnt", "payment");
  }

  @Test
  void should_suggest_at_most_three_names_best_first() {
    Trace trace =
        trace("checkout", "order.created", "order.shipped", "order.paid", "orders", "ordr");

    assertThat(names(NearMisses.closestTo("order", trace)))
        .containsExactly("orders", "ordr", "order.paid");
  }

  @Test
  void should_suggest_nothing_when_no_name_is_close() {
    Trace trace = trace("checkout", "audit", "reserveStock", "GET /orders/{id}");

    assertThat(NearMisses.closestTo("processPayment", trace)).isEmpty();
  }

  @Test
  void should_not_relate_names_by_short_words() {
    Trace trace = trace("GET /id", "db.query", "v2");

    assertThat(NearMisses.closestTo("load id from db v2", trace)).isEmpty();
  }

  @Test
  void should_split_words_at_case_changes_and_acronyms() {
    Trace trace = trace("root", "HTTPClient send", "sendRequest");

    assertThat(names(NearMisses.closestTo("client.call", trace)))
        .containsExactly("HTTPClient send");
  }

  static LongStream seeds() {
    return new Random(20_261_202L).longs(40);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void should_suggest_a_mistyped_name_first(long seed) {
    // GIVEN random names of random words, and one of them with one typo
    Random random = new Random(seed);
    List<String> names = randomNames(random, "abcdefghijklmnopqrstuvwxyz", 8);
    String meant = names.get(random.nextInt(names.size()));
    String typed = typo(meant, random);
    // WHEN
    List<SpanNode> suggested = NearMisses.closestTo(typed, trace(names));
    // THEN
    assertThat(names(suggested))
        .as("seed %d: %s typed as %s among %s", seed, meant, typed, names)
        .first()
        .isEqualTo(meant);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void should_suggest_nothing_for_a_name_with_no_letter_in_common(long seed) {
    // GIVEN span names from one half of the alphabet, the wanted name from the other
    Random random = new Random(seed);
    List<String> names = randomNames(random, "abcdefghijklm", 8);
    String wanted = randomNames(random, "nopqrstuvwxyz", 1).get(0);
    // WHEN/THEN
    assertThat(NearMisses.closestTo(wanted, trace(names)))
        .as("seed %d: %s among %s", seed, wanted, names)
        .isEmpty();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void should_suggest_at_most_three_distinct_names_that_share_something(long seed) {
    // GIVEN names drawn from a small vocabulary, so that many are related
    Random random = new Random(seed);
    List<String> vocabulary = List.of("order", "payment", "process", "send", "stock", "email");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      names.add(
          vocabulary.get(random.nextInt(vocabulary.size()))
              + "."
              + vocabulary.get(random.nextInt(vocabulary.size())));
    }
    String wanted = vocabulary.get(random.nextInt(vocabulary.size())) + "Handler";
    // WHEN
    List<String> suggested = names(NearMisses.closestTo(wanted, trace(names)));
    // THEN
    String word = wanted.substring(0, wanted.length() - "Handler".length());
    assertThat(suggested)
        .as("seed %d: %s among %s", seed, wanted, names)
        .hasSizeLessThanOrEqualTo(NearMisses.MAX)
        .doesNotHaveDuplicates()
        .allSatisfy(name -> assertThat(name).contains(word));
    if (names.stream().anyMatch(name -> name.contains(word))) {
      assertThat(suggested).as("seed %d: %s among %s", seed, wanted, names).isNotEmpty();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** A root named by the first name, the others as its children. */
  private Trace trace(String... names) {
    return trace(List.of(names));
  }

  private Trace trace(List<String> names) {
    Spec[] children =
        names.subList(1, names.size()).stream().map(name -> span(name, 1, 2)).toArray(Spec[]::new);
    return Trace.of(traces.record(span(names.get(0), 0, 3, children)));
  }

  private static List<String> names(List<SpanNode> nodes) {
    return nodes.stream().map(SpanNode::name).toList();
  }

  /** Distinct camelCase names of two or three words of four to eight letters. */
  private static List<String> randomNames(Random random, String letters, int count) {
    Set<String> names = new LinkedHashSet<>();
    while (names.size() < count) {
      StringBuilder name = new StringBuilder();
      int words = 2 + random.nextInt(2);
      for (int w = 0; w < words; w++) {
        String word = randomWord(random, letters);
        name.append(w == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
      }
      names.add(name.toString());
    }
    return List.copyOf(names);
  }

  private static String randomWord(Random random, String letters) {
    StringBuilder word = new StringBuilder();
    int length = 4 + random.nextInt(5);
    for (int i = 0; i < length; i++) {
      word.append(letters.charAt(random.nextInt(letters.length())));
    }
    return word.toString();
  }

  /** One deleted, inserted or replaced letter, or the name in upper case. */
  private static String typo(String name, Random random) {
    int at = random.nextInt(name.length());
    char letter = (char) ('a' + random.nextInt(26));
    return switch (random.nextInt(4)) {
      case 0 -> name.substring(0, at) + name.substring(at + 1);
      case 1 -> name.substring(0, at) + letter + name.substring(at);
      case 2 -> name.substring(0, at) + letter + name.substring(at + 1);
      default -> name.toUpperCase(java.util.Locale.ROOT);
    };
  }
}
