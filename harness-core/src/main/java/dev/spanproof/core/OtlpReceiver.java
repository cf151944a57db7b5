package dev.spanproof.core;

import com.google.gson.JsonObject;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1, on the JDK's own HTTP server. It follows the OTLP
 * specification ({@code opentelemetry-proto} docs/specification.md, "OTLP/HTTP"): {@code POST
 * /v1/traces} with {@code application/x-protobuf} or {@code application/json}, optionally gzipped;
 * 200 with an {@code ExportTraceServiceResponse} in the request's encoding, carrying a partial
 * success that counts and names the spans it rejected; on failure a {@code google.rpc.Status} with
 * a message: 400 for a body that cannot be decoded, 413 for one over 64 MiB, 415 for another
 * content type or encoding, 404 and 405 for other paths and methods. A request is decoded whole
 * before any of its spans is kept, so a bad one changes nothing.
 */
final class OtlpReceiver {

  /** Where the spans of a request go. */
  interface SpanSink {
    /** Keeps the span; returns null if it was kept, else why it was not. */
    String keep(ReceivedSpan span);
  }

  static final String TRACES_PATH = "/v1/traces";
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  /** The request size limit the specification recommends, applied after decompression too. */
  static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

  /** How many rejected spans a partial-success message names before it only counts the rest. */
  private static final int NAMED_REJECTIONS = 10;

  /** How often {@link #awaitQuiet} looks: short against the exporters' batch delays. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private static final Logger LOGGER = Logger.getLogger(OtlpReceiver.class.getName());
  private static final AtomicInteger RECEIVERS = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService executor;
  private final SpanSink sink;
  // What awaitQuiet watches: a request in progress, or the time the last one came or went.
  private final AtomicInteger requestsInProgress = new AtomicInteger();
  private volatile long lastActivityNanos = System.nanoTime();

  private OtlpReceiver(HttpServer server, ExecutorService executor, SpanSink sink) {
    this.server = server;
    this.executor = executor;
    this.sink = sink;
  }

  /** Starts a receiver on a free port of 127.0.0.1. */
  static OtlpReceiver start(SpanSink sink) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the OTLP receiver on 127.0.0.1", e);
    }
    String prefix = "spanproof-otlp-receiver-" + RECEIVERS.incrementAndGet() + "-";
    AtomicInteger threads = new AtomicInteger();
    // A few threads: exporters of several processes send concurrently, and one slow body must not
    // hold up the others.
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, prefix + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    OtlpReceiver receiver = new OtlpReceiver(server, executor, sink);
    server.createContext("/", receiver::handle);
    server.setExecutor(executor);
    server.start();
    return receiver;
  }

  /** The base URI that exporters are given, e.g. {@code http://127.0.0.1:43817}. */
  URI endpoint() {
    return URI.create(
        "http://"
            + server.getAddress().getAddress().getHostAddress()
            + ":"
            + server.getAddress().getPort());
  }

  /** Stops listening at once; requests in progress are cut off, kept spans stay. */
  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  /**
   * Waits until no request has been in progress or has come in for {@code quiet}, counted from the
   * call at the earliest, but no longer than {@code atMost}; returns whether it became quiet.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  boolean awaitQuiet(Duration quiet, Duration atMost) throws InterruptedException {
    long start = System.nanoTime();
    long quietNanos = quiet.toNanos();
    long maxNanos = atMost.toNanos();
    while (true) {
      long now = System.nanoTime();
      long quietSince = requestsInProgress.get() > 0 ? now : lastActivityNanos;
      if (now - Math.max(start, quietSince) >= quietNanos) {
        return true;
      }
      long left = maxNanos - (now - start);
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL_NANOS));
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    requestsInProgress.incrementAndGet();
    lastActivityNanos = System.nanoTime();
    try {
      answer(exchange);
    } finally {
      lastActivityNanos = System.nanoTime();
      requestsInProgress.decrementAndGet();
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String contentType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
      boolean json = JSON.equals(contentType);
      try {
        if (!exchange.getRequestURI().getPath().equals(TRACES_PATH)) {
          fail(exchange, 404, json, "no such path; OTLP traces are POSTed to " + TRACES_PATH);
          return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
          exchange.getResponseHeaders().set("Allow", "POST");
          fail(exchange, 405, json, "only POST is allowed on " + TRACES_PATH);
          return;
        }
        if (!json && !PROTOBUF.equals(contentType)) {
          fail(
              exchange,
              415,
              false,
              "Content-Type "
                  + (contentType == null
                      ? "is missing"
                      : "\"" + contentType + "\" is not supported")
                  + "; send "
                  + PROTOBUF
                  + " or "
                  + JSON);
          return;
        }
        byte[] body = readBody(exchange, json);
        if (body == null) {
          return;
        }
        ExportTraceServiceRequest request = json ? OtlpJson.parse(utf8(body)) : protobuf(body);
        respond(exchange, 200, json, keep(request));
      } catch (MalformedOtlpException e) {
        fail(exchange, 400, json, e.getMessage());
      } catch (RuntimeException e) {
        // A bug of ours must not reach the sender as a stack trace, nor kill the receiver.
        LOGGER.log(Level.WARNING, "spanproof's OTLP receiver failed on a request", e);
        fail(exchange, 500, json, "the receiver failed: " + e.getClass().getSimpleName());
      }
    }
  }

  /** The decoded body, or null after answering 413 or 415. */
  private static byte[] readBody(HttpExchange exchange, boolean json) throws IOException {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
      fail(
          exchange,
          415,
          json,
          "Content-Encoding \"" + encoding + "\" is not supported; send gzip or no encoding");
      return null;
    }
    byte[] body;
    try (InputStream raw = exchange.getRequestBody();
        InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      if (!gzip) {
        throw e;
      }
      throw new MalformedOtlpException("the gzip body cannot be decompressed: " + e.getMessage());
    }
    if (body.length > MAX_BODY_BYTES) {
      fail(
          exchange,
          413,
          json,
          "the body is larger than " + MAX_BODY_BYTES + " bytes" + (gzip ? " decompressed" : ""));
      return null;
    }
    return body;
  }

  private static ExportTraceServiceRequest protobuf(byte[] body) {
    try {
      return ExportTraceServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedOtlpException(
          "the body is not a binary protobuf ExportTraceServiceRequest: " + e.getMessage());
    }
  }

  /** Keeps the request's spans and answers with what was rejected, if anything. */
  private ExportTraceServiceResponse keep(ExportTraceServiceRequest request) {
    OtlpSpans.Decoded decoded = OtlpSpans.decode(request);
    List<String> rejections = new ArrayList<>(decoded.rejections());
    for (ReceivedSpan span : decoded.spans()) {
      String problem = sink.keep(span);
      if (problem != null) {
        rejections.add(
            "span ["
                + span.getName()
                + "] of "
                + OtlpSpans.serviceName(span.getResource())
                + ": "
                + problem);
      }
    }
    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
    if (!rejections.isEmpty()) {
      String message =
          rejectionMessage(rejections, decoded.spans().size() + decoded.rejections().size());
      LOGGER.warning("spanproof's OTLP receiver " + message);
      response.setPartialSuccess(
          ExportTracePartialSuccess.newBuilder()
              .setRejectedSpans(rejections.size())
              .setErrorMessage(message));
    }
    return response.build();
  }

  private static String rejectionMessage(List<String> rejections, int total) {
    StringBuilder message =
        new StringBuilder("rejected ")
            .append(rejections.size())
            .append(" of ")
            .append(total)
            .append(total == 1 ? " span: " : " spans: ");
    for (int i = 0; i < Math.min(NAMED_REJECTIONS, rejections.size()); i++) {
      message.append(i == 0 ? "" : "; ").append(rejections.get(i));
    }
    if (rejections.size() > NAMED_REJECTIONS) {
      message.append("; and ").append(rejections.size() - NAMED_REJECTIONS).append(" more");
    }
    return message.toString();
  }

  private static void respond(
      HttpExchange exchange, int status, boolean json, ExportTraceServiceResponse response)
      throws IOException {
    byte[] body =
        json
            ? JsonFormat.printer().print(response).getBytes(StandardCharsets.UTF_8)
            : response.toByteArray();
    send(exchange, status, json, body);
  }

  /**
   * Answers with a {@code google.rpc.Status} carrying {@code message}, as the specification asks of
   * every 4xx and 5xx response. The message type is not in opentelemetry-proto, so its one field
   * used here, {@code string message = 2}, is written with protobuf's own encoder.
   */
  private static void fail(HttpExchange exchange, int status, boolean json, String message)
      throws IOException {
    byte[] body;
    if (json) {
      JsonObject object = new JsonObject();
      object.addProperty("message", message);
      body = object.toString().getBytes(StandardCharsets.UTF_8);
    } else {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      CodedOutputStream coded = CodedOutputStream.newInstance(out);
      coded.writeString(2, message);
      coded.flush();
      body = out.toByteArray();
    }
    send(exchange, status, json, body);
  }

  private static void send(HttpExchange exchange, int status, boolean json, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", json ? JSON : PROTOBUF);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The media type without parameters, lower case; null if there is none. */
  private static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int parameters = contentType.indexOf(';');
    String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
    return type.isEmpty() ? null : type.toLowerCase(Locale.ROOT);
  }

  private static String utf8(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
}
