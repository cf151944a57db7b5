package dev.spanproof.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads OTLP/JSON. The OTLP specification ({@code opentelemetry-proto} docs/specification.md, "JSON
 * Protobuf Encoding") follows the standard protobuf JSON mapping except that {@code traceId} and
 * {@code spanId} (also {@code parentSpanId}, and the ids of links) are case-insensitive hex, not
 * base64, and that unknown fields must be ignored. So the ids are turned into base64 first, and
 * {@link JsonFormat} does the rest.
 */
final class OtlpJson {

  /** The fields of spans and links that hold ids. */
  static final List<String> ID_FIELDS = List.of("traceId", "spanId", "parentSpanId");

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private OtlpJson() {}

  /**
   * The request in {@code json}.
   *
   * @throws MalformedOtlpException naming what is wrong, if it is not an OTLP/JSON trace request
   */
  static ExportTraceServiceRequest parse(String json) {
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new MalformedOtlpException("the body is not JSON: " + rootMessage(e));
    }
    if (!root.isJsonObject()) {
      throw new MalformedOtlpException(
          "the body must be a JSON object (an ExportTraceServiceRequest), but is " + kindOf(root));
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    merge(
        root.getAsJsonObject(), request, "the body is not an OTLP/JSON ExportTraceServiceRequest");
    return request.build();
  }

  /**
   * Reads the OTLP/JSON object {@code json} into {@code message}, a {@code TracesData} or an {@code
   * ExportTraceServiceRequest} (they share their fields); changes {@code json}'s ids to base64.
   *
   * @throws MalformedOtlpException starting with {@code notMessage} when the protobuf JSON mapping
   *     rejects it, or naming an id that is not hex
   */
  static void merge(JsonObject json, Message.Builder message, String notMessage) {
    for (JsonElement resourceSpans : arrayAt(json, "resourceSpans")) {
      for (JsonElement scopeSpans : arrayAt(resourceSpans, "scopeSpans")) {
        for (JsonElement span : arrayAt(scopeSpans, "spans")) {
          hexIdsToBase64(span);
          for (JsonElement link : arrayAt(span, "links")) {
            hexIdsToBase64(link);
          }
        }
      }
    }
    try {
      PARSER.merge(json.toString(), message);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedOtlpException(notMessage + ": " + e.getMessage());
    }
  }

  private static void hexIdsToBase64(JsonElement message) {
    if (!message.isJsonObject()) {
      return; // JsonFormat names the misplaced value
    }
    JsonObject object = message.getAsJsonObject();
    for (String field : ID_FIELDS) {
      JsonElement id = object.get(field);
      if (id != null && id.isJsonPrimitive() && id.getAsJsonPrimitive().isString()) {
        object.add(field, new JsonPrimitive(hexToBase64(field, id.getAsString())));
      }
    }
  }

  private static String hexToBase64(String field, String hex) {
    try {
      return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new MalformedOtlpException(
          field + " \"" + hex + "\" is not hex, which OTLP/JSON requires for ids");
    }
  }

  /** The array under {@code field} of a JSON object; empty when absent or of another shape. */
  static Iterable<JsonElement> arrayAt(JsonElement message, String field) {
    if (message.isJsonObject()) {
      JsonElement value = message.getAsJsonObject().get(field);
      if (value != null && value.isJsonArray()) {
        return value.getAsJsonArray();
      }
    }
    return new JsonArray();
  }

  static String kindOf(JsonElement element) {
    if (element.isJsonArray()) {
      return "an array";
    }
    return element.isJsonNull() ? "null" : "a single value";
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
