package com.example.orders;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls the inventory service with the JDK's HttpClient, traced by hand: a CLIENT span. */
public final class InventoryClient {

  /** HTTP/1.1, so that the JDK does not try an h2c upgrade. */
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;
  private final URI inventory;

  public InventoryClient(OpenTelemetry openTelemetry, URI inventory) {
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer("com.example.inventory-client");
    this.inventory = inventory;
  }

  /** The stock of one SKU, as the service answers it. */
  public String stockOf(String sku) throws IOException, InterruptedException {
    Span span = tracer.spanBuilder("GET /stock").setSpanKind(SpanKind.CLIENT).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(inventory.resolve("/stock/" + sku)).GET();
      openTelemetry
          .getPropagators()
          .getTextMapPropagator()
          .inject(Context.current(), request, HttpRequest.Builder::header);
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    } finally {
      span.end();
    }
  }
}
