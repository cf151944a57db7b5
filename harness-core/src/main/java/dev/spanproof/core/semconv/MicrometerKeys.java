package dev.spanproof.core.semconv;

import dev.spanproof.core.lint.Finding;
import dev.spanproof.core.lint.FindingLevel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises an HTTP span of a Spring application traced through Micrometer's observations, whose
 * attributes are Micrometer's low-cardinality keys ({@code method}, {@code uri}, {@code status},
 * {@code outcome}; clients also {@code http.url}, {@code client.name}) rather than OpenTelemetry's
 * semantic conventions. No convention is detected for such a span, so without this it would pass
 * the check unjudged; instead it is a violation that says where the keys come from and what fixes
 * them.
 */
final class MicrometerKeys {

  /** Micrometer's HTTP observation keys, in the order a finding names them. */
  private static final List<String> KEYS =
      List.of("method", "uri", "status", "outcome", "exception", "http.url", "client.name");

  private MicrometerKeys() {}

  /** The finding for a server or client span with Micrometer's {@code method} key, if it is one. */
  static Optional<Finding> check(SpanData span) {
    SpanKind kind = span.getKind();
    if ((kind != SpanKind.SERVER && kind != SpanKind.CLIENT)
        || span.getAttributes().get(AttributeKey.stringKey("method")) == null) {
      return Optional.empty();
    }
    List<String> present = new ArrayList<>();
    for (String key : KEYS) {
      if (span.getAttributes().get(AttributeKey.stringKey(key)) != null) {
        present.add(key);
      }
    }
    String message =
        String.join(", ", present)
            + (present.size() == 1 ? " is a key" : " are keys")
            + " of Micrometer's HTTP observations, not of OpenTelemetry's semantic conventions"
            + (kind == SpanKind.SERVER
                ? " (http.request.method, http.route, http.response.status_code, url.path): in"
                    + " Spring, an OpenTelemetryServerRequestObservationConvention bean makes"
                    + " server spans follow them"
                : " (http.request.method, url.full, server.address, http.response.status_code):"
                    + " Spring Framework has no OpenTelemetry convention for client observations,"
                    + " so such a client span cannot follow them");
    return Optional.of(
        Finding.about(span, FindingLevel.VIOLATION, "micrometer_http_keys", null, message));
  }
}
