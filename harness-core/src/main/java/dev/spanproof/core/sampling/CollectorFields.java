package dev.spanproof.core.sampling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The Collector's tail_sampling field names, from {@code
 * collector-tail-sampling-fields.properties}.
 */
final class CollectorFields {

  private static final Properties FIELDS = load();

  private CollectorFields() {}

  /** The fields of {@code section}: "processor", "policy", or a policy block such as "latency". */
  static List<String> of(String section) {
    String list = FIELDS.getProperty(section);
    if (list == null) {
      throw new IllegalArgumentException("no field list for " + section);
    }
    return Arrays.stream(list.split(",")).map(String::trim).toList();
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in =
        CollectorFields.class.getResourceAsStream("collector-tail-sampling-fields.properties")) {
      if (in == null) {
        throw new IllegalStateException("collector-tail-sampling-fields.properties is missing");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
