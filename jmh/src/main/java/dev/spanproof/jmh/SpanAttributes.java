package dev.spanproof.jmh;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

/**
 * How many attributes each benchmarked span carries: string attributes of HTTP-server-like keys.
 */
public enum SpanAttributes {
  ZERO(0),
  FOUR(4),
  SIXTEEN(16);

  private static final class Keys {
    static final String[] ALL = {
      "http.request.method", "url.path", "http.response.status_code", "server.address",
      "server.port", "url.scheme", "user_agent.original", "client.address",
      "network.protocol.version", "http.route", "url.query", "network.peer.address",
      "network.peer.port", "order.id", "customer.tier", "feature.flag"
    };
  }

  private final Attributes attributes;

  SpanAttributes(int count) {
    AttributesBuilder builder = Attributes.builder();
    for (int i = 0; i < count; i++) {
      builder.put(Keys.ALL[i], "value-" + i);
    }
    this.attributes = builder.build();
  }

  /** The prebuilt attributes, set on a span with {@code setAllAttributes}. */
  public Attributes attributes() {
    return attributes;
  }
}
