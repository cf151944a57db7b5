package dev.spanproof.core.sampling;

import io.opentelemetry.api.trace.StatusCode;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the Collector's {@code tail_sampling} YAML into a {@link TailSampling}: finds the processor
 * (in a whole configuration or on its own), then reads each policy with the Collector's field names
 * and types. Stricter than the Collector where a mistake would silently change the decisions: a
 * missing required field is an error here, where the Collector reads it as zero.
 */
final class CollectorYaml {

  private static final String PROCESSOR = "tail_sampling";

  /**
   * The values of {@code sampling_strategy} (contrib PR #46762). Both decide a trace given whole
   * alike; they differ in when the Collector decides, which the simulator does not model.
   */
  private static final List<String> SAMPLING_STRATEGIES = List.of("trace-complete", "span-ingest");

  private CollectorYaml() {}

  static TailSampling read(String yaml, String processorName) {
    Node root = compose(yaml);
    String where = processorName == null ? PROCESSOR : processorName;
    YamlBlock processor = YamlBlock.of(where, processorBlock(root, processorName), "processor");
    TailSampling.Builder builder = TailSampling.builder();
    duration(processor, "decision_wait").ifPresent(builder::decisionWait);
    processor.block("decision_cache", "decision_cache").ifPresent(CollectorYaml::readCacheSizes);
    processor.integer("num_traces");
    processor.integer("expected_new_traces_per_sec");
    processor.integer("maximum_trace_size_bytes");
    processor.bool("block_on_overflow");
    processor.bool("drop_pending_traces_on_shutdown");
    duration(processor, "decision_wait_after_root_received");
    Optional<String> strategy = processor.string("sampling_strategy");
    if (strategy.isPresent() && !SAMPLING_STRATEGIES.contains(strategy.get())) {
      throw processor.problem(
          processor.requiredNode("sampling_strategy"),
          "sampling_strategy must be one of "
              + SAMPLING_STRATEGIES
              + ", but is "
              + Texts.quote(strategy.get()));
    }
    boolean spanIngest = strategy.filter("span-ingest"::equals).isPresent();
    if (processor.bool("sample_on_first_match").orElse(false)) {
      builder.sampleOnFirstMatch();
    }
    List<Node> policies = processor.requiredMappingList("policies");
    Map<String, Node> names = new LinkedHashMap<>();
    for (int i = 0; i < policies.size(); i++) {
      TailSamplingPolicy policy = readPolicy(where + " policy", i + 1, policies.get(i), Level.TOP);
      Node previous = names.putIfAbsent(policy.name(), policies.get(i));
      if (previous != null) {
        throw YamlBlock.problem(
            where + " policy \"" + policy.name() + "\"",
            policies.get(i),
            "the name is already used by the policy on line "
                + (previous.getStartMark().getLine() + 1)
                + "; the Collector requires unique names");
      }
      if (spanIngest && policy.isStateful()) {
        // The Collector refuses to start so: under span-ingest each batch is decided on arrival.
        throw YamlBlock.problem(
            where + " policy \"" + policy.name() + "\"",
            policies.get(i),
            "sampling_strategy \"span-ingest\" requires all policies to be stateless, but this "
                + policy.type()
                + " policy is stateful (it remembers earlier traces)");
      }
      builder.policy(policy);
    }
    return builder.build();
  }

  /** A Go duration field of the processor, such as {@code decision_wait: 10s}. */
  private static Optional<Duration> duration(YamlBlock processor, String field) {
    return processor
        .string(field)
        .map(
            text ->
                YamlDuration.parse(text)
                    .orElseThrow(
                        () ->
                            processor.problem(
                                processor.requiredNode(field),
                                field
                                    + " must be a duration such as \"10s\", but is "
                                    + Texts.quote(text))));
  }

  private static void readCacheSizes(YamlBlock cache) {
    cache.integer("sampled_cache_size");
    cache.integer("non_sampled_cache_size");
  }

  private static Node compose(String yaml) {
    try {
      Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
      if (root == null) {
        throw new TailSamplingConfigException("the YAML is empty", 0);
      }
      return root;
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new TailSamplingConfigException(
          "not valid YAML (line " + line + "): " + e.getProblem(), line);
    } catch (YAMLException e) {
      throw new TailSamplingConfigException("not valid YAML: " + e.getMessage(), 0);
    }
  }

  /**
   * The processor's mapping: under {@code processors:} in a whole configuration, or the document
   * itself when it is just the processor ({@code policies:} at the top, or {@code tail_sampling:}).
   */
  private static Node processorBlock(Node root, String processorName) {
    if (!(root instanceof MappingNode document)) {
      throw YamlBlock.problem(
          PROCESSOR,
          root,
          "expected a Collector configuration, but the YAML is " + YamlBlock.shown(root));
    }
    Map<String, NodeTuple> top = entries(document);
    if (top.containsKey("processors")) {
      return namedProcessor(top.get("processors").getValueNode(), processorName);
    }
    if (processorName != null) {
      throw YamlBlock.problem(
          processorName,
          root,
          "the YAML has no \"processors:\" section to find the processor in; its top-level keys are "
              + top.keySet());
    }
    if (top.containsKey(PROCESSOR)) {
      return top.get(PROCESSOR).getValueNode();
    }
    if (top.containsKey("policies")) {
      return root;
    }
    throw YamlBlock.problem(
        PROCESSOR,
        root,
        "expected a Collector configuration (processors: tail_sampling: …) or the processor's block"
            + " (policies: …), but the top-level keys are "
            + top.keySet());
  }

  private static Node namedProcessor(Node processors, String processorName) {
    if (!(processors instanceof MappingNode mapping)) {
      throw YamlBlock.problem(PROCESSOR, processors, "\"processors\" must be a mapping");
    }
    Map<String, NodeTuple> all = entries(mapping);
    List<String> tailSamplers =
        all.keySet().stream()
            .filter(name -> name.equals(PROCESSOR) || name.startsWith(PROCESSOR + "/"))
            .toList();
    if (processorName != null) {
      NodeTuple chosen = all.get(processorName);
      if (chosen == null || !tailSamplers.contains(processorName)) {
        throw YamlBlock.problem(
            processorName,
            processors,
            "no such tail_sampling processor under \"processors\"; the tail_sampling processors are "
                + tailSamplers);
      }
      return chosen.getValueNode();
    }
    if (tailSamplers.size() == 1) {
      return all.get(tailSamplers.get(0)).getValueNode();
    }
    if (tailSamplers.isEmpty()) {
      throw YamlBlock.problem(
          PROCESSOR,
          processors,
          "no tail_sampling processor under \"processors\"; the processors are " + all.keySet());
    }
    throw YamlBlock.problem(
        PROCESSOR,
        processors,
        "the configuration has "
            + tailSamplers.size()
            + " tail_sampling processors, "
            + tailSamplers
            + "; choose one with TailSampling.fromCollectorYaml(yaml, \""
            + tailSamplers.get(0)
            + "\")");
  }

  private static Map<String, NodeTuple> entries(MappingNode mapping) {
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key) {
        entries.putIfAbsent(key.getValue(), tuple);
      }
    }
    return entries;
  }

  /** Where a policy stands, which decides the types it may have. */
  private enum Level {
    TOP(CollectorFields.of("simple_types"), CollectorFields.of("top_level_types")),
    COMPOSITE_SUB(CollectorFields.of("simple_types"), List.of("and")),
    SUB(CollectorFields.of("simple_types"), List.of());

    private final List<String> types;

    Level(List<String> simple, List<String> more) {
      List<String> all = new ArrayList<>(simple);
      all.addAll(more);
      this.types = List.copyOf(all);
    }
  }

  private static TailSamplingPolicy readPolicy(String owner, int position, Node node, Level level) {
    // Named as soon as possible, so that even a mistake in its other fields names the policy.
    String name = YamlBlock.peekString(node, "name").orElse("");
    if (name.isEmpty()) {
      YamlBlock unnamed = YamlBlock.of(owner + " #" + position, node, "policy");
      unnamed.requiredString("name");
      throw unnamed.problem(node, "name must not be empty");
    }
    YamlBlock policy = YamlBlock.of(owner + " \"" + name + "\"", node, "policy");
    String type = policy.requiredString("type");
    if (!level.types.contains(type)) {
      throw policy.problem(
          policy.requiredNode("type"),
          (Level.TOP.types.contains(type)
                  ? "type \"" + type + "\" cannot be nested here; the types here are "
                  : "unknown type \"" + type + "\"; the types are ")
              + String.join(", ", level.types));
    }
    String subOwner = owner + " \"" + name + "\" sub-policy";
    return switch (type) {
      case "always_sample" -> TailSamplingPolicy.alwaysSample(name);
      case "trace_flags" -> TailSamplingPolicy.traceFlags(name);
      case "latency" -> latency(name, policy.requiredBlock(type, type, "type latency"));
      case "probabilistic" ->
          probabilistic(name, policy.requiredBlock(type, type, "type probabilistic"));
      case "status_code" -> statusCode(name, policy.requiredBlock(type, type, "type status_code"));
      case "string_attribute" ->
          stringAttribute(name, policy.requiredBlock(type, type, "type string_attribute"));
      case "numeric_attribute" ->
          numericAttribute(name, policy.requiredBlock(type, type, "type numeric_attribute"));
      case "boolean_attribute" ->
          booleanAttribute(name, policy.requiredBlock(type, type, "type boolean_attribute"));
      case "span_count" -> spanCount(name, policy.requiredBlock(type, type, "type span_count"));
      case "trace_state" -> traceState(name, policy.requiredBlock(type, type, "type trace_state"));
      case "rate_limiting" ->
          rateLimiting(name, policy.requiredBlock(type, type, "type rate_limiting"));
      case "bytes_limiting" ->
          bytesLimiting(name, policy.requiredBlock(type, type, "type bytes_limiting"));
      case "ottl_condition" ->
          ottlCondition(name, policy.requiredBlock(type, type, "type ottl_condition"));
      case "and" ->
          TailSamplingPolicy.and(
              name,
              subPolicies(
                  policy.requiredBlock(type, type, "type and"),
                  "and_sub_policy",
                  subOwner,
                  Level.SUB));
      case "drop" ->
          TailSamplingPolicy.drop(
              name,
              subPolicies(
                  policy.requiredBlock(type, type, "type drop"),
                  "drop_sub_policy",
                  subOwner,
                  Level.SUB));
      case "not" -> {
        YamlBlock not = policy.requiredBlock(type, type, "type not");
        yield TailSamplingPolicy.not(
            name, readPolicy(subOwner, 1, not.requiredNode("not_sub_policy"), Level.SUB));
      }
      case "composite" ->
          composite(name, policy.requiredBlock(type, type, "type composite"), subOwner);
      default ->
          throw policy.problem(
              policy.requiredNode("type"),
              "type \"" + type + "\" is not simulated yet; see docs/tail-sampling.md");
    };
  }

  private static TailSamplingPolicy[] subPolicies(
      YamlBlock block, String field, String owner, Level level) {
    List<Node> nodes = block.requiredMappingList(field);
    TailSamplingPolicy[] policies = new TailSamplingPolicy[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      policies[i] = readPolicy(owner, i + 1, nodes.get(i), level);
    }
    return policies;
  }

  private static TailSamplingPolicy latency(String name, YamlBlock latency) {
    long threshold = notNegative(latency, "threshold_ms", latency.requiredInteger("threshold_ms"));
    long upper =
        notNegative(
            latency, "upper_threshold_ms", latency.integer("upper_threshold_ms").orElse(0L));
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
    String[] values = valueNodes.stream().map(ScalarNode::getValue).toArray(String[]::new);
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
    long min = notNegative(block, "min_spans", block.requiredInteger("min_spans"));
    long max = notNegative(block, "max_spans", block.integer("max_spans").orElse(0L));
    return TailSamplingPolicy.spanCount(
        name, int32(block, "min_spans", min), int32(block, "max_spans", max));
  }

  private static TailSamplingPolicy traceState(String name, YamlBlock block) {
    return TailSamplingPolicy.traceState(
        name,
        block.requiredString("key"),
        block.requiredStringList("values").stream()
            .map(ScalarNode::getValue)
            .toArray(String[]::new));
  }

  private static TailSamplingPolicy rateLimiting(String name, YamlBlock block) {
    long rate = positive(block, "spans_per_second", block.requiredInteger("spans_per_second"));
    long burst =
        positive(block, "burst_capacity", block.integer("burst_capacity").orElse(2 * rate));
    return TailSamplingPolicy.rateLimiting(name, rate, burst);
  }

  private static TailSamplingPolicy bytesLimiting(String name, YamlBlock block) {
    long rate = positive(block, "bytes_per_second", block.requiredInteger("bytes_per_second"));
    long burst =
        positive(block, "burst_capacity", block.integer("burst_capacity").orElse(2 * rate));
    return TailSamplingPolicy.bytesLimiting(name, rate, burst);
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
    return TailSamplingPolicy.ottlCondition(
        name,
        span.stream().map(ScalarNode::getValue).toList(),
        spanEvent.stream().map(ScalarNode::getValue).toList());
  }

  private static void ottl(YamlBlock block, ScalarNode condition, OttlCondition.Context context) {
    try {
      OttlCondition.parse(condition.getValue(), context);
    } catch (IllegalArgumentException e) {
      throw block.problem(condition, e.getMessage());
    }
  }

  private static TailSamplingPolicy composite(String name, YamlBlock block, String subOwner) {
    long max =
        positive(
            block,
            "max_total_spans_per_second",
            block.requiredInteger("max_total_spans_per_second"));
    // policy_order is read for its type only: the Collector walks composite_sub_policy in order.
    block.stringList("policy_order");
    List<TailSamplingPolicy> subs =
        List.of(subPolicies(block, "composite_sub_policy", subOwner, Level.COMPOSITE_SUB));
    List<String> names = subs.stream().map(TailSamplingPolicy::name).toList();
    Map<String, Integer> percents = new LinkedHashMap<>();
    if (block.has("rate_allocation")) {
      for (Node allocationNode : block.requiredMappingList("rate_allocation")) {
        YamlBlock allocation =
            YamlBlock.of(
                subOwner.replace(" sub-policy", "") + " rate_allocation",
                allocationNode,
                "rate_allocation");
        String policy = allocation.requiredString("policy");
        if (!names.contains(policy)) {
          throw allocation.problem(
              allocationNode,
              "rate_allocation names policy "
                  + Texts.quote(policy)
                  + ", which is not a composite_sub_policy; they are "
                  + names);
        }
        percents.put(policy, Math.toIntExact(allocation.requiredInteger("percent")));
      }
    }
    return TailSamplingPolicy.composite(name, max, subs, percents);
  }

  private static long notNegative(YamlBlock block, String field, long value) {
    if (value < 0) {
      throw block.problem(
          block.node(), block.name(field) + " must not be negative, but is " + value);
    }
    return value;
  }

  private static long positive(YamlBlock block, String field, long value) {
    if (value <= 0) {
      throw block.problem(block.node(), block.name(field) + " must be positive, but is " + value);
    }
    return value;
  }

  private static int int32(YamlBlock block, String field, long value) {
    if (value > Integer.MAX_VALUE) {
      throw block.problem(
          block.node(), block.name(field) + " must fit 32 bits (int32), but is " + value);
    }
    return (int) value;
  }
}
