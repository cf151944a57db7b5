package dev.spanproof.junit;

/**
 * The configuration parameters {@link TracingExtension} reads, in one place, as JUnit's {@code
 * Timeout} keeps its own. Set them like any JUnit configuration parameter: in {@code
 * src/test/resources/junit-platform.properties}, as a {@code -D} system property, or through the
 * build tool (Surefire's {@code <configurationParameters>}, Gradle's {@code systemProperty}/{@code
 * configurationParameter}).
 *
 * <pre>{@code
 * # junit-platform.properties
 * spanproof.traces.print=true
 * spanproof.traces.directory=target/spanproof-traces
 * spanproof.lint=fail
 * spanproof.report.html=all
 * }</pre>
 *
 * <p>Where the {@linkplain TracingExtension#builder() builder} has a matching option, a registered
 * extension that sets it wins over the parameter. A value the extension cannot read fails the test
 * class with an {@code ExtensionConfigurationException} that names the parameter.
 */
public final class SpanproofConfiguration {

  /**
   * Prints each test's traces to standard output after the test: {@code true} or {@code false}
   * (default {@code false}). The builder option is {@link TracingExtension.Builder#printTraces()}.
   */
  public static final String PRINT_TRACES_PROPERTY_NAME = "spanproof.traces.print";

  /**
   * Writes each test's traces to {@code <directory>/<test class>/<test>.txt}: a directory, relative
   * to the working directory of the test run (for Maven, the module's directory). Default: none,
   * nothing is written. The builder option is {@link TracingExtension.Builder#writeTracesTo}.
   */
  public static final String TRACES_DIRECTORY_PROPERTY_NAME = "spanproof.traces.directory";

  /**
   * Records the stack where spans start and scopes open, so that an unended span or a scope left
   * open is reported with it: {@code true} (default) records the first span of each name in a test
   * class, and the first scope to make a span of that name current, and reports later ones, in any
   * test of the class, with that first one's stack, naming the test it was taken in; {@code test}
   * records the first span of each name in each test, and every scope; {@code every} records every
   * span's and scope's own, at a few microseconds each (see docs/benchmarks.md); {@code false}
   * records none. The builder options are {@link
   * TracingExtension.Builder#recordStartStacks(boolean)} and {@link
   * TracingExtension.Builder#recordStartStacks(dev.spanproof.core.StartStackRecording)}.
   */
  public static final String START_STACKS_PROPERTY_NAME = "spanproof.startStacks";

  /**
   * Runs {@link dev.spanproof.core.lint.TraceLint trace lint} on each test's traces after the test:
   * {@code fail} (a violation fails the test), {@code warn} (violations are logged at {@code
   * WARNING}, as {@link SpanPolicy#WARN} logs) or {@code ignore} (default: no lint). The builder
   * option is {@link TracingExtension.Builder#lintAfterEachTest(SpanPolicy)}.
   */
  public static final String LINT_PROPERTY_NAME = "spanproof.lint";

  /**
   * Lint rules to switch off when the extension lints after each test: rule ids separated by
   * commas, e.g. {@code n_plus_one,high_cardinality_span_name} (default: none). An unknown id fails
   * the test class naming the known ones. Ignored when the builder is given a whole configuration
   * with {@link TracingExtension.Builder#lintAfterEachTest(SpanPolicy,
   * dev.spanproof.core.lint.TraceLint)}.
   */
  public static final String LINT_DISABLED_RULES_PROPERTY_NAME = "spanproof.lint.disabledRules";

  /**
   * Checks each test's spans against the {@link dev.spanproof.core.semconv.SemanticConventions
   * semantic conventions} after the test: {@code fail} (a violation fails the test, listing every
   * finding under the drawn traces), {@code warn} (the same report logged at {@code WARNING}) or
   * {@code ignore} (default: no check). The builder option is {@link
   * TracingExtension.Builder#semanticConventionsAfterEachTest(SpanPolicy)}.
   */
  public static final String SEMCONV_PROPERTY_NAME = "spanproof.semconv";

  /**
   * Which database attribute names the after-test semantic-convention check expects: {@code stable}
   * (default), {@code old} or {@code dup}, as OpenTelemetry's instrumentation emits them with
   * {@code otel.semconv-stability.opt-in} set to {@code database}, unset, or {@code database/dup}.
   */
  public static final String SEMCONV_DATABASE_PROPERTY_NAME = "spanproof.semconv.database";

  /**
   * Which tests get a waterfall report, a self-contained HTML page drawing the test's traces:
   * {@code failed} (default: a failed test's message names its report), {@code all} or {@code off}.
   * The builder option is {@link TracingExtension.Builder#htmlReports(HtmlReports)}.
   */
  public static final String REPORT_HTML_PROPERTY_NAME = "spanproof.report.html";

  /**
   * Where waterfall reports go: {@code <directory>/<test class>/<test>.html}, plus {@code
   * <directory>/index.html} listing the tests reported in the run. Relative to the working
   * directory of the test run (for Maven, the module's directory); default {@value
   * #DEFAULT_REPORT_DIRECTORY}. The builder option is {@link
   * TracingExtension.Builder#htmlReportDirectory(java.nio.file.Path)}.
   */
  public static final String REPORT_DIRECTORY_PROPERTY_NAME = "spanproof.report.directory";

  /** The directory waterfall reports go to unless told otherwise. */
  public static final String DEFAULT_REPORT_DIRECTORY = "target/spanproof-reports";

  /**
   * What to do when a test leaves a scope open ({@code span.makeCurrent()} never closed), on any
   * thread: {@code fail} (default), {@code warn} or {@code ignore}. The builder option is {@link
   * TracingExtension.Builder#openScopes(SpanPolicy)}; see docs/strict-mode.md.
   */
  public static final String OPEN_SCOPES_PROPERTY_NAME = "spanproof.strict.openScopes";

  /**
   * What to do when a test closes a scope on a thread other than the one that opened it: {@code
   * fail} (default), {@code warn} or {@code ignore}. The builder option is {@link
   * TracingExtension.Builder#scopesClosedOnAnotherThread(SpanPolicy)}.
   */
  public static final String SCOPES_CLOSED_ON_ANOTHER_THREAD_PROPERTY_NAME =
      "spanproof.strict.scopesClosedOnAnotherThread";

  /**
   * What to do when a test closes a scope while a scope opened after it on the same thread is still
   * open: {@code fail} (default), {@code warn} or {@code ignore}. The builder option is {@link
   * TracingExtension.Builder#scopesClosedOutOfOrder(SpanPolicy)}.
   */
  public static final String SCOPES_CLOSED_OUT_OF_ORDER_PROPERTY_NAME =
      "spanproof.strict.scopesClosedOutOfOrder";

  /**
   * What to do when a thread still has a context carrying the test's session current after the test
   * (a pooled thread that kept it): {@code fail} (default), {@code warn} or {@code ignore}. The
   * builder option is {@link TracingExtension.Builder#contextsLeftCurrent(SpanPolicy)}.
   */
  public static final String CONTEXTS_LEFT_CURRENT_PROPERTY_NAME =
      "spanproof.strict.contextsLeftCurrent";

  /**
   * Strict assertion mode: what to do when a test that passed produced spans no assertion touched:
   * {@code fail}, {@code warn} or {@code ignore} (default: off). A span is touched when an
   * assertion selects it (by name or by navigating to it) or a trace check names it ({@code
   * hasRoot}, {@code hasSpanNamed}, {@code hasStructure}). The builder option is {@link
   * TracingExtension.Builder#unassertedSpans(SpanPolicy)}; see docs/strict-mode.md.
   */
  public static final String UNASSERTED_SPANS_PROPERTY_NAME = "spanproof.strict.unassertedSpans";

  private SpanproofConfiguration() {}
}
