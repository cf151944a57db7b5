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
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Baggage written by OpenTelemetry's {@link W3CBaggagePropagator}, read back by the validator. */
class BaggagePropertiesTest {

  @Property(tries = 1000)
  void should_decode_what_opentelemetry_encodes(@ForAll("entries") Map<String, String> entries) {
    // GIVEN
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
    assertThat(validation.problems()).as("%s", headers).isEmpty();
    assertThat(new TreeMap<>(validation.entries())).isEqualTo(new TreeMap<>(entries));
  }

  @Property(tries = 1000)
  void should_never_throw(@ForAll("baggageValues") String value) {
    assertThatCode(() -> BaggageHeader.validate(Map.of("baggage", List.of(value))).toString())
        .doesNotThrowAnyException();
  }

  @Provide
  Arbitrary<Map<String, String>> entries() {
    Arbitrary<String> keys =
        Arbitraries.strings()
            .alpha()
            .numeric()
            .withChars("!#$&'*+-.^_`|~")
            .ofMinLength(1)
            .ofMaxLength(10);
    Arbitrary<String> values =
        Arbitraries.strings()
            .all()
            .ofMaxLength(12)
            .filter(value -> value.chars().noneMatch(c -> Character.isSurrogate((char) c)));
    return Arbitraries.maps(keys, values).ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> baggageValues() {
    return Arbitraries.strings().withChars("ab=;,% \t%2F\u00e9\uffff").ofMaxLength(30);
  }
}
