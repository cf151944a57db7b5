package dev.spanproof.core.sampling;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a policy stands, which decides the types it may have: the Collector nests only simple
 * types, except that {@code composite} also nests {@code and}. The Java factories and the YAML
 * reader both ask here, so the rule follows the type lists in {@code
 * collector-tail-sampling-fields.properties}.
 */
enum PolicyLevel {
  TOP(CollectorFields.of("simple_types"), CollectorFields.of("top_level_types")),
  COMPOSITE_SUB(CollectorFields.of("simple_types"), List.of("and")),
  SUB(CollectorFields.of("simple_types"), List.of());

  private final List<String> types;

  PolicyLevel(List<String> simple, List<String> more) {
    List<String> all = new ArrayList<>(simple);
    all.addAll(more);
    this.types = List.copyOf(all);
  }

  /** The types a policy here may have, simple ones first, as the Collector lists them. */
  List<String> types() {
    return types;
  }

  boolean allows(String type) {
    return types.contains(type);
  }
}
