package dev.spanproof.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;

import com.github.tomakehurst.wiremock.WireMockServer;

/** Stubs of the inventory service the order application calls. */
final class Inventory {

  private Inventory() {}

  static void stock(WireMockServer inventory, String item, int count) {
    inventory.stubFor(
        get("/stock/" + item).willReturn(aResponse().withBody(String.valueOf(count))));
  }
}
