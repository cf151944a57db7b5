package dev.spanproof.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The libraries the OTLP receiver and {@link OtlpJsonFile} decode and encode with. spanproof
 * declares them optional, so that a test classpath never gets a protobuf version the application
 * under test did not choose (protobuf 3 and 4 do not mix); a harness built with the receiver checks
 * they are there and says what to add.
 */
final class OtlpDependencies {

  /** A class the receiver needs and the artifact that holds it. */
  record Required(String className, String artifact) {}

  static final List<Required> OTLP_PROTOBUF =
      List.of(
          new Required(
              "io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest",
              "io.opentelemetry.proto:opentelemetry-proto:1.8.0-alpha"),
          // brings protobuf-java, gson and guava, which the receiver also uses
          new Required(
              "com.google.protobuf.util.JsonFormat",
              "com.google.protobuf:protobuf-java-util:4.32.0"));

  private OtlpDependencies() {}

  /**
   * Checks that every class of {@code required} can be loaded, for the OTLP receiver.
   *
   * @throws IllegalStateException naming the artifacts to add to the test classpath
   */
  static void require(List<Required> required) {
    require(required, "otlpReceiver() decodes OTLP", "docs/otlp-receiver.md");
  }

  /**
   * Checks that every class of {@code required} can be loaded.
   *
   * @param feature what needs them, e.g. "otlpReceiver() decodes OTLP"
   * @param guide the page that says more
   * @throws IllegalStateException naming the artifacts to add to the test classpath
   */
  static void require(List<Required> required, String feature, String guide) {
    List<String> missing = new ArrayList<>();
    for (Required each : required) {
      try {
        Class.forName(each.className(), false, OtlpDependencies.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError absent) {
        missing.add(each.artifact());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          feature
              + " with libraries spanproof declares optional, so that your"
              + " tests never get a protobuf version your application did not choose; add them to"
              + " the test classpath: "
              + String.join(", ", missing)
              + " (see "
              + guide
              + ")");
    }
  }
}
