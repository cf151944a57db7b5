package dev.spanproof.examples.otlp;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The inventory service of the cross-process examples: a plain JDK {@link HttpServer} without a
 * line of OpenTelemetry code. {@link ServicesInOtherProcessesTest} runs it in a child JVM with
 * OpenTelemetry's Java agent, which instruments it and exports its spans to the harness.
 *
 * <p>Listens on 127.0.0.1 on a free port and prints {@code listening on port N} once it serves.
 */
public final class InventoryService {

  private InventoryService() {}

  /**
   * Starts the service; it runs until the process is stopped.
   *
   * @param args none
   * @throws IOException if the port cannot be bound
   */
  public static void main(String[] args) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/inventory", InventoryService::inStock);
    // No executor: the server runs handlers one after another on its dispatcher thread, which
    // ServicesInOtherProcessesTest relies on to know when a request's span has ended.
    server.start();
    System.out.println("listening on port " + server.getAddress().getPort());
  }

  private static void inStock(HttpExchange exchange) throws IOException {
    byte[] body = "7".getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
