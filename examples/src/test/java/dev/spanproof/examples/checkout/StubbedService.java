package dev.spanproof.examples.checkout;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.spanproof.wiremock.TraceContextMatcher;
import dev.spanproof.wiremock.TracingStubListener;
import java.net.URI;

/** A downstream service stubbed by WireMock on 127.0.0.1 that joins the test's trace. */
final class StubbedService {

  private StubbedService() {}

  /**
   * A WireMock server on a free port of 127.0.0.1 whose every request becomes a SERVER span of
   * {@code serviceName} in the trace its {@code traceparent} continues.
   */
  static WireMockExtension named(String serviceName) {
    return WireMockExtension.newInstance()
        .options(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(
                    TracingStubListener.forAllStubs(serviceName), new TraceContextMatcher()))
        .build();
  }

  /** The base URI of a running stub. */
  static URI baseUri(WireMockExtension stub) {
    return URI.create(stub.baseUrl());
  }
}
