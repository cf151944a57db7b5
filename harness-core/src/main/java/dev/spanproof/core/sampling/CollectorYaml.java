package dev.spanproof.core.sampling;

import java.io.StringReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * (in a whole configuration or on its own), reads its settings, then each policy with the
 * Collector's field names and types ({@link PolicyYaml}). Stricter than the Collector where a
 * mistake would silently change the decisions: a missing required field is an error here, where the
 * Collector reads it as zero.
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
    // Unsigned in the Collector (uint64), which refuses a negative value when it loads.
    for (String field :
        List.of("num_traces", "expected_new_traces_per_sec", "maximum_trace_size_bytes")) {
      processor.integer(field).ifPresent(value -> processor.notNegative(field, value));
    }
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
      TailSamplingPolicy policy =
          PolicyYaml.read(where + " policy", i + 1, policies.get(i), PolicyLevel.TOP);
      String policyWhere = where + " policy \"" + policy.name() + "\"";
      Node previous = names.putIfAbsent(policy.name(), policies.get(i));
      if (previous != null) {
        throw YamlBlock.problem(
            policyWhere,
            policies.get(i),
            "the name is already used by the policy on line "
                + (previous.getStartMark().getLine() + 1)
                + "; the Collector requires unique names");
      }
      if (spanIngest && policy.isStateful()) {
        // The Collector refuses to start so: under span-ingest each batch is decided on arrival.
        throw YamlBlock.problem(
            policyWhere,
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
    return processor.string(field).map(text -> duration(processor, field, text));
  }

  private static Duration duration(YamlBlock processor, String field, String text) {
    Optional<Duration> duration;
    try {
      duration = YamlDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw processor.problem(processor.requiredNode(field), field + " " + e.getMessage());
    }
    return duration.orElseThrow(
        () ->
            processor.problem(
                processor.requiredNode(field),
                field + " must be a duration such as \"10s\", but is " + Texts.quote(text)));
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
      // Go's YAML refuses a key given twice; keeping one would read a configuration the Collector
      // does not start with. Worded as YamlBlock words it, which sees the same mappings later.
      if (tuple.getKeyNode() instanceof ScalarNode key
          && entries.putIfAbsent(key.getValue(), tuple) != null) {
        throw YamlBlock.problem(PROCESSOR, key, "field \"" + key.getValue() + "\" appears twice");
      }
    }
    return entries;
  }
}
