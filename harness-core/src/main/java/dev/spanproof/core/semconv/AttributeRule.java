package dev.spanproof.core.semconv;

import java.util.List;

/**
 * What a convention says about one attribute.
 *
 * @param name the attribute, or a template such as {@code http.request.header.<key>}
 * @param condition the condition of a conditional requirement in words, or null
 * @param when the part of the condition spanproof can evaluate, or null when it cannot
 * @param type as the specification writes it: {@code string}, {@code int}, {@code string[]}, …
 * @param enumValues the values the convention lists, empty when it lists none
 * @param closedEnum whether any other value is wrong rather than merely custom
 */
record AttributeRule(
    String name,
    Requirement requirement,
    String condition,
    Condition when,
    String type,
    List<String> enumValues,
    boolean closedEnum) {

  static final String TEMPLATE_SUFFIX = ".<key>";

  AttributeRule {
    enumValues = List.copyOf(enumValues);
  }

  /** Whether {@code key} is this attribute, or one of its template's attributes. */
  boolean matches(String key) {
    return isTemplate()
        ? key.startsWith(prefix()) && key.length() > prefix().length()
        : key.equals(name);
  }

  boolean isTemplate() {
    return name.endsWith(TEMPLATE_SUFFIX);
  }

  /** {@code http.request.header.} for the template {@code http.request.header.<key>}. */
  private String prefix() {
    return name.substring(0, name.length() - TEMPLATE_SUFFIX.length() + 1);
  }

  /**
   * A requirement's condition spanproof can evaluate on a span.
   *
   * @param failed the operation failed: the span's status is ERROR
   * @param present the name of an attribute the span has, or null
   */
  record Condition(boolean failed, String present) {}
}
