package dev.spanproof.core.report;

/**
 * Escaping for the two HTML contexts the pages write span fields into: element text and
 * double-quoted attribute values. One escape serves both, since it covers the characters either
 * context treats specially.
 */
final class Html {

  private Html() {}

  /** {@code value} as HTML text or as the content of a double-quoted attribute. */
  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(isUnprintableControl(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }

  /**
   * Control characters other than tab and line breaks are parse errors in HTML (NUL among them), so
   * they are shown as the replacement character, as a browser would.
   */
  static boolean isUnprintableControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
  }
}
