package dev.spanproof.core.sampling;

import io.opentelemetry.api.trace.StatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the block of each simple policy type (e.g. {@code latency: threshold_ms: 1000}) into the
 * {@link TailSamplingPolicy} factory of that type. Each value the factory would refuse is checked
 * here first, so that the message names the YAML field and its line rather than a Java parameter.
 */
final class SimplePolicyYaml {

  private SimplePolicyYaml() {}

  /** The policy {@code name} of simple {@code type}, from its {@code policy} mapping. */
  static TailSamplingPolicy read(String name, String type, YamlBlock policy) {
    return switch (type) {
      case "always_sample" -> TailSamplingPolicy.alwaysSample(name);
      case "trace_flags" -> TailSamplingPolicy.traceFlags(name);
      case "latency" -> latency(name, policy.typeBlock(type));
      case "probabilistic" -> probabilistic(name, policy.typeBlock(type));
      case "status_code" -> statusCode(name, policy.typeBlock(type));
      case "string_attribute" -> stringAttribute(name, policy.typeBlock(type));
      case "numeric_attribute" -> numericAttribute(name, policy.typeBlock(type));
      case "boolean_attribute" -> booleanAttribute(name, policy.typeBlock(type));
      case "span_count" -> spanCount(name, policy.typeBlock(type));
      case "trace_state" -> traceState(name, policy.typeBlock(type));
      case "rate_limiting" ->
          limit(
              policy.typeBlock(type),
              "spans_per_second",
              (rate, burst) -> TailSamplingPolicy.rateLimiting(name, rate, burst));
      case "bytes_limiting" ->
          limit(
              policy.typeBlock(type),
              "bytes_per_second",
              (rate, burst) -> TailSamplingPolicy.bytesLimiting(name, rate, burst));
      case "ottl_condition" -> ottlCondition(name, policy.typeBlock(type));
      default ->
          throw policy.problem(
              policy.requiredNode("type"),
              "type \"" + type + "\" is not simulated yet; see docs/tail-sampling.md");
    };
  }

  private static TailSamplingPolicy latency(String name, YamlBlock latency) {
    long threshold = latency.notNegative("threshold_ms", latency.requiredInteger("threshold_ms"));
    long upper =
        latency.notNegative("upper_threshold_ms", latency.integer("upper_threshold_ms").orElse(0L));
    return TailSamplingPolicy.latency(name, threshold, upper);
  }

  private static TailSamplingPolicy probabilistic(String name, YamlBlock probabilistic) {
    return TailSamplingPolicy.probabilistic(
        name,
        probabilistic.requiredNumber("sampling_percentage"),
        probabilistic.string("hash_salt").orElse(""));
  }

  private static TailSamplingPolicy statusCode(String name, YamlBlock statusCode) {
    List<StatusCode> codes = new ArrayList<>();
    for (ScalarNode code : statusCode.requiredStringList("status_codes")) {
      codes.add(
          switch (code.getValue()) {
            case "OK" -> StatusCode.OK;
            case "ERROR" -> StatusCode.ERROR;
            case "UNSET" -> StatusCode.UNSET;
            default ->
                throw statusCode.problem(
                    code,
                    "unknown status code "
                        + Texts.quote(code.getValue())
                        + " in status_code.status_codes; the codes are OK, ERROR, UNSET");
          });
    }
    return TailSamplingPolicy.statusCode(name, codes.toArray(StatusCode[]::new));
  }

  private static TailSamplingPolicy stringAttribute(String name, YamlBlock block) {
    String key = block.requiredString("key");
    List<ScalarNode> valueNodes = block.requiredStringList("values");
    boolean regex = block.bool("enabled_regex_matching").orElse(false);
    block.integer("cache_max_size");
    if (regex) {
      for (ScalarNode value : valueNodes) {
        try {
          Pattern.compile(value.getValue());
        } catch (PatternSyntaxException e) {
          throw block.problem(
              value,
              Texts.quote(value.getValue())
                  + " in string_attribute.values is not a regular expression: "
                  + e.getDescription());
        }
      }
    }
    String[] values = texts(valueNodes);
    TailSamplingPolicy policy =
        regex
            ? TailSamplingPolicy.stringAttributeMatching(name, key, values)
            : TailSamplingPolicy.stringAttribute(name, key, values);
    return inverted(block, policy);
  }

  private static TailSamplingPolicy numericAttribute(String name, YamlBlock block) {
    String key = block.requiredString("key");
    Optional<Long> min = block.integer("min_value");
    Optional<Long> max = block.integer("max_value");
    if (min.isEmpty() && max.isEmpty()) {
      throw block.problem(
          block.node(),
          "\"numeric_attribute.min_value\" and \"numeric_attribute.max_value\" are missing; give at"
              + " least one");
    }
    return inverted(
        block, TailSamplingPolicy.numericAttribute(name, key, min.orElse(0L), max.orElse(0L)));
  }

  private static TailSamplingPolicy booleanAttribute(String name, YamlBlock block) {
    return inverted(
        block,
        TailSamplingPolicy.booleanAttribute(
            name, block.requiredString("key"), block.requiredBoolean("value")));
  }

  private static TailSamplingPolicy inverted(YamlBlock block, TailSamplingPolicy policy) {
    return block.bool("invert_match").orElse(false) ? policy.invertMatch() : policy;
  }

  private static TailSamplingPolicy spanCount(String name, YamlBlock block) {
    long min = block.notNegative("min_spans", block.requiredInteger("min_spans"));
    long max = block.notNegative("max_spans", block.integer("max_spans").orElse(0L));
    return TailSamplingPolicy.spanCount(
        name, block.int32("min_spans", min), block.int32("max_spans", max));
  }

  private static TailSamplingPolicy traceState(String name, YamlBlock block) {
    return TailSamplingPolicy.traceState(
        name, block.requiredString("key"), texts(block.requiredStringList("values")));
  }

  /**
   * {@code rate_limiting} and {@code bytes_limiting}: a positive {@code rateField} and {@code
   * burst_capacity}, which defaults to twice the rate as in the Collector.
   */
  private static TailSamplingPolicy limit(
      YamlBlock block, String rateField, BiFunction<Long, Long, TailSamplingPolicy> policy) {
    long rate = block.positive(rateField, block.requiredInteger(rateField));
    Optional<Long> burst = block.integer("burst_capacity");
    if (burst.isEmpty() && rate > Long.MAX_VALUE / 2) {
      // Else the doubled default would wrap, and the message would blame a field not written.
      throw block.problem(
          block.requiredNode(rateField),
          block.name(rateField)
              + " must be at most "
              + Long.MAX_VALUE / 2
              + " for the default burst_capacity, twice it, to fit 64 bits (int64), but is "
              + rate);
    }
    return policy.apply(rate, block.positive("burst_capacity", burst.orElse(2 * rate)));
  }

  private static TailSamplingPolicy ottlCondition(String name, YamlBlock block) {
    Optional<String> errorMode = block.string("error_mode");
    if (errorMode.isPresent()
        && !List.of("propagate", "ignore", "silent").contains(errorMode.get())) {
      throw block.problem(
          block.requiredNode("error_mode"),
          "ottl_condition.error_mode must be propagate, ignore or silent, but is "
              + Texts.quote(errorMode.get()));
    }
    List<ScalarNode> span = block.stringList("span");
    List<ScalarNode> spanEvent = block.stringList("spanevent");
    if (span.isEmpty() && spanEvent.isEmpty()) {
      throw block.problem(
          block.node(),
          "\"ottl_condition.span\" and \"ottl_condition.spanevent\" are missing; give at least one"
              + " condition");
    }
    // Each condition is parsed here, so that a refusal names its line.
    for (ScalarNode condition : span) {
      ottl(block, condition, OttlCondition.Context.SPAN);
    }
    for (ScalarNode condition : spanEvent) {
      ottl(block, condition, OttlCondition.Context.SPANEVENT);
    }
    return TailSamplingPolicy.ottlCondition(name, List.of(texts(span)), List.of(texts(spanEvent)));
  }

  private static void ottl(YamlBlock block, ScalarNode condition, OttlCondition.Context context) {
    try {
      OttlCondition.parse(condition.getValue(), context);
    } catch (IllegalArgumentException e) {
      throw block.problem(condition, e.getMessage());
    }
  }

  private static String[] texts(List<ScalarNode> nodes) {
    return nodes.stream().map(ScalarNode::getValue).toArray(String[]::new);
  }
}
