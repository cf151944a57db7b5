package dev.spanproof.core.report;

/**
 * JSON string literals safe inside an HTML {@code <script>} element: besides JSON's own escapes,
 * {@code <}, {@code >} and {@code &} become {@code \}{@code u} escapes, so no value can write
 * {@code </script>} or {@code <!--} and end or bend the element, and U+2028/U+2029 are escaped so
 * the text is also valid JavaScript.
 */
final class Json {

  private Json() {}

  /** {@code value} as a quoted JSON string. */
  static String string(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
