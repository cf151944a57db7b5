package com.example.orders;

import io.micrometer.observation.annotation.Observed;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/** Reads the order from the database and asks the inventory service for its stock. */
@Service
@Observed
public class OrderService {

  private final OrderRepository repository;
  private final RestClient inventory;

  OrderService(OrderRepository repository, RestClient inventoryClient) {
    this.repository = repository;
    this.inventory = inventoryClient;
  }

  /** The order's item and how many are in stock. */
  public String process(long id) {
    String item = repository.itemOf(id);
    String stock = inventory.get().uri("/stock/{item}", item).retrieve().body(String.class);
    return item + ": " + stock;
  }
}
