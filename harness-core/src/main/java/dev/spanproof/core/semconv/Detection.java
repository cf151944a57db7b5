package dev.spanproof.core.semconv;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.List;

/**
 * When a span follows a convention: it has one of {@code attributes} (with one of {@code values},
 * if any are listed); {@code typeAttribute}, when the span has it, must say {@code typeValue}.
 *
 * @param refines a more general convention this one replaces when both match, or null
 */
record Detection(
    List<String> attributes,
    List<String> values,
    String typeAttribute,
    String typeValue,
    SemanticConvention refines) {

  Detection {
    attributes = List.copyOf(attributes);
    values = List.copyOf(values);
  }

  boolean matches(Attributes spanAttributes) {
    if (!matchesIgnoringType(spanAttributes)) {
      return false;
    }
    String type = typeOf(spanAttributes);
    return type == null || type.equals(typeValue);
  }

  /** Whether the span has the attributes, whatever its {@code typeAttribute} says. */
  boolean matchesIgnoringType(Attributes spanAttributes) {
    for (String attribute : attributes) {
      Object value = spanAttributes.get(AttributeKey.stringKey(attribute));
      if (value != null && (values.isEmpty() || values.contains(value.toString()))) {
        return true;
      }
    }
    return false;
  }

  /** The span's {@code typeAttribute} value, or null if it has none or there is none. */
  String typeOf(Attributes spanAttributes) {
    return typeAttribute == null ? null : spanAttributes.get(AttributeKey.stringKey(typeAttribute));
  }
}
