package dev.spanproof.spring.app;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /orders/{id}}: the order with its stock. */
@RestController
class OrderController {

  private final OrderService orders;

  OrderController(OrderService orders) {
    this.orders = orders;
  }

  @GetMapping("/orders/{id}")
  String order(@PathVariable("id") long id) {
    return orders.process(id);
  }
}
