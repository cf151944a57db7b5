package dev.spanproof.examples.events;

import java.util.Map;

/**
 * A message on the in-process queue: headers, as a broker carries them, and a body.
 *
 * @param headers the message headers, among them the trace context and baggage the producer
 *     injected
 * @param body the payload
 */
public record Message(Map<String, String> headers, String body) {

  /** Copies the headers. */
  public Message {
    headers = Map.copyOf(headers);
  }
}
