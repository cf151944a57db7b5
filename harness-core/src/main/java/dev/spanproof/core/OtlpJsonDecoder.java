package dev.spanproof.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads OTLP/JSON text into spans: JSON Lines with one {@code TracesData} per line, as the OTLP
 * file exporter writes them (opentelemetry-specification, protocol/file-exporter.md), or one {@code
 * TracesData} object spread over several lines, as opentelemetry-proto's {@code
 * examples/trace.json}. Decoding is {@link OtlpJson}'s and {@link OtlpSpans}', as for the receiver.
 */
final class OtlpJsonDecoder {

  private OtlpJsonDecoder() {}

  /**
   * The spans of {@code text}, in the order they come.
   *
   * @throws MalformedOtlpException naming the line (of JSON Lines) and what is wrong with it
   */
  static List<SpanData> decode(String text) {
    List<String> lines = text.lines().toList();
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first == lines.size()) {
      return List.of();
    }
    List<SpanData> spans = new ArrayList<>();
    if (isJson(lines.get(first))) {
      for (int i = first; i < lines.size(); i++) {
        if (!lines.get(i).isBlank()) {
          decodeObject(lines.get(i), "line " + (i + 1) + ": ", spans);
        }
      }
    } else {
      decodeObject(text, "", spans);
    }
    return spans;
  }

  /** Whether {@code line} is a whole JSON value, as each line of JSON Lines is. */
  private static boolean isJson(String line) {
    try {
      var unused = JsonParser.parseString(line);
      return true;
    } catch (JsonParseException e) {
      return false;
    }
  }

  private static void decodeObject(String json, String where, List<SpanData> spans) {
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new MalformedOtlpException(where + "it is not JSON: " + OtlpJson.rootMessage(e));
    }
    if (!root.isJsonObject()) {
      throw new MalformedOtlpException(
          where + "it must be a JSON object (a TracesData), but is " + OtlpJson.kindOf(root));
    }
    TracesData.Builder traces = TracesData.newBuilder();
    try {
      OtlpJson.merge(root.getAsJsonObject(), traces, "it is not an OTLP/JSON TracesData");
    } catch (MalformedOtlpException e) {
      throw new MalformedOtlpException(where + e.getMessage());
    }
    OtlpSpans.Decoded decoded = OtlpSpans.decode(traces.getResourceSpansList());
    if (!decoded.rejections().isEmpty()) {
      throw new MalformedOtlpException(where + String.join("; ", decoded.rejections()));
    }
    spans.addAll(decoded.spans());
  }
}
