package dev.spanproof.junit;

import static dev.spanproof.junit.SpanproofConfiguration.CONTEXTS_LEFT_CURRENT_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.DEFAULT_REPORT_DIRECTORY;
import static dev.spanproof.junit.SpanproofConfiguration.LINT_DISABLED_RULES_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.LINT_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.OPEN_SCOPES_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.PRINT_TRACES_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.REPORT_DIRECTORY_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.REPORT_HTML_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.SCOPES_CLOSED_ON_ANOTHER_THREAD_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.SCOPES_CLOSED_OUT_OF_ORDER_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.SEMCONV_DATABASE_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.SEMCONV_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.START_STACKS_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.TRACES_DIRECTORY_PROPERTY_NAME;
import static dev.spanproof.junit.SpanproofConfiguration.UNASSERTED_SPANS_PROPERTY_NAME;

import dev.spanproof.core.StartStackRecording;
import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.lint.LintRule;
import dev.spanproof.core.lint.TraceLint;
import dev.spanproof.core.semconv.DatabaseConventionMode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What a built {@link TracingExtension} was told, immutable so that extension instances hold no
 * mutable state, and how it combines with the {@link SpanproofConfiguration configuration
 * parameters}: a builder option that was set wins over the parameter.
 */
final class ExtensionSettings {

  /** Replayed on a fresh TracingHarness.Builder for each harness. */
  private final List<Consumer<TracingHarness.Builder>> harnessRecipe;

  private final boolean installGlobal;
  private final boolean otlpReceiver;
  private final SpanPolicy unendedSpans;
  private final SpanPolicy unownedSpans;
  private final Duration gracePeriod;
  private final boolean printTraces;
  private final Optional<Path> traceDirectory;
  private final List<String> reportedAttributes;
  private final Optional<SpanPolicy> lintPolicy;
  private final Optional<TraceLint> lint;
  private final Optional<SpanPolicy> semanticConventionsPolicy;
  private final Optional<DatabaseConventionMode> databaseConventions;
  private final Optional<HtmlReports> htmlReports;
  private final Optional<Path> htmlReportDirectory;
  private final ScopePolicies scopePolicies;
  private final Optional<SpanPolicy> unassertedSpans;

  ExtensionSettings(
      List<Consumer<TracingHarness.Builder>> harnessRecipe,
      boolean installGlobal,
      boolean otlpReceiver,
      SpanPolicy unendedSpans,
      SpanPolicy unownedSpans,
      Duration gracePeriod,
      boolean printTraces,
      Optional<Path> traceDirectory,
      List<String> reportedAttributes,
      Optional<SpanPolicy> lintPolicy,
      Optional<TraceLint> lint,
      Optional<SpanPolicy> semanticConventionsPolicy,
      Optional<DatabaseConventionMode> databaseConventions,
      Optional<HtmlReports> htmlReports,
      Optional<Path> htmlReportDirectory,
      ScopePolicies scopePolicies,
      Optional<SpanPolicy> unassertedSpans) {
    this.harnessRecipe = List.copyOf(harnessRecipe);
    this.installGlobal = installGlobal;
    this.otlpReceiver = otlpReceiver;
    this.unendedSpans = unendedSpans;
    this.unownedSpans = unownedSpans;
    this.gracePeriod = gracePeriod;
    this.printTraces = printTraces;
    this.traceDirectory = traceDirectory;
    this.reportedAttributes = List.copyOf(reportedAttributes);
    this.lintPolicy = lintPolicy;
    this.lint = lint;
    this.semanticConventionsPolicy = semanticConventionsPolicy;
    this.databaseConventions = databaseConventions;
    this.htmlReports = htmlReports;
    this.htmlReportDirectory = htmlReportDirectory;
    this.scopePolicies = scopePolicies;
    this.unassertedSpans = unassertedSpans;
  }

  /**
   * The builder's policies for the strict context checks; each empty one falls back to its
   * configuration parameter, then to {@link SpanPolicy#FAIL}.
   */
  record ScopePolicies(
      Optional<SpanPolicy> openScopes,
      Optional<SpanPolicy> closedOnAnotherThread,
      Optional<SpanPolicy> closedOutOfOrder,
      Optional<SpanPolicy> contextsLeftCurrent) {}

  /**
   * Every option the after-test checks and reports read, with the configuration parameters of
   * {@code context}'s run; a parameter that cannot be read fails here, naming it.
   */
  TestPolicies resolve(ExtensionContext context) {
    return new TestPolicies(
        policy(context, scopePolicies.openScopes(), OPEN_SCOPES_PROPERTY_NAME),
        policy(
            context,
            scopePolicies.closedOnAnotherThread(),
            SCOPES_CLOSED_ON_ANOTHER_THREAD_PROPERTY_NAME),
        policy(context, scopePolicies.closedOutOfOrder(), SCOPES_CLOSED_OUT_OF_ORDER_PROPERTY_NAME),
        policy(context, scopePolicies.contextsLeftCurrent(), CONTEXTS_LEFT_CURRENT_PROPERTY_NAME),
        // Strict assertion mode: off unless asked.
        policy(context, unassertedSpans, UNASSERTED_SPANS_PROPERTY_NAME, SpanPolicy.IGNORE),
        lintPolicy(context),
        lint(context),
        semanticConventionsPolicy(context),
        databaseConventions(context),
        printsTraces(context),
        traceDirectory(context),
        htmlReports(context));
  }

  private static SpanPolicy policy(
      ExtensionContext context, Optional<SpanPolicy> builder, String parameter) {
    return policy(context, builder, parameter, SpanPolicy.FAIL);
  }

  private static SpanPolicy policy(
      ExtensionContext context, Optional<SpanPolicy> builder, String parameter, SpanPolicy absent) {
    return builder.orElseGet(
        () ->
            context
                .getConfigurationParameter(parameter)
                .map(value -> policyParameter(parameter, value))
                .orElse(absent));
  }

  /** Whether each harness runs an OTLP receiver, whose endpoint tests can then have injected. */
  boolean otlpReceiver() {
    return otlpReceiver;
  }

  SpanPolicy unendedSpans() {
    return unendedSpans;
  }

  SpanPolicy unownedSpans() {
    return unownedSpans;
  }

  Duration gracePeriod() {
    return gracePeriod;
  }

  String[] reportedAttributes() {
    return reportedAttributes.toArray(String[]::new);
  }

  /** A harness from the recipe; the recipe's own recordStartStacks, if any, wins. */
  TracingHarness newHarness(ExtensionContext context) {
    TracingHarness.Builder harness =
        TracingHarness.builder().recordStartStacks(startStacksParameter(context));
    harnessRecipe.forEach(step -> step.accept(harness));
    if (otlpReceiver) {
      harness.otlpReceiver();
    }
    return harness.build();
  }

  boolean installsGlobal(ExtensionContext context) {
    return installGlobal
        || context
            .getTestClass()
            .map(type -> AnnotationSupport.isAnnotated(type, UsesGlobalOpenTelemetry.class))
            .orElse(false);
  }

  private boolean printsTraces(ExtensionContext context) {
    return printTraces || booleanParameter(context, PRINT_TRACES_PROPERTY_NAME, false);
  }

  private Optional<Path> traceDirectory(ExtensionContext context) {
    return traceDirectory.or(
        () ->
            context
                .getConfigurationParameter(TRACES_DIRECTORY_PROPERTY_NAME)
                .map(value -> pathParameter(TRACES_DIRECTORY_PROPERTY_NAME, value)));
  }

  /** Which tests get a waterfall report: the builder's, else the parameter, else failed ones. */
  HtmlReports htmlReports(ExtensionContext context) {
    return htmlReports.orElseGet(
        () ->
            context
                .getConfigurationParameter(REPORT_HTML_PROPERTY_NAME)
                .map(ExtensionSettings::htmlReportsParameter)
                .orElse(HtmlReports.FAILED));
  }

  /** Where waterfall reports go: the builder's, else the parameter, else the default. */
  Path htmlReportDirectory(ExtensionContext context) {
    return htmlReportDirectory.orElseGet(
        () ->
            context
                .getConfigurationParameter(REPORT_DIRECTORY_PROPERTY_NAME)
                .map(value -> pathParameter(REPORT_DIRECTORY_PROPERTY_NAME, value))
                .orElse(Path.of(DEFAULT_REPORT_DIRECTORY)));
  }

  private static HtmlReports htmlReportsParameter(String value) {
    try {
      return HtmlReports.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new ExtensionConfigurationException(
          "configuration parameter "
              + REPORT_HTML_PROPERTY_NAME
              + " must be failed, all or off, but was "
              + value,
          unknown);
    }
  }

  /** Whether and how to report trace lint after each test: the builder's, else the parameter. */
  private SpanPolicy lintPolicy(ExtensionContext context) {
    return lintPolicy.orElseGet(
        () ->
            context
                .getConfigurationParameter(LINT_PROPERTY_NAME)
                .map(value -> policyParameter(LINT_PROPERTY_NAME, value))
                .orElse(SpanPolicy.IGNORE));
  }

  /** The builder's lint configuration, else the defaults without the rules the parameter names. */
  private TraceLint lint(ExtensionContext context) {
    return lint.orElseGet(
        () ->
            context
                .getConfigurationParameter(LINT_DISABLED_RULES_PROPERTY_NAME)
                .map(ExtensionSettings::lintWithout)
                .orElse(TraceLint.defaults()));
  }

  /**
   * Whether and how to report semantic-convention findings after each test: the builder's, else the
   * parameter.
   */
  private SpanPolicy semanticConventionsPolicy(ExtensionContext context) {
    return semanticConventionsPolicy.orElseGet(
        () ->
            context
                .getConfigurationParameter(SEMCONV_PROPERTY_NAME)
                .map(value -> policyParameter(SEMCONV_PROPERTY_NAME, value))
                .orElse(SpanPolicy.IGNORE));
  }

  /**
   * The database names the semantic-convention check expects: the builder's, else the parameter.
   */
  private DatabaseConventionMode databaseConventions(ExtensionContext context) {
    return databaseConventions.orElseGet(
        () ->
            context
                .getConfigurationParameter(SEMCONV_DATABASE_PROPERTY_NAME)
                .map(ExtensionSettings::databaseConventionsParameter)
                .orElse(DatabaseConventionMode.STABLE));
  }

  private static DatabaseConventionMode databaseConventionsParameter(String value) {
    try {
      return DatabaseConventionMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new ExtensionConfigurationException(
          "configuration parameter "
              + SEMCONV_DATABASE_PROPERTY_NAME
              + " must be stable, old or dup, but was "
              + value,
          unknown);
    }
  }

  private static TraceLint lintWithout(String ruleIds) {
    String[] ids =
        Arrays.stream(ruleIds.split(","))
            .map(String::strip)
            .filter(id -> !id.isEmpty())
            .toArray(String[]::new);
    for (String id : ids) {
      try {
        LintRule.ofId(id);
      } catch (IllegalArgumentException unknown) {
        throw new ExtensionConfigurationException(
            "configuration parameter "
                + LINT_DISABLED_RULES_PROPERTY_NAME
                + " must list lint rule ids separated by commas, but was "
                + ruleIds
                + ": "
                + unknown.getMessage(),
            unknown);
      }
    }
    return TraceLint.defaults().without(ids);
  }

  private static SpanPolicy policyParameter(String name, String value) {
    try {
      return SpanPolicy.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new ExtensionConfigurationException(
          "configuration parameter " + name + " must be fail, warn or ignore, but was " + value,
          unknown);
    }
  }

  /**
   * {@code true} (one stack per span name in a test class, the default), {@code test} (one per span
   * name in each test), {@code every} or {@code false}.
   */
  private static StartStackRecording startStacksParameter(ExtensionContext context) {
    Optional<String> value =
        context.getConfigurationParameter(START_STACKS_PROPERTY_NAME).map(String::strip);
    if (value.isEmpty()) {
      return StartStackRecording.FIRST_OF_EACH_NAME_PER_HARNESS;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true" -> StartStackRecording.FIRST_OF_EACH_NAME_PER_HARNESS;
      case "test" -> StartStackRecording.FIRST_OF_EACH_NAME;
      case "every" -> StartStackRecording.EVERY_SPAN;
      case "false" -> StartStackRecording.OFF;
      default ->
          throw new ExtensionConfigurationException(
              "configuration parameter "
                  + START_STACKS_PROPERTY_NAME
                  + " must be true, test, every or false, but was "
                  + value.get());
    };
  }

  /** Strict, unlike Boolean.parseBoolean: a typo such as "ture" must not silently mean false. */
  private static boolean booleanParameter(ExtensionContext context, String name, boolean absent) {
    Optional<String> value = context.getConfigurationParameter(name).map(String::strip);
    if (value.isEmpty()) {
      return absent;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ExtensionConfigurationException(
              "configuration parameter " + name + " must be true or false, but was " + value.get());
    };
  }

  private static Path pathParameter(String name, String value) {
    String problem = name + " must name a directory, but was ";
    if (value.isBlank()) {
      throw new ExtensionConfigurationException("configuration parameter " + problem + "empty");
    }
    try {
      return Path.of(value.strip());
    } catch (InvalidPathException e) {
      throw new ExtensionConfigurationException(
          "configuration parameter " + problem + value + " (" + e.getReason() + ")", e);
    }
  }
}
