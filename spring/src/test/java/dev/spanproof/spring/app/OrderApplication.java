package dev.spanproof.spring.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * A small order service, as a user's application looks: a controller, an {@code @Observed} service
 * and repository on H2, and a {@code RestClient} call to an inventory service (WireMock on
 * 127.0.0.1, stopped with the context).
 */
@SpringBootApplication
public class OrderApplication {

  @Bean(destroyMethod = "stop")
  WireMockServer inventoryService() {
    WireMockServer server =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    return server;
  }

  @Bean
  RestClient inventoryClient(RestClient.Builder builder, WireMockServer inventoryService) {
    return builder.baseUrl("http://127.0.0.1:" + inventoryService.port()).build();
  }
}
