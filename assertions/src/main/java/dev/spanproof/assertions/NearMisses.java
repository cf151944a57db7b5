package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the spans a user probably meant when the name they asked for is not there. Only close names
 * are suggested, best first:
 *
 * <ol>
 *   <li>the same name but for case and separators ({@code process_payment}, {@code
 *       processPayment});
 *   <li>a few typos away (edit distance at most a quarter of the longer name, at least 1);
 *   <li>one name contains the other ({@code payment}, {@code processPayment});
 *   <li>the names share a word ({@code processPayment}, {@code payment.authorize}), more shared
 *       words first.
 * </ol>
 *
 * <p>Within a rank, the smaller edit distance comes first, then the earlier span in tree order. A
 * trace of unrelated names gives no suggestion at all.
 */
final class NearMisses {

  static final int MAX = 3;

  /** Words are split at separators, lower-to-upper case changes and acronym ends (HTTPClient). */
  private static final Pattern WORD_BOUNDARY =
      Pattern.compile(
          "[^\\p{L}\\p{N}]+|(?<=[\\p{Ll}\\p{N}])(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})");

  /** Shorter words ("id", "db", "v2") are too common to make two names related. */
  private static final int MIN_WORD_LENGTH = 3;

  private NearMisses() {}

  /** Up to {@value #MAX} spans of {@code trace} whose names are close to {@code wanted}. */
  static List<SpanNode> closestTo(String wanted, Trace trace) {
    return closestAmong(wanted, trace.spans());
  }

  /**
   * Up to {@value #MAX} of {@code candidates} whose names are close to {@code wanted}, one per
   * distinct name (its first in the given order), best first; empty when none is close.
   */
  static List<SpanNode> closestAmong(String wanted, List<SpanNode> candidates) {
    Map<String, SpanNode> firstByName = new LinkedHashMap<>();
    for (SpanNode node : candidates) {
      firstByName.putIfAbsent(node.name(), node);
    }
    Name target = new Name(wanted);
    List<Closeness> close = new ArrayList<>();
    for (SpanNode node : firstByName.values()) {
      Closeness closeness = Closeness.of(target, new Name(node.name()), node);
      if (closeness != null) {
        close.add(closeness);
      }
    }
    // List.sort is stable and firstByName keeps the given order, so ties stay in tree order.
    close.sort(
        Comparator.comparingInt(Closeness::rank)
            .thenComparing(Comparator.comparingInt(Closeness::sharedWords).reversed())
            .thenComparingInt(Closeness::distance));
    return close.stream().limit(MAX).map(Closeness::node).toList();
  }

  /** A name in the forms the comparison needs. */
  private static final class Name {
    /** Lower case without separators: "process_payment" and "processPayment" are equal. */
    final String squashed;

    /** Its words of at least {@link #MIN_WORD_LENGTH} characters, in lower case. */
    final Set<String> words;

    Name(String name) {
      this.squashed = name.replaceAll("[^\\p{L}\\p{N}]+", "").toLowerCase(Locale.ROOT);
      this.words =
          WORD_BOUNDARY
              .splitAsStream(name)
              .filter(word -> word.length() >= MIN_WORD_LENGTH)
              .map(word -> word.toLowerCase(Locale.ROOT))
              .collect(Collectors.toSet());
    }
  }

  private record Closeness(int rank, int sharedWords, int distance, SpanNode node) {

    static final int SAME = 0;
    static final int TYPO = 1;
    static final int CONTAINS = 2;
    static final int SHARES_WORD = 3;

    /** How close {@code candidate} is to {@code wanted}, or null when it is not close at all. */
    static Closeness of(Name wanted, Name candidate, SpanNode node) {
      int distance = levenshtein(wanted.squashed, candidate.squashed);
      Set<String> shared = new LinkedHashSet<>(wanted.words);
      shared.retainAll(candidate.words);
      int longer = Math.max(wanted.squashed.length(), candidate.squashed.length());
      int rank;
      if (distance == 0) {
        rank = SAME;
      } else if (distance <= Math.max(1, longer / 4)) {
        rank = TYPO;
      } else if (contains(wanted.squashed, candidate.squashed)) {
        rank = CONTAINS;
      } else if (!shared.isEmpty()) {
        rank = SHARES_WORD;
      } else {
        return null;
      }
      return new Closeness(rank, shared.size(), distance, node);
    }

    /** One contains the other, and the shorter is long enough to mean something. */
    private static boolean contains(String a, String b) {
      return a.length() <= b.length()
          ? a.length() >= MIN_WORD_LENGTH && b.contains(a)
          : b.length() >= MIN_WORD_LENGTH && a.contains(b);
    }
  }

  /** The number of single-character insertions, deletions and substitutions from a to b. */
  static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
