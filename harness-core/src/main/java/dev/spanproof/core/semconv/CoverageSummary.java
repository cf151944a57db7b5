package dev.spanproof.core.semconv;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a semantic-convention check covered: how many spans each convention judged, which spans
 * follow none (or could not be told apart), and which attributes no rule knows. Print it:
 *
 * <pre>
 * Semantic conventions 1.43.0 (database: stable conventions), 4 spans
 *   HTTP client: 1 span
 *   database client: 2 spans
 *   no convention: 1 span (processOrder)
 * Attributes no rule knows: order.id (processOrder)
 * </pre>
 */
public final class CoverageSummary {

  private final String version;
  private final DatabaseConventionMode databaseMode;
  private final int spanCount;
  private final Map<SemanticConvention, Integer> spanCounts;
  private final List<String> spansWithoutConvention;
  private final int withoutConventionCount;
  private final List<String> undecidedSpans;
  private final int undecidedCount;
  private final Map<String, List<String>> unknownAttributes;

  private CoverageSummary(Builder builder) {
    this.version = builder.version;
    this.databaseMode = builder.databaseMode;
    this.spanCount = builder.spanCount;
    this.spanCounts = Collections.unmodifiableMap(new EnumMap<>(builder.spanCounts));
    this.spansWithoutConvention = List.copyOf(builder.withoutConvention);
    this.withoutConventionCount = builder.withoutConventionCount;
    this.undecidedSpans = List.copyOf(builder.undecided);
    this.undecidedCount = builder.undecidedCount;
    Map<String, List<String>> unknown = new LinkedHashMap<>();
    builder.unknownAttributes.forEach((key, names) -> unknown.put(key, List.copyOf(names)));
    this.unknownAttributes = Collections.unmodifiableMap(unknown);
  }

  /** The semantic-conventions release the rules follow, e.g. {@code 1.43.0}. */
  public String semconvVersion() {
    return version;
  }

  /** The database names database client spans were judged by. */
  public DatabaseConventionMode databaseMode() {
    return databaseMode;
  }

  /** How many spans each convention judged, in the order of {@link SemanticConvention}. */
  public Map<SemanticConvention, Integer> spanCounts() {
    return spanCounts;
  }

  /** The names of the spans no convention applies to (e.g. business spans), each once. */
  public List<String> spansWithoutConvention() {
    return spansWithoutConvention;
  }

  /** The names of the spans whose convention could not be told apart, each once. */
  public List<String> undecidedSpans() {
    return undecidedSpans;
  }

  /** Attributes no rule of any convention knows, each with the names of the spans that had it. */
  public Map<String, List<String>> unknownAttributes() {
    return unknownAttributes;
  }

  /** The report shown in the class description. */
  @Override
  public String toString() {
    StringBuilder out =
        new StringBuilder("Semantic conventions ")
            .append(version)
            .append(" (database: ")
            .append(databaseMode.description())
            .append("), ")
            .append(count(spanCount));
    spanCounts.forEach(
        (convention, n) ->
            out.append("\n  ").append(convention.title()).append(": ").append(count(n)));
    appendSpans(out, "no convention", spansWithoutConvention, withoutConventionCount);
    appendSpans(out, "undecided", undecidedSpans, undecidedCount);
    out.append("\nAttributes no rule knows: ");
    if (unknownAttributes.isEmpty()) {
      out.append("none");
    } else {
      List<String> entries = new ArrayList<>();
      unknownAttributes.forEach(
          (key, names) -> entries.add(key + " (" + String.join(", ", names) + ")"));
      out.append(String.join(", ", entries));
    }
    return out.toString();
  }

  private static void appendSpans(StringBuilder out, String label, List<String> names, int n) {
    if (!names.isEmpty()) {
      out.append("\n  ")
          .append(label)
          .append(": ")
          .append(count(n))
          .append(" (")
          .append(String.join(", ", names))
          .append(')');
    }
  }

  private static String count(int n) {
    return n + (n == 1 ? " span" : " spans");
  }

  /** Collects a summary span by span. */
  static final class Builder {
    private final String version;
    private final DatabaseConventionMode databaseMode;
    private int spanCount;
    private int withoutConventionCount;
    private int undecidedCount;
    private final Map<SemanticConvention, Integer> spanCounts =
        new EnumMap<>(SemanticConvention.class);
    private final Set<String> withoutConvention = new LinkedHashSet<>();
    private final Set<String> undecided = new LinkedHashSet<>();
    private final Map<String, Set<String>> unknownAttributes = new LinkedHashMap<>();

    Builder(String version, DatabaseConventionMode databaseMode) {
      this.version = version;
      this.databaseMode = databaseMode;
    }

    void add(SpanData span, Typing typing) {
      spanCount++;
      if (typing.convention() != null) {
        spanCounts.merge(typing.convention(), 1, Integer::sum);
      } else if (typing.isUnsure()) {
        undecidedCount++;
        undecided.add(span.getName());
      } else {
        withoutConventionCount++;
        withoutConvention.add(span.getName());
      }
    }

    void unknownAttribute(String key, String spanName) {
      unknownAttributes.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(spanName);
    }

    CoverageSummary build() {
      return new CoverageSummary(this);
    }
  }
}
