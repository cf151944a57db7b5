package dev.spanproof.core.semconv;

import java.util.Arrays;

/**
 * Which database attribute names a database client span is judged by. OpenTelemetry's Java
 * instrumentation emits the old names ({@code db.system}, {@code db.statement}, …) unless {@code
 * otel.semconv-stability.opt-in} says {@code database} (the stable names: {@code db.system.name},
 * {@code db.query.text}, …) or {@code database/dup} (both).
 */
public enum DatabaseConventionMode {
  /**
   * The stable database conventions, as with {@code otel.semconv-stability.opt-in=database}; the
   * old names are deprecated. The default.
   */
  STABLE,
  /**
   * The old database conventions (semantic conventions 1.24), what the Java instrumentation emits
   * without an opt-in; the stable names are not expected.
   */
  OLD,
  /**
   * Both, as with {@code otel.semconv-stability.opt-in=database/dup}: every span carries the stable
   * and the old names.
   */
  DUP;

  /**
   * The mode an instrumentation runs in for this value of {@code otel.semconv-stability.opt-in} (or
   * {@code OTEL_SEMCONV_STABILITY_OPT_IN}), read as OpenTelemetry reads it: a comma-separated list
   * in which {@code database/dup} wins over {@code database}, and no value means the old names.
   *
   * @param optIn the property's value; null or empty when it is not set
   * @return {@link #DUP}, {@link #STABLE} or {@link #OLD}
   */
  public static DatabaseConventionMode fromOptIn(String optIn) {
    if (optIn == null) {
      return OLD;
    }
    var values = Arrays.stream(optIn.split(",")).map(String::trim).toList();
    if (values.contains("database/dup")) {
      return DUP;
    }
    return values.contains("database") ? STABLE : OLD;
  }

  /** How findings name the mode, e.g. {@code stable conventions}. */
  String description() {
    return switch (this) {
      case STABLE -> "stable conventions";
      case OLD -> "old conventions";
      case DUP -> "dup mode";
    };
  }
}
