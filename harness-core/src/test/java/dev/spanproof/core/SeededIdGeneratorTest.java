package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeededIdGeneratorTest {

  @Test
  void should_draw_the_same_ids_from_the_same_seed() {
    assertThat(draw(SeededIdGenerator.withSeed(42)))
        .isEqualTo(draw(SeededIdGenerator.withSeed(42)));
    assertThat(draw(SeededIdGenerator.withSeed(42)))
        .isNotEqualTo(draw(SeededIdGenerator.withSeed(43)));
  }

  @Test
  void should_draw_valid_lowercase_hex_ids() {
    SeededIdGenerator ids = SeededIdGenerator.withSeed(7);
    for (int i = 0; i < 1_000; i++) {
      String traceId = ids.generateTraceId();
      String spanId = ids.generateSpanId();
      assertThat(TraceId.isValid(traceId)).as("trace id %s", traceId).isTrue();
      assertThat(SpanId.isValid(spanId)).as("span id %s", spanId).isTrue();
      assertThat(traceId + spanId).matches("[0-9a-f]{48}");
    }
  }

  @Test
  void should_name_its_seed() {
    assertThat(SeededIdGenerator.withSeed(42)).hasToString("SeededIdGenerator{seed=42}");
  }

  private static List<String> draw(SeededIdGenerator ids) {
    List<String> drawn = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      drawn.add(ids.generateTraceId());
      drawn.add(ids.generateSpanId());
    }
    return drawn;
  }
}
