package dev.spanproof.core.sampling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one policy of the {@code tail_sampling} YAML: its name and type, checked against where it
 * stands, then the policies made of other policies ({@code and}, {@code drop}, {@code not}, {@code
 * composite}) with their sub-policies; {@link SimplePolicyYaml} reads the other types' blocks.
 */
final class PolicyYaml {

  private PolicyYaml() {}

  /**
   * @param owner how messages name the policy's owner, e.g. {@code tail_sampling policy}
   * @param position the policy's place in its list, from 1, which names a policy without a name
   */
  static TailSamplingPolicy read(String owner, int position, Node node, PolicyLevel level) {
    // Named as soon as possible, so that even a mistake in its other fields names the policy.
    String name = YamlBlock.peekString(node, "name").orElse("");
    if (name.isEmpty()) {
      YamlBlock unnamed = YamlBlock.of(owner + " #" + position, node, "policy");
      unnamed.requiredString("name");
      throw unnamed.problem(node, "name must not be empty");
    }
    YamlBlock policy = YamlBlock.of(owner + " \"" + name + "\"", node, "policy");
    String type = policy.requiredString("type");
    if (!level.allows(type)) {
      throw policy.problem(
          policy.requiredNode("type"),
          (PolicyLevel.TOP.allows(type)
                  ? "type \"" + type + "\" cannot be nested here; the types here are "
                  : "unknown type \"" + type + "\"; the types are ")
              + String.join(", ", level.types()));
    }
    String subOwner = owner + " \"" + name + "\" sub-policy";
    return switch (type) {
      case "and" ->
          TailSamplingPolicy.and(
              name,
              subPolicies(policy.typeBlock(type), "and_sub_policy", subOwner, PolicyLevel.SUB));
      case "drop" ->
          TailSamplingPolicy.drop(
              name,
              subPolicies(policy.typeBlock(type), "drop_sub_policy", subOwner, PolicyLevel.SUB));
      case "not" ->
          TailSamplingPolicy.not(
              name,
              read(
                  subOwner,
                  1,
                  policy.typeBlock(type).requiredNode("not_sub_policy"),
                  PolicyLevel.SUB));
      case "composite" -> composite(name, policy.typeBlock(type), subOwner);
      default -> SimplePolicyYaml.read(name, type, policy);
    };
  }

  private static TailSamplingPolicy[] subPolicies(
      YamlBlock block, String field, String owner, PolicyLevel level) {
    List<Node> nodes = block.requiredMappingList(field);
    TailSamplingPolicy[] policies = new TailSamplingPolicy[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      policies[i] = read(owner, i + 1, nodes.get(i), level);
    }
    return policies;
  }

  private static TailSamplingPolicy composite(String name, YamlBlock block, String subOwner) {
    long max =
        block.positive(
            "max_total_spans_per_second", block.requiredInteger("max_total_spans_per_second"));
    // policy_order is read for its type only: the Collector walks composite_sub_policy in order.
    block.stringList("policy_order");
    List<TailSamplingPolicy> subs =
        List.of(subPolicies(block, "composite_sub_policy", subOwner, PolicyLevel.COMPOSITE_SUB));
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
        // Checked here too, as TailSamplingPolicy.composite does, to name the line.
        if (!names.contains(policy)) {
          throw allocation.problem(
              allocationNode,
              "rate_allocation names policy "
                  + Texts.quote(policy)
                  + ", which is not a composite_sub_policy; they are "
                  + names);
        }
        long percent = allocation.requiredInteger("percent");
        // The Collector reads an int64; TailSamplingPolicy.composite takes Integer percentages.
        if (percent != (int) percent) {
          throw allocation.problem(
              allocationNode,
              "percent must fit 32 bits (int32), as TailSamplingPolicy.composite takes it, but is "
                  + percent);
        }
        percents.put(policy, (int) percent);
      }
    }
    return TailSamplingPolicy.composite(name, max, subs, percents);
  }
}
