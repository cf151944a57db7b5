package dev.spanproof.core;

/**
 * An OTLP request the receiver cannot decode; its message goes back to the sender with status 400.
 */
final class MalformedOtlpException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MalformedOtlpException(String message) {
    super(message, null, false, false);
  }
}
