package dev.spanproof.core.semconv;

import dev.spanproof.core.lint.Finding;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The semantic-convention rules for HTTP, database, RPC and messaging spans, and the checks that
 * apply them. Each span's type is detected from its kind and attributes (or stated by the caller);
 * the span is then judged by that convention's rules: kind, name, status, attributes (required,
 * conditionally required when spanproof can tell the condition holds, recommended), value types,
 * listed enum values; on every span, deprecated attributes are named with their replacement.
 *
 * <pre>{@code
 * List<Finding> findings =
 *     SemanticConventions.bundled().check(harness.finishedSpans(), DatabaseConventionMode.STABLE);
 * }</pre>
 */
public final class SemanticConventions {

  private static final String RESOURCE = "semantic-conventions.yaml";

  private final RuleFile rules;

  private SemanticConventions(RuleFile rules) {
    this.rules = rules;
  }

  /** The rules bundled with spanproof, following the semantic conventions {@link #version()}. */
  public static SemanticConventions bundled() {
    return Bundled.INSTANCE;
  }

  /** Rules read from {@code yaml}, in the bundled file's format; for tests of the rules. */
  static SemanticConventions fromYaml(String yaml) {
    return new SemanticConventions(RuleFile.parse(yaml));
  }

  /** The semantic-conventions release the rules follow, e.g. {@code 1.43.0}. */
  public String version() {
    return rules.version();
  }

  /**
   * Judges every span by the convention detected for it; spans that follow none are only checked
   * for deprecated attributes.
   *
   * @param spans the spans, e.g. one trace's
   * @param mode which database names database client spans are judged by
   * @return the findings, span by span in the order given
   */
  public List<Finding> check(Collection<SpanData> spans, DatabaseConventionMode mode) {
    requireNonNull(
        spans, "check(Collection<SpanData> spans, DatabaseConventionMode mode)", "spans");
    requireNonNull(mode, "check(Collection<SpanData> spans, DatabaseConventionMode mode)", "mode");
    SpanJudge judge = new SpanJudge(rules, mode);
    List<Finding> findings = new ArrayList<>();
    for (SpanData span : spans) {
      requireNonNull(
          span, "check(Collection<SpanData> spans, DatabaseConventionMode mode)", "spans' element");
      findings.addAll(judge(judge, span));
    }
    return findings;
  }

  /**
   * Judges one span by the convention detected for it.
   *
   * @param span the span
   * @param mode which database names a database client span is judged by
   * @return the findings
   */
  public List<Finding> check(SpanData span, DatabaseConventionMode mode) {
    requireNonNull(span, "check(SpanData span, DatabaseConventionMode mode)", "span");
    requireNonNull(mode, "check(SpanData span, DatabaseConventionMode mode)", "mode");
    return judge(new SpanJudge(rules, mode), span);
  }

  /**
   * Judges one span by {@code convention}, whatever its kind and attributes say.
   *
   * @param span the span
   * @param convention the convention the span is meant to follow
   * @param mode which database names a database client span is judged by
   * @return the findings
   */
  public List<Finding> check(
      SpanData span, SemanticConvention convention, DatabaseConventionMode mode) {
    String method =
        "check(SpanData span, SemanticConvention convention, DatabaseConventionMode mode)";
    requireNonNull(span, method, "span");
    requireNonNull(convention, method, "convention");
    requireNonNull(mode, method, "mode");
    return new SpanJudge(rules, mode).judge(span, convention);
  }

  /**
   * Which conventions {@code spans} were judged by, which spans follow none, and which attributes
   * no rule knows: print it to see what the checks covered.
   *
   * @param spans the spans, e.g. one test's
   * @param mode which database names database client spans are judged by
   * @return the summary; its {@code toString()} is a short report
   */
  public CoverageSummary coverage(Collection<SpanData> spans, DatabaseConventionMode mode) {
    requireNonNull(
        spans, "coverage(Collection<SpanData> spans, DatabaseConventionMode mode)", "spans");
    requireNonNull(
        mode, "coverage(Collection<SpanData> spans, DatabaseConventionMode mode)", "mode");
    SpanJudge judge = new SpanJudge(rules, mode);
    CoverageSummary.Builder summary = new CoverageSummary.Builder(rules.version(), mode);
    for (SpanData span : spans) {
      Typing typing = judge.detect(span);
      summary.add(span, typing);
      span.getAttributes()
          .asMap()
          .keySet()
          .forEach(
              key -> {
                if (!knows(key.getKey())) {
                  summary.unknownAttribute(key.getKey(), span.getName());
                }
              });
    }
    return summary.build();
  }

  private boolean knows(String key) {
    return rules.conventions().stream().anyMatch(convention -> convention.knows(key))
        || rules.deprecated().stream().anyMatch(deprecated -> deprecated.matches(key));
  }

  private static List<Finding> judge(SpanJudge judge, SpanData span) {
    Typing typing = judge.detect(span);
    List<Finding> findings = new ArrayList<>();
    if (typing.isUnsure()) {
      findings.add(typing.problem());
    }
    findings.addAll(judge.judge(span, typing.convention()));
    return findings;
  }

  private static void requireNonNull(Object value, String method, String parameter) {
    Objects.requireNonNull(value, () -> method + ": " + parameter + " must not be null");
  }

  /** Read once, when first asked for. */
  private static final class Bundled {
    static final SemanticConventions INSTANCE = new SemanticConventions(RuleFile.parse(read()));

    private static String read() {
      try (InputStream in = SemanticConventions.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "spanproof's " + RESOURCE + " is missing from the classpath");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read spanproof's " + RESOURCE, e);
      }
    }
  }
}
