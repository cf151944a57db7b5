package dev.spanproof.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Baggage written by OpenTelemetry's {@link W3CBaggagePropagator}, read back by the validator. Each
 * case is built from its seed (see {@link Seeds}), which every failure names.
 */
class BaggagePropertiesTest {

  private static final String SEEDS = "dev.spanproof.core.propagation.Seeds#seeds";
  private static final String KEY_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&'*+-.^_`|~";

  /** Characters a value generator favours: delimiters, controls, escapes and non-ASCII. */
  private static final String INTERESTING_CHARS = " \t\r\n\u0000\u007f\"%,;=\\+é€\uffff";

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void should_decode_what_opentelemetry_encodes(long seed) {
    // GIVEN
    Map<String, String> entries = entries(new Random(seed));
    BaggageBuilder builder = Baggage.builder();
    entries.forEach(builder::put);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    W3CBaggagePropagator.getInstance()
        .inject(
            Context.root().with(builder.build()),
            headers,
            (carrier, name, value) -> carrier.put(name, new ArrayList<>(List.of(value))));
    // WHEN
    BaggageValidation validation = BaggageHeader.validate(headers);
    // THEN
    assertThat(validation.problems()).as("seed %d: %s", seed, headers).isEmpty();
    assertThat(new TreeMap<>(validation.entries()))
        .as("seed %d: %s", seed, headers)
        .isEqualTo(new TreeMap<>(entries));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void should_never_throw(long seed) {
    // GIVEN
    String value = Seeds.string(new Random(seed), "ab=;,% \t%2F\u00e9\uffff", 0, 30);
    // WHEN / THEN
    assertThatCode(() -> BaggageHeader.validate(Map.of("baggage", List.of(value))).toString())
        .as("seed %d: baggage %s", seed, value)
        .doesNotThrowAnyException();
  }

  /** One to six entries: token keys, values of any non-surrogate character. */
  private static Map<String, String> entries(Random random) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 1 + random.nextInt(6); i > 0; i--) {
      entries.put(Seeds.string(random, KEY_CHARS, 1, 10), value(random));
    }
    return entries;
  }

  private static String value(Random random) {
    StringBuilder value = new StringBuilder();
    for (int i = random.nextInt(13); i > 0; i--) {
      char c;
      if (random.nextBoolean()) {
        c = INTERESTING_CHARS.charAt(random.nextInt(INTERESTING_CHARS.length()));
      } else {
        do {
          c = (char) random.nextInt(Character.MAX_VALUE + 1);
        } while (Character.isSurrogate(c));
      }
      value.append(c);
    }
    return value.toString();
  }
}
