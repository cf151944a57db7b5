package dev.spanproof.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random valid headers written by OpenTelemetry's own {@link W3CTraceContextPropagator}, then
 * mutated, checked against the validator and against OpenTelemetry's extraction. Each case is built
 * from its seed (see {@link Seeds}), which every failure names.
 */
class TraceContextPropertiesTest {

  private static final String SEEDS = "dev.spanproof.core.propagation.Seeds#seeds";

  private static final String HEX = "0123456789abcdef";
  private static final String MUTATION_CHARS = "0123456789abcdefABCDEF- \t,.=@\n\u00e9\uffff";

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void should_never_throw(long seed) {
    // GIVEN
    Map<String, List<String>> headers = headers(seed);
    // WHEN / THEN
    assertThatCode(() -> TraceContext.validate(headers).toString())
        .as("seed %d: %s", seed, headers)
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void should_accept_what_opentelemetry_accepts_with_the_same_ids_and_sampled_flag(long seed) {
    // GIVEN
    Map<String, List<String>> headers = headers(seed);
    String described = "seed " + seed + ": " + headers;
    // WHEN
    TraceContextValidation ours = TraceContext.validate(headers);
    SpanContext otel = extract(headers, JOINED_VALUES);
    // THEN
    List<String> traceparents = Headers.values(headers, "traceparent");
    if (otel.isValid() && traceparents.size() > 1) {
      // Named exception JOINED_FUTURE_VERSION_DUPLICATES: joined as RFC 9110 says, duplicates of
      // a future version read as one value whose extra fields a receiver must ignore, so
      // OpenTelemetry continues the first; the spec says a receiver must not pick one.
      assertThat(traceparents.get(0)).as(described).doesNotStartWith("00");
      assertThat(ours.isValid()).as(described).isFalse();
    } else if (otel.isValid()) {
      assertThat(ours.isValid()).as("%s vs %s", described, ours).isTrue();
      assertThat(ours.traceId()).as(described).isEqualTo(otel.getTraceId());
      assertThat(ours.parentId()).as(described).isEqualTo(otel.getSpanId());
      assertThat(ours.isSampled()).as(described).isEqualTo(otel.isSampled());
      // OpenTelemetry keeps a tracestate only when it is valid under its rules, which are a
      // subset of the current spec's; then both must propagate the same members.
      if (!otel.getTraceState().isEmpty()) {
        assertThat(ours.tracestateMembers()).as(described).isEqualTo(members(otel.getTraceState()));
      }
    }
  }

  /**
   * Named exception: with a getter that returns only the first value of a header (as {@code
   * HttpServletRequest.getHeader} does), OpenTelemetry continues the first of several {@code
   * traceparent} headers, while the spec says a receiver must not pick one.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void should_differ_from_first_value_extraction_only_for_duplicated_traceparent(long seed) {
    // GIVEN
    Map<String, List<String>> headers = headers(seed);
    // WHEN
    TraceContextValidation ours = TraceContext.validate(headers);
    SpanContext otel = extract(headers, FIRST_VALUE);
    // THEN
    if (otel.isValid() && !ours.isValid()) {
      assertThat(Headers.values(headers, "traceparent"))
          .as("seed %d: %s", seed, headers)
          .hasSizeGreaterThan(1);
    }
  }

  /** A valid context injected by OpenTelemetry, then up to three mutations, all from the seed. */
  private static Map<String, List<String>> headers(long seed) {
    Random random = new Random(seed);
    SpanContext spanContext = spanContext(random);
    List<Mutation> mutations = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      mutations.add(
          new Mutation(
              Kind.values()[random.nextInt(Kind.values().length)],
              random.nextInt(121),
              MUTATION_CHARS.charAt(random.nextInt(MUTATION_CHARS.length()))));
    }
    return mutate(inject(spanContext), mutations);
  }

  private static SpanContext spanContext(Random random) {
    String traceId = nonZeroHex(random, 32);
    String spanId = nonZeroHex(random, 16);
    byte flags = (byte) random.nextInt(256);
    TraceStateBuilder state = TraceState.builder();
    for (int i = random.nextInt(5); i > 0; i--) {
      String key =
          Seeds.string(random, "abcxyz", 1, 1) + Seeds.string(random, "abcxyz019_-*/@", 0, 11);
      state.put(key, "v" + key.length());
    }
    return SpanContext.createFromRemoteParent(
        traceId, spanId, TraceFlags.fromByte(flags), state.build());
  }

  private static String nonZeroHex(Random random, int length) {
    String hex;
    do {
      hex = Seeds.string(random, HEX, length, length);
    } while (Headers.isAllZeros(hex));
    return hex;
  }

  enum Kind {
    REPLACE_CHAR,
    INSERT_CHAR,
    UPPERCASE_CHAR,
    UPPERCASE_ALL,
    TRUNCATE,
    SURROUND_WITH_WHITESPACE,
    APPEND_FIELD,
    CHANGE_VERSION,
    DUPLICATE,
    DUPLICATE_UNDER_OTHER_CASE,
    MUTATE_TRACESTATE,
    DROP_TRACEPARENT
  }

  record Mutation(Kind kind, int position, char c) {

    String apply(String value) {
      int at = position % (value.length() + 1);
      return switch (kind) {
        case REPLACE_CHAR, MUTATE_TRACESTATE ->
            value.isEmpty() ? value : replace(value, at % value.length(), c);
        case INSERT_CHAR -> value.substring(0, at) + c + value.substring(at);
        case UPPERCASE_CHAR ->
            value.isEmpty()
                ? value
                : replace(
                    value,
                    at % value.length(),
                    Character.toUpperCase(value.charAt(at % value.length())));
        case UPPERCASE_ALL -> value.toUpperCase(Locale.ROOT);
        case TRUNCATE -> value.substring(0, at);
        case SURROUND_WITH_WHITESPACE -> (position % 2 == 0 ? " " : "\t") + value + " ";
        case APPEND_FIELD -> value + "-" + c;
        case CHANGE_VERSION ->
            value.length() < 2 ? value : HEX.charAt(position % 16) + "" + c + value.substring(2);
        default -> value;
      };
    }

    private static String replace(String value, int index, char replacement) {
      return value.substring(0, index) + replacement + value.substring(index + 1);
    }
  }

  private static Map<String, List<String>> mutate(
      Map<String, List<String>> injected, List<Mutation> mutations) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    injected.forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
    for (Mutation mutation : mutations) {
      List<String> traceparents = headers.get("traceparent");
      switch (mutation.kind()) {
        case DROP_TRACEPARENT -> headers.remove("traceparent");
        case DUPLICATE -> {
          if (traceparents != null && !traceparents.isEmpty()) {
            traceparents.add(traceparents.get(0));
          }
        }
        case DUPLICATE_UNDER_OTHER_CASE -> {
          if (traceparents != null && !traceparents.isEmpty()) {
            headers.put("TraceParent", List.of(traceparents.get(0)));
          }
        }
        case MUTATE_TRACESTATE -> {
          List<String> tracestates = headers.get("tracestate");
          if (tracestates != null) {
            tracestates.replaceAll(mutation::apply);
          }
        }
        default -> {
          if (traceparents != null) {
            traceparents.replaceAll(mutation::apply);
          }
        }
      }
    }
    return headers;
  }

  private static Map<String, List<String>> inject(SpanContext spanContext) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    W3CTraceContextPropagator.getInstance()
        .inject(
            Context.root().with(Span.wrap(spanContext)),
            headers,
            (carrier, name, value) -> carrier.put(name, new ArrayList<>(List.of(value))));
    return headers;
  }

  private static SpanContext extract(
      Map<String, List<String>> headers, TextMapGetter<Map<String, List<String>>> getter) {
    Context context =
        W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, getter);
    return Span.fromContext(context).getSpanContext();
  }

  private static List<String> members(TraceState state) {
    List<String> members = new ArrayList<>();
    state.forEach((key, value) -> members.add(key + "=" + value));
    return members;
  }

  /** Several occurrences combined into one value, as RFC 9110 section 5.3 describes. */
  private static final TextMapGetter<Map<String, List<String>>> JOINED_VALUES =
      new Getter(values -> String.join(",", values));

  /** Only the first occurrence, as {@code HttpServletRequest.getHeader} returns. */
  private static final TextMapGetter<Map<String, List<String>>> FIRST_VALUE =
      new Getter(values -> values.get(0));

  private static final class Getter implements TextMapGetter<Map<String, List<String>>> {
    private final java.util.function.Function<List<String>, String> combine;

    Getter(java.util.function.Function<List<String>, String> combine) {
      this.combine = combine;
    }

    @SuppressWarnings("deprecation") // abstract before OpenTelemetry 1.68
    @Override
    public Iterable<String> keys(Map<String, List<String>> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, List<String>> carrier, String key) {
      List<String> values = Headers.values(carrier, key);
      return values.isEmpty() ? null : combine.apply(values);
    }
  }
}
