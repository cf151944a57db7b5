package dev.spanproof.core.semconv;

import java.util.Locale;

/**
 * The span types spanproof knows the semantic conventions of. A span's type is detected from its
 * kind and attributes; a test can also state it, e.g. {@code conformsTo(HTTP_CLIENT)}.
 */
public enum SemanticConvention {
  /** An outbound HTTP request: kind {@code CLIENT}, stable. */
  HTTP_CLIENT("HTTP client"),
  /** An inbound HTTP request: kind {@code SERVER}, stable. */
  HTTP_SERVER("HTTP server"),
  /**
   * A database call: kind {@code CLIENT} (or {@code INTERNAL} for in-memory databases), stable;
   * judged by the stable, the old or both sets of names (see {@link DatabaseConventionMode}).
   */
  DATABASE_CLIENT("database client"),
  /**
   * An outgoing remote procedure call of any RPC system: kind {@code CLIENT}, release candidate.
   */
  RPC_CLIENT("RPC client"),
  /**
   * An incoming remote procedure call of any RPC system: kind {@code SERVER}, release candidate.
   */
  RPC_SERVER("RPC server"),
  /** An outgoing gRPC call ({@code rpc.system.name=grpc}): kind {@code CLIENT}. */
  GRPC_CLIENT("gRPC client"),
  /** An incoming gRPC call ({@code rpc.system.name=grpc}): kind {@code SERVER}. */
  GRPC_SERVER("gRPC server"),
  /**
   * A message created for sending ({@code messaging.operation.type=create}), Development status.
   */
  MESSAGING_CREATE("messaging create"),
  /** Messages sent to an intermediary ({@code send}), Development status. */
  MESSAGING_SEND("messaging send"),
  /** Messages pulled by a consumer ({@code receive}), Development status. */
  MESSAGING_RECEIVE("messaging receive"),
  /** Messages processed by a consumer ({@code process}), Development status. */
  MESSAGING_PROCESS("messaging process"),
  /** Messages settled, e.g. acknowledged ({@code settle}), Development status. */
  MESSAGING_SETTLE("messaging settle");

  private final String title;

  SemanticConvention(String title) {
    this.title = title;
  }

  /** How findings name the span type, e.g. {@code HTTP client}. */
  public String title() {
    return title;
  }

  /** The convention's id in the rules file, e.g. {@code http_client}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
