package dev.spanproof.core.report;

import static dev.spanproof.core.report.Html.escape;

/** What every report page shares: its head, with the security policy and the style. */
final class Pages {

  private Pages() {}

  static void head(StringBuilder out, String title) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(escape(PageAssets.CONTENT_SECURITY_POLICY))
        .append("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>")
        .append(PageAssets.STYLE)
        .append("</style>\n</head>\n<body>\n");
  }

  /** "1 span", "3 spans". */
  static String count(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
