package dev.spanproof.junit;

/**
 * Which tests get a waterfall report, an HTML page drawing the test's traces; see {@link
 * SpanproofConfiguration#REPORT_HTML_PROPERTY_NAME}.
 */
public enum HtmlReports {
  /** Only tests that fail; their failure message names the report. The default. */
  FAILED,
  /** Every test. */
  ALL,
  /** None. */
  OFF
}
