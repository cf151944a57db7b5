package dev.spanproof.core.semconv;

/**
 * An attribute the registry deprecated, with what replaces it.
 *
 * @param name the attribute, or a template ending in {@code .<key>}
 * @param renamedTo the one attribute that replaces it, or null
 * @param note what to do instead when no single attribute replaces it, or null
 */
record DeprecatedAttribute(String name, String renamedTo, String note) {

  /** The replacement for {@code key}, which this attribute {@link #matches}. */
  String advice(String key) {
    if (renamedTo == null) {
      return note;
    }
    if (name.endsWith(AttributeRule.TEMPLATE_SUFFIX)) {
      String suffix = key.substring(name.length() - AttributeRule.TEMPLATE_SUFFIX.length());
      return "use "
          + renamedTo.substring(0, renamedTo.length() - AttributeRule.TEMPLATE_SUFFIX.length())
          + suffix;
    }
    return "use " + renamedTo;
  }

  boolean matches(String key) {
    if (name.endsWith(AttributeRule.TEMPLATE_SUFFIX)) {
      String prefix = name.substring(0, name.length() - AttributeRule.TEMPLATE_SUFFIX.length() + 1);
      return key.startsWith(prefix) && key.length() > prefix.length();
    }
    return key.equals(name);
  }
}
