package dev.spanproof.core;

import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Traces as OTLP JSON files, to take a captured trace to Jaeger, the Collector's {@code
 * otlpjsonfile} receiver or Weaver, and to bring a trace from anywhere (a production sample, a
 * service in another language) to spanproof's assertions, lint, semantic-convention checks and
 * tail-sampling simulator.
 *
 * <pre>{@code
 * OtlpJsonFile.write(session.traces().get(0), Path.of("target/order.jsonl"));
 * assertThatTrace(OtlpJsonFile.read(Path.of("src/test/resources/checkout.jsonl"))).passesLint();
 * }</pre>
 *
 * <p>The encoding is the OTLP specification's "JSON Protobuf Encoding": lowerCamelCase keys, ids as
 * lowercase hex, enums as integers, 64-bit integers (times, integer attributes) as decimal strings.
 * A file is JSON Lines as the OTLP file exporter specification defines it: UTF-8, one {@code
 * TracesData} object per line, each line ending with {@code \n}. spanproof writes one line per
 * trace, its spans grouped by resource and then by instrumentation scope. It is produced with
 * OpenTelemetry's protobuf definitions ({@code io.opentelemetry.proto:opentelemetry-proto}) and
 * protobuf's JSON printer, not by hand.
 *
 * <p>Reading accepts that format and also a single {@code TracesData} object spread over several
 * lines; ids may be hex in either case, and 64-bit integers strings or numbers, as the
 * specification allows. What OTLP carries and OpenTelemetry's Java API cannot hold is converted:
 * byte and map attribute values, and arrays of mixed types, become their text. An empty array reads
 * as an empty string array, since OTLP does not say of what type it was.
 *
 * <p>The protobuf libraries are optional dependencies of spanproof, so that your tests never get a
 * protobuf version your application did not choose: every method checks they are there and says
 * which artifacts to add when they are not.
 */
public final class OtlpJsonFile {

  private OtlpJsonFile() {}

  /**
   * Writes {@code trace} to {@code file} as one line of OTLP JSON, replacing the file's content.
   * Missing parent directories are created.
   *
   * @param trace a captured trace, e.g. one of {@link CaptureSession#traces()}
   * @param file where to write, by convention ending in {@code .jsonl}
   * @throws IllegalStateException if the protobuf libraries are missing, naming them
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Trace trace, Path file) {
    requireNonNull(trace, "write(Trace trace, Path file)", "trace");
    requireNonNull(file, "write(Trace trace, Path file)", "file");
    writeText(toJsonLines(trace), file);
  }

  /**
   * Writes {@code spans} to {@code file} as OTLP JSON, one line per trace, the traces in the order
   * they started; replaces the file's content. Missing parent directories are created.
   *
   * @param spans spans of any number of traces, e.g. {@link CaptureSession#finishedSpans()}
   * @param file where to write, by convention ending in {@code .jsonl}
   * @throws IllegalArgumentException if {@code spans} contains null
   * @throws IllegalStateException if the protobuf libraries are missing, naming them
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Collection<? extends SpanData> spans, Path file) {
    requireNonNull(spans, "write(Collection<? extends SpanData> spans, Path file)", "spans");
    requireNonNull(file, "write(Collection<? extends SpanData> spans, Path file)", "file");
    writeText(toJsonLines(spans), file);
  }

  /**
   * {@code trace} as the content of an OTLP JSON file: one {@code TracesData} object on one line,
   * ending with {@code \n}.
   *
   * @param trace a captured trace
   * @return the JSON line
   * @throws IllegalStateException if the protobuf libraries are missing, naming them
   */
  public static String toJsonLines(Trace trace) {
    requireNonNull(trace, "toJsonLines(Trace trace)", "trace");
    requireLibraries();
    return OtlpJsonEncoder.toJsonLine(trace.spans().stream().map(node -> node.span()).toList())
        + "\n";
  }

  /**
   * {@code spans} as the content of an OTLP JSON file: one {@code TracesData} line per trace, in
   * the order the traces started, each line ending with {@code \n}; empty when there are no spans.
   *
   * @param spans spans of any number of traces
   * @return the JSON lines
   * @throws IllegalArgumentException if {@code spans} contains null
   * @throws IllegalStateException if the protobuf libraries are missing, naming them
   */
  public static String toJsonLines(Collection<? extends SpanData> spans) {
    requireNonNull(spans, "toJsonLines(Collection<? extends SpanData> spans)", "spans");
    requireLibraries();
    StringBuilder lines = new StringBuilder();
    for (Trace trace : Trace.groupByTraceId(spans)) {
      lines
          .append(
              OtlpJsonEncoder.toJsonLine(trace.spans().stream().map(node -> node.span()).toList()))
          .append('\n');
    }
    return lines.toString();
  }

  /**
   * Reads the spans of an OTLP JSON file: JSON Lines of {@code TracesData} objects, or one {@code
   * TracesData} object over several lines.
   *
   * @param file an OTLP JSON file, e.g. written by the OTLP file exporter or by {@link #write}
   * @return every span of the file, in the order they come; empty for an empty file
   * @throws IllegalArgumentException if the content is not OTLP JSON traces, naming the file, the
   *     line and what is wrong
   * @throws IllegalStateException if the protobuf libraries are missing, naming them
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<SpanData> read(Path file) {
    requireNonNull(file, "read(Path file)", "file");
    requireLibraries();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read OTLP JSON from " + file + ": " + e, e);
    }
    return decode(text, " from " + file);
  }

  /**
   * Reads the spans of OTLP JSON text, as {@link #read(Path)} reads a file's content.
   *
   * @param json JSON Lines of {@code TracesData} objects, or one {@code TracesData} object
   * @return every span, in the order they come; empty for blank text
   * @throws IllegalArgumentException if it is not OTLP JSON traces, naming the line and what is
   *     wrong
   * @throws IllegalStateException if the protobuf libraries are missing, naming them
   */
  public static List<SpanData> parse(String json) {
    requireNonNull(json, "parse(String json)", "json");
    requireLibraries();
    return decode(json, "");
  }

  private static List<SpanData> decode(String text, String source) {
    try {
      return OtlpJsonDecoder.decode(text);
    } catch (MalformedOtlpException e) {
      throw new IllegalArgumentException(
          "Cannot read OTLP JSON" + source + ", " + e.getMessage(), e);
    }
  }

  private static void writeText(String text, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write OTLP JSON to " + file + ": " + e, e);
    }
  }

  private static void requireLibraries() {
    OtlpDependencies.require(
        OtlpDependencies.OTLP_PROTOBUF,
        "OtlpJsonFile reads and writes OTLP JSON",
        "docs/otlp-json.md");
  }

  private static void requireNonNull(Object argument, String method, String parameter) {
    if (argument == null) {
      throw new NullPointerException(method + ": " + parameter + " must not be null");
    }
  }
}
