package dev.spanproof.assertions;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the spans a user probably meant when the name they asked for is not in the trace: the
 * closest names by edit distance (ignoring case), ties broken by position in the tree.
 */
final class NearMisses {

  static final int MAX = 3;

  private NearMisses() {}

  /**
   * Up to {@value #MAX} spans whose names are closest to {@code wanted}, one per distinct name (its
   * first in tree order), closest first.
   */
  static List<SpanNode> closestTo(String wanted, Trace trace) {
    Map<String, SpanNode> firstByName = new LinkedHashMap<>();
    for (SpanNode node : trace.spans()) {
      firstByName.putIfAbsent(node.name(), node);
    }
    List<SpanNode> candidates = new ArrayList<>(firstByName.values());
    String target = wanted.toLowerCase(Locale.ROOT);
    Map<SpanNode, Integer> distance = new LinkedHashMap<>();
    for (SpanNode candidate : candidates) {
      distance.put(candidate, levenshtein(target, candidate.name().toLowerCase(Locale.ROOT)));
    }
    // A name that contains the wanted one, or is contained in it ("payment", "processPayment"), is
    // the likeliest meant whatever the edit distance. firstByName keeps tree order and List.sort is
    // stable, so equal scores stay in tree order.
    candidates.sort(
        Comparator.comparing(
                (SpanNode node) -> !overlaps(target, node.name().toLowerCase(Locale.ROOT)))
            .thenComparingInt(distance::get));
    return List.copyOf(candidates.subList(0, Math.min(MAX, candidates.size())));
  }

  private static boolean overlaps(String a, String b) {
    return a.contains(b) || b.contains(a);
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
