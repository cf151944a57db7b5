package dev.spanproof.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bytes_limiting size is the OTLP protobuf size: cross-checked against the OTLP exporter's own
 * marshaler on random spans of every shape.
 */
class OtlpSizeTest {

  private static final List<SpanKind> KINDS =
      List.of(
          SpanKind.INTERNAL,
          SpanKind.SERVER,
          SpanKind.CLIENT,
          SpanKind.PRODUCER,
          SpanKind.CONSUMER);

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void equals_the_size_the_otlp_exporter_sends(long seed) {
    Random random = new Random(seed);
    List<SpanData> spans = new ArrayList<>();
    int count = 1 + random.nextInt(6);
    for (int i = 0; i < count; i++) {
      spans.add(randomSpan(random, i));
    }

    assertThat(OtlpSize.of(spans))
        .as("seed %d", seed)
        .isEqualTo(TraceRequestMarshaler.create(spans).getBinarySerializedSize());
  }

  private static SpanData randomSpan(Random random, int index) {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    TraceState state =
        random.nextBoolean()
            ? TraceState.getDefault()
            : TraceState.builder().put("vendor", "v" + random.nextInt(1000)).build();
    SpanContext parent =
        switch (random.nextInt(3)) {
          case 0 -> SpanContext.getInvalid();
          case 1 -> SpanContext.create(traceId, "00000000000000aa", TraceFlags.getSampled(), state);
          default ->
              SpanContext.createFromRemoteParent(
                  traceId, "00000000000000bb", TraceFlags.getDefault(), state);
        };
    List<EventData> events = new ArrayList<>();
    for (int e = random.nextInt(3); e > 0; e--) {
      events.add(EventData.create(1000 + e, "event" + e, attributes(random)));
    }
    List<LinkData> links = new ArrayList<>();
    for (int l = random.nextInt(2); l > 0; l--) {
      links.add(
          LinkData.create(
              SpanContext.createFromRemoteParent(
                  "0af7651916cd43dd8448eb211c80319c",
                  "b7ad6b7169203331",
                  TraceFlags.getSampled(),
                  state),
              attributes(random)));
    }
    Attributes attributes = attributes(random);
    return TestSpanData.builder()
        .setName("span-" + index + "-" + "x".repeat(random.nextInt(200)))
        .setKind(KINDS.get(random.nextInt(KINDS.size())))
        .setSpanContext(
            SpanContext.create(
                traceId, String.format("%016x", index + 1), TraceFlags.getSampled(), state))
        .setParentSpanContext(parent)
        .setResource(
            random.nextBoolean()
                ? Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop"))
                : Resource.create(attributes(random), "https://opentelemetry.io/schemas/1.26.0"))
        .setInstrumentationScopeInfo(
            random.nextBoolean()
                ? InstrumentationScopeInfo.create("scope-a")
                : InstrumentationScopeInfo.builder("scope-b").setVersion("1.2.3").build())
        .setAttributes(attributes)
        .setTotalAttributeCount(attributes.size() + random.nextInt(3))
        .setEvents(events)
        .setTotalRecordedEvents(events.size() + random.nextInt(2))
        .setLinks(links)
        .setTotalRecordedLinks(links.size())
        .setStartEpochNanos(1_767_225_600_000_000_000L + random.nextInt(1000))
        .setEndEpochNanos(1_767_225_601_000_000_000L + random.nextInt(1000))
        .setHasEnded(true)
        .setStatus(
            switch (random.nextInt(3)) {
              case 0 -> StatusData.unset();
              case 1 -> StatusData.ok();
              default -> StatusData.create(StatusCode.ERROR, "failed " + random.nextInt(10));
            })
        .build();
  }

  private static Attributes attributes(Random random) {
    return Attributes.builder()
        .put("text", random.nextBoolean() ? "" : "value" + random.nextInt(100_000))
        .put("number", random.nextInt(3) == 0 ? -random.nextLong() : random.nextInt(1000))
        .put("ratio", random.nextDouble())
        .put("flag", random.nextBoolean())
        .put(AttributeKey.stringArrayKey("tags"), List.of("a", "bb", ""))
        .put(AttributeKey.longArrayKey("counts"), List.of(1L, 300L))
        .build();
  }
}
