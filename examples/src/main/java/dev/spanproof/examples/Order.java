package dev.spanproof.examples;

/** An order of {@code quantity} items of {@code sku}, paid with {@code card}. */
public record Order(String id, String sku, int quantity, String card) {}
