package dev.spanproof.core.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The style sheet, the script and the Content-Security-Policy the pages share.
 *
 * <p>The policy: {@code default-src 'none'} forbids every fetch (scripts, styles, images, fonts,
 * frames, connections), so a report can load nothing from anywhere. {@code style-src
 * 'unsafe-inline'} allows the page's own style element and the {@code style} attributes that place
 * the bars; styles cannot run code. {@code script-src} names the SHA-256 hash of the page's one
 * script rather than {@code 'unsafe-inline'}: even if a span field escaped its escaping, a script
 * it injected would have another hash and the browser would refuse to run it. The span data the
 * script reads sits in a {@code type="application/json"} element, which browsers never execute.
 */
final class PageAssets {

  /** Adds a name filter and, on hovering a span, marks its ancestors; the page works without it. */
  static final String SCRIPT =
      """
      (function () {
        var spans = JSON.parse(document.getElementById('spanproof-data').textContent);
        var parentOf = {};
        spans.forEach(function (s) { parentOf[s.trace + s.id] = s.parent; });
        var rows = document.querySelectorAll('li.span');
        var filter = document.createElement('input');
        filter.type = 'search';
        filter.placeholder = 'Filter spans by name';
        filter.className = 'filter';
        filter.addEventListener('input', function () {
          var text = filter.value.toLowerCase();
          rows.forEach(function (row) {
            var name = row.querySelector('.name').textContent.toLowerCase();
            row.classList.toggle('dimmed', text !== '' && name.indexOf(text) < 0);
          });
        });
        document.querySelector('h1').after(filter);
        rows.forEach(function (row) {
          row.addEventListener('mouseenter', function () {
            var id = parentOf[row.dataset.trace + row.dataset.span];
            while (id) {
              var ancestor = document.getElementById('span-' + row.dataset.trace + '-' + id);
              if (!ancestor) { break; }
              ancestor.classList.add('ancestor');
              id = parentOf[row.dataset.trace + id];
            }
          });
          row.addEventListener('mouseleave', function () {
            document.querySelectorAll('li.ancestor').forEach(function (a) {
              a.classList.remove('ancestor');
            });
          });
        });
      })();
      """;

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; script-src '"
          + sha256(SCRIPT)
          + "'; base-uri 'none'; form-action 'none'";

  static final String STYLE =
      """
      body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
      h1 { font-size: 1.3em; } h2 { font-size: 1.05em; margin-top: 1.5em; }
      .outcome.passed { color: #1a7f37; } .outcome.failed { color: #cf222e; }
      pre.failure { background: #fff0f0; border-left: 4px solid #cf222e; padding: .6em;
        white-space: pre-wrap; overflow-x: auto; }
      .filter { margin: .5em 0; padding: .3em; width: 20em; }
      ol.spans { list-style: none; padding: 0; margin: 0; }
      li.span { border-bottom: 1px solid #eee; }
      li.span.dimmed { opacity: .3; } li.span.ancestor { background: #f0f6ff; }
      li.span.mismatch > details > summary { background: #ffe3e3; outline: 2px solid #cf222e; }
      summary { display: grid; grid-template-columns: 30% 6em 1fr 6em; align-items: center;
        gap: .5em; cursor: pointer; padding: 2px 0; }
      .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .kind { font-size: .8em; color: #555; }
      .service { display: block; color: #333; }
      .lane, .axis-lane { position: relative; height: 14px; }
      .axis { display: grid; grid-template-columns: 30% 6em 1fr 6em; gap: .5em; color: #666; }
      .tick { position: absolute; transform: translateX(-50%); white-space: nowrap;
        font-size: .8em; }
      .tick.first { transform: none; } .tick.last { transform: translateX(-100%); }
      .bar { position: absolute; top: 1px; height: 12px; min-width: 2px; border-radius: 2px; }
      .bar.status-UNSET { background: #5b8def; } .bar.status-OK { background: #2da44e; }
      .bar.status-ERROR { background: #cf222e; }
      .event { position: absolute; top: -2px; width: 2px; height: 16px; background: #111; }
      .dur { text-align: right; font-variant-numeric: tabular-nums; }
      .details { margin: .3em 0 .8em 2em; font-size: .9em; }
      .details table { border-collapse: collapse; }
      .details td { border: 1px solid #ddd; padding: 1px 6px; vertical-align: top;
        font-family: ui-monospace, monospace; word-break: break-all; }
      table.index { border-collapse: collapse; }
      table.index td, table.index th { border: 1px solid #ddd; padding: 3px 8px; text-align: left; }
      """;

  private PageAssets() {}

  /** "sha256-…": the CSP source expression allowing exactly {@code script}. */
  private static String sha256(String script) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
