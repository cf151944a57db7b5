package dev.spanproof.core.semconv;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a convention names spans: templates such as {@code {http.request.method} {http.route}}, most
 * preferred first. A template applies to a span that has every attribute it names.
 *
 * @param replace per attribute, values to write differently in the name ({@code _OTHER} → {@code
 *     HTTP})
 * @param unavailableWhen per attribute, values with which it counts as missing
 */
record SpanNameRule(
    List<String> templates,
    Map<String, Map<String, String>> replace,
    Map<String, List<String>> unavailableWhen) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

  SpanNameRule {
    templates = List.copyOf(templates);
    replace = Map.copyOf(replace);
    unavailableWhen = Map.copyOf(unavailableWhen);
  }

  /** The attribute names a template refers to. */
  static List<String> placeholders(String template) {
    List<String> names = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(template);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** The names the templates give this span, paired with their template, most preferred first. */
  List<Map.Entry<String, String>> namesFor(Attributes attributes) {
    List<Map.Entry<String, String>> names = new ArrayList<>();
    for (String template : templates) {
      fill(template, attributes).ifPresent(name -> names.add(Map.entry(template, name)));
    }
    return names;
  }

  private Optional<String> fill(String template, Attributes attributes) {
    StringBuilder name = new StringBuilder();
    Matcher matcher = PLACEHOLDER.matcher(template);
    while (matcher.find()) {
      String key = matcher.group(1);
      Object value = attributes.get(AttributeKey.stringKey(key));
      if (value == null) {
        value = attributes.get(AttributeKey.longKey(key));
      }
      if (value == null
          || unavailableWhen.getOrDefault(key, List.of()).contains(value.toString())) {
        return Optional.empty();
      }
      String text =
          replace.getOrDefault(key, Map.of()).getOrDefault(value.toString(), value.toString());
      matcher.appendReplacement(name, Matcher.quoteReplacement(text));
    }
    matcher.appendTail(name);
    return Optional.of(name.toString());
  }
}
