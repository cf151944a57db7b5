package dev.spanproof.assertions;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What {@code matchesGoldenFile} compares besides span names, kinds, statuses and the tree: which
 * attributes, whether siblings must keep their order, and whether event names count. Immutable;
 * each method returns a changed copy:
 *
 * <pre>{@code
 * assertThatTrace()
 *     .matchesGoldenFile(
 *         Path.of("src/test/resources/golden/checkout.trace"),
 *         GoldenTraceOptions.defaults().withAttributes("order.id").withSiblingsInStartOrder());
 * }</pre>
 *
 * <p>Run the tests with the system property {@value #UPDATE_PROPERTY}{@code =true} (with Maven:
 * {@code mvn test -Dspanproof.golden.update=true}) to write every golden file a test compares with,
 * from the trace the test captured; files that already match are left untouched.
 */
public final class GoldenTraceOptions {

  /**
   * The system property that, set to {@code true}, makes {@code matchesGoldenFile} write the golden
   * file from the actual trace instead of comparing.
   */
  public static final String UPDATE_PROPERTY = "spanproof.golden.update";

  private static final GoldenTraceOptions DEFAULTS =
      new GoldenTraceOptions(List.copyOf(new TreeSet<>(Layout.KEY_ATTRIBUTES)), false, false);

  private final List<String> attributes;
  private final boolean siblingsInStartOrder;
  private final boolean eventNames;

  private GoldenTraceOptions(
      List<String> attributes, boolean siblingsInStartOrder, boolean eventNames) {
    this.attributes = attributes;
    this.siblingsInStartOrder = siblingsInStartOrder;
    this.eventNames = eventNames;
  }

  /**
   * Compares the key attributes that say what a span did, when a span has them: {@code
   * http.request.method}, {@code http.route}, {@code http.response.status_code}, {@code
   * db.system.name}, {@code db.system}, {@code db.operation.name}, {@code
   * messaging.operation.type}, {@code messaging.destination.name}, {@code rpc.method} and {@code
   * error.type}; siblings in any order.
   *
   * @return the default options
   */
  public static GoldenTraceOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Also compares these attributes, e.g. a business key such as {@code order.id}. Pick attributes
   * whose values are the same on every run: not ports, ids or times.
   *
   * @param keys attribute keys
   * @return a copy that also compares them
   */
  public GoldenTraceOptions withAttributes(String... keys) {
    Arguments.requireNoNulls(keys, "withAttributes(String... keys)", "keys");
    TreeSet<String> all = new TreeSet<>(attributes);
    all.addAll(Arrays.asList(keys));
    return new GoldenTraceOptions(List.copyOf(all), siblingsInStartOrder, eventNames);
  }

  /**
   * Compares only these attributes, none of the defaults; no attributes at all when called without
   * keys.
   *
   * @param keys attribute keys
   * @return a copy that compares exactly them
   */
  public GoldenTraceOptions withOnlyAttributes(String... keys) {
    Arguments.requireNoNulls(keys, "withOnlyAttributes(String... keys)", "keys");
    return new GoldenTraceOptions(
        List.copyOf(new TreeSet<>(Arrays.asList(keys))), siblingsInStartOrder, eventNames);
  }

  /**
   * Requires siblings in the order they started, as the golden file lists them. By default their
   * order is free, since spans started concurrently (parallel calls, executor tasks) start in a
   * different order from run to run.
   *
   * @return a copy that compares the order of siblings
   */
  public GoldenTraceOptions withSiblingsInStartOrder() {
    return new GoldenTraceOptions(attributes, true, eventNames);
  }

  /**
   * Also compares the names of each span's events, in the order they were added, e.g. the {@code
   * exception} event of {@code recordException}; their times and attributes are not compared.
   *
   * @return a copy that compares event names
   */
  public GoldenTraceOptions withEventNames() {
    return new GoldenTraceOptions(attributes, siblingsInStartOrder, true);
  }

  /** The compared attribute keys, sorted. */
  List<String> attributes() {
    return attributes;
  }

  boolean siblingsInStartOrder() {
    return siblingsInStartOrder;
  }

  boolean eventNames() {
    return eventNames;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GoldenTraceOptions options
        && attributes.equals(options.attributes)
        && siblingsInStartOrder == options.siblingsInStartOrder
        && eventNames == options.eventNames;
  }

  @Override
  public int hashCode() {
    return Objects.hash(attributes, siblingsInStartOrder, eventNames);
  }

  /** The options in words, for messages and debuggers. */
  @Override
  public String toString() {
    return "GoldenTraceOptions[attributes "
        + attributes
        + ", siblings "
        + (siblingsInStartOrder ? "in start order" : "in any order")
        + (eventNames ? ", event names" : "")
        + "]";
  }
}
