/**
 * Self-contained HTML reports of captured traces: a {@link
 * dev.spanproof.core.report.WaterfallReport} page per test, drawing its traces as a waterfall, and
 * a {@link dev.spanproof.core.report.ReportIndex} listing the tests. The pages load nothing from
 * the network and read without JavaScript; every span field is treated as untrusted input and
 * escaped for the context it lands in.
 */
package dev.spanproof.core.report;
