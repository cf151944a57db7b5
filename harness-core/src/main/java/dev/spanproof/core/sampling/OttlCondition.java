package dev.spanproof.core.sampling;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One OTTL condition of an {@code ottl_condition} policy, parsed and ready to evaluate: the subset
 * of the OpenTelemetry Transformation Language a tail-sampling condition mostly uses. Comparisons
 * ({@code == != < <= > >=}) of span or span-event fields, attributes, literals and the span-kind
 * and status-code enums, combined with {@code and}, {@code or}, {@code not} and parentheses.
 * Anything else, functions above all, is refused with an {@link IllegalArgumentException} that
 * names it, never ignored.
 */
final class OttlCondition {

  /** Which OTTL context the condition runs in. */
  enum Context {
    SPAN("span"),
    SPANEVENT("spanevent");

    private final String yamlName;

    Context(String yamlName) {
      this.yamlName = yamlName;
    }
  }

  /** What a condition reads: a span, and for the span-event context one of its events. */
  record Target(SpanData span, EventData event) {}

  private static final Map<String, Long> ENUMS =
      Map.ofEntries(
          Map.entry("SPAN_KIND_UNSPECIFIED", 0L),
          Map.entry("SPAN_KIND_INTERNAL", 1L),
          Map.entry("SPAN_KIND_SERVER", 2L),
          Map.entry("SPAN_KIND_CLIENT", 3L),
          Map.entry("SPAN_KIND_PRODUCER", 4L),
          Map.entry("SPAN_KIND_CONSUMER", 5L),
          Map.entry("STATUS_CODE_UNSET", 0L),
          Map.entry("STATUS_CODE_OK", 1L),
          Map.entry("STATUS_CODE_ERROR", 2L));

  private final String text;
  private final Function<Target, Boolean> expression;

  private OttlCondition(String text, Function<Target, Boolean> expression) {
    this.text = text;
    this.expression = expression;
  }

  /**
   * Parses {@code text} for {@code context}.
   *
   * @throws IllegalArgumentException naming what is not supported or not valid, e.g. a function
   */
  static OttlCondition parse(String text, Context context) {
    Parser parser = new Parser(text, context);
    Function<Target, Boolean> expression = parser.condition();
    parser.expectEnd();
    return new OttlCondition(text, expression);
  }

  boolean matches(Target target) {
    return expression.apply(target);
  }

  String text() {
    return text;
  }

  /** A recursive-descent parser over the condition's tokens. */
  private static final class Parser {
    private final String text;
    private final Context context;
    private final List<String> tokens;
    private int position;

    Parser(String text, Context context) {
      this.text = text;
      this.context = context;
      this.tokens = tokenize(text);
    }

    Function<Target, Boolean> condition() {
      Function<Target, Boolean> left = conjunction();
      while (accept("or")) {
        Function<Target, Boolean> l = left;
        Function<Target, Boolean> r = conjunction();
        left = target -> l.apply(target) || r.apply(target);
      }
      return left;
    }

    private Function<Target, Boolean> conjunction() {
      Function<Target, Boolean> left = negation();
      while (accept("and")) {
        Function<Target, Boolean> l = left;
        Function<Target, Boolean> r = negation();
        left = target -> l.apply(target) && r.apply(target);
      }
      return left;
    }

    private Function<Target, Boolean> negation() {
      if (accept("not")) {
        Function<Target, Boolean> inner = negation();
        return target -> !inner.apply(target);
      }
      if (accept("(")) {
        Function<Target, Boolean> inner = condition();
        expect(")");
        return inner;
      }
      return comparison();
    }

    private Function<Target, Boolean> comparison() {
      Function<Target, Object> left = value();
      String operator = peek();
      if (operator == null || !List.of("==", "!=", "<", "<=", ">", ">=").contains(operator)) {
        // A bare value: true, false, or a boolean path.
        return target -> Boolean.TRUE.equals(left.apply(target));
      }
      position++;
      Function<Target, Object> right = value();
      return target -> compare(left.apply(target), operator, right.apply(target));
    }

    private Function<Target, Object> value() {
      String token = next("a value");
      if (token.startsWith("\"")) {
        String literal = unquote(token);
        return target -> literal;
      }
      if (Character.isDigit(token.charAt(0)) || token.startsWith("-")) {
        Object number = number(token);
        return target -> number;
      }
      switch (token) {
        case "true", "false" -> {
          Boolean bool = Boolean.valueOf(token);
          return target -> bool;
        }
        case "nil" -> {
          return target -> null;
        }
        default -> {
          // Identifiers: enums, paths, or functions.
        }
      }
      if ("(".equals(peek())) {
        throw problem("uses the OTTL function " + token + ", which the simulator does not support");
      }
      if (ENUMS.containsKey(token)) {
        Long value = ENUMS.get(token);
        return target -> value;
      }
      if (!Character.isLetter(token.charAt(0))) {
        throw problem("expected a value but found " + token);
      }
      return path(token);
    }

    private Function<Target, Object> path(String first) {
      List<String> segments = new ArrayList<>(List.of(first.split("\\.", -1)));
      List<String> keys = new ArrayList<>();
      while (accept("[")) {
        String key = next("an attribute key");
        if (!key.startsWith("\"")) {
          throw problem("expected a quoted key after " + first + "[ but found " + key);
        }
        keys.add(unquote(key));
        expect("]");
      }
      String path = String.join(".", segments);
      // The newer context-qualified paths ("span.name" in the span context) name the same fields.
      if (context == Context.SPAN && segments.get(0).equals("span") && segments.size() > 1) {
        path = path.substring("span.".length());
      }
      if (context == Context.SPANEVENT
          && segments.get(0).equals("spanevent")
          && segments.size() > 1) {
        path = path.substring("spanevent.".length());
      }
      Function<Target, Object> resolved = resolve(path, keys);
      if (resolved == null) {
        throw problem(
            "uses the path "
                + first
                + (keys.isEmpty() ? "" : "[…]")
                + ", which the simulator does not support in the "
                + context.yamlName
                + " context; it supports "
                + supportedPaths());
      }
      return resolved;
    }

    private Function<Target, Object> resolve(String path, List<String> keys) {
      if (path.endsWith("attributes")) {
        if (keys.size() != 1) {
          return null;
        }
        String key = keys.get(0);
        return switch (path) {
          case "attributes" ->
              context == Context.SPAN
                  ? target -> attribute(target.span().getAttributes(), key)
                  : target -> attribute(target.event().getAttributes(), key);
          case "resource.attributes" ->
              target -> attribute(target.span().getResource().getAttributes(), key);
          case "instrumentation_scope.attributes" ->
              target -> attribute(target.span().getInstrumentationScopeInfo().getAttributes(), key);
          default ->
              context == Context.SPANEVENT && path.equals("span.attributes")
                  ? target -> attribute(target.span().getAttributes(), key)
                  : null;
        };
      }
      if (!keys.isEmpty()) {
        return null;
      }
      String spanPath = path;
      if (context == Context.SPANEVENT) {
        if (path.equals("name")) {
          return target -> target.event().getName();
        }
        if (path.equals("time_unix_nano")) {
          return target -> target.event().getEpochNanos();
        }
        if (!path.startsWith("span.")) {
          return resourceOrScope(path);
        }
        spanPath = path.substring("span.".length());
      }
      Function<Target, Object> span = spanField(spanPath);
      return span != null ? span : resourceOrScope(path);
    }

    private static Function<Target, Object> spanField(String path) {
      return switch (path) {
        case "name" -> target -> target.span().getName();
        case "kind" -> target -> kind(target.span().getKind());
        case "status.code" -> target -> status(target.span().getStatus().getStatusCode());
        case "status.message" -> target -> target.span().getStatus().getDescription();
        case "trace_id.string" -> target -> target.span().getTraceId();
        case "span_id.string" -> target -> target.span().getSpanId();
        case "parent_span_id.string" -> target -> target.span().getParentSpanId();
        case "start_time_unix_nano" -> target -> target.span().getStartEpochNanos();
        case "end_time_unix_nano" -> target -> target.span().getEndEpochNanos();
        default -> null;
      };
    }

    private static Function<Target, Object> resourceOrScope(String path) {
      return switch (path) {
        case "instrumentation_scope.name" ->
            target -> target.span().getInstrumentationScopeInfo().getName();
        case "instrumentation_scope.version" ->
            target -> target.span().getInstrumentationScopeInfo().getVersion();
        default -> null;
      };
    }

    private String supportedPaths() {
      String span =
          "name, kind, status.code, status.message, trace_id.string, span_id.string,"
              + " parent_span_id.string, start_time_unix_nano, end_time_unix_nano, attributes[\"…\"]";
      String common =
          ", resource.attributes[\"…\"], instrumentation_scope.name,"
              + " instrumentation_scope.version, instrumentation_scope.attributes[\"…\"]";
      return context == Context.SPAN
          ? span + common
          : "name, time_unix_nano, attributes[\"…\"], span.<any span path above>" + common;
    }

    private static Object attribute(Attributes attributes, String key) {
      for (Map.Entry<AttributeKey<?>, Object> entry : attributes.asMap().entrySet()) {
        if (entry.getKey().getKey().equals(key)) {
          return entry.getValue();
        }
      }
      return null;
    }

    private static Long kind(SpanKind kind) {
      return switch (kind) {
        case INTERNAL -> 1L;
        case SERVER -> 2L;
        case CLIENT -> 3L;
        case PRODUCER -> 4L;
        case CONSUMER -> 5L;
      };
    }

    private static Long status(StatusCode code) {
      return switch (code) {
        case UNSET -> 0L;
        case OK -> 1L;
        case ERROR -> 2L;
      };
    }

    private Object number(String token) {
      Object number;
      try {
        number =
            token.contains(".") ? (Object) Double.valueOf(token) : (Object) Long.valueOf(token);
      } catch (NumberFormatException e) {
        if (token.matches("-?[0-9]+")) {
          throw problem("has the number " + token + ", which does not fit 64 bits (int64)");
        }
        throw problem("expected a number but found " + token);
      }
      // As Go's strconv.ParseFloat, which OTTL uses: out of range is an error, not infinity.
      if (number instanceof Double d && d.isInfinite()) {
        throw problem("has the number " + token + ", which does not fit 64 bits (float64)");
      }
      return number;
    }

    private boolean accept(String token) {
      if (token.equals(peek())) {
        position++;
        return true;
      }
      return false;
    }

    private void expect(String token) {
      String found = next(Texts.quote(token));
      if (!found.equals(token)) {
        throw problem("expected " + token + " but found " + found);
      }
    }

    void expectEnd() {
      if (position < tokens.size()) {
        throw problem("unexpected " + tokens.get(position));
      }
    }

    private String peek() {
      return position < tokens.size() ? tokens.get(position) : null;
    }

    private String next(String expected) {
      if (position >= tokens.size()) {
        throw problem("ends where " + expected + " was expected");
      }
      return tokens.get(position++);
    }

    private IllegalArgumentException problem(String message) {
      return new IllegalArgumentException("OTTL condition " + Texts.quote(text) + " " + message);
    }

    private List<String> tokenize(String source) {
      List<String> result = new ArrayList<>();
      int i = 0;
      while (i < source.length()) {
        char c = source.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '"') {
          int end = i + 1;
          StringBuilder literal = new StringBuilder("\"");
          while (end < source.length() && source.charAt(end) != '"') {
            if (source.charAt(end) == '\\' && end + 1 < source.length()) {
              end++;
            }
            literal.append(source.charAt(end));
            end++;
          }
          if (end >= source.length()) {
            throw problem("has an unterminated string");
          }
          result.add(literal.append('"').toString());
          i = end + 1;
        } else if ("()[],".indexOf(c) >= 0) {
          result.add(String.valueOf(c));
          i++;
        } else if ("=!<>".indexOf(c) >= 0) {
          int end = i + 1 < source.length() && source.charAt(i + 1) == '=' ? i + 2 : i + 1;
          String operator = source.substring(i, end);
          if (operator.equals("=") || operator.equals("!")) {
            throw problem("has " + operator + ", which is no OTTL operator (== and != are)");
          }
          result.add(operator);
          i = end;
        } else {
          int end = i;
          while (end < source.length()
              && (Character.isLetterOrDigit(source.charAt(end))
                  || "._-+".indexOf(source.charAt(end)) >= 0)) {
            end++;
          }
          if (end == i) {
            throw problem("has the unexpected character " + c);
          }
          result.add(source.substring(i, end));
          i = end;
        }
      }
      return result;
    }

    private static String unquote(String token) {
      return token.substring(1, token.length() - 1);
    }
  }

  /**
   * OTTL's comparison: numbers compare across int and float; strings, and booleans only for
   * equality; values of different types are never equal; nil equals only nil.
   */
  static boolean compare(Object left, String operator, Object right) {
    if (left instanceof Number a && right instanceof Number b) {
      int order =
          (a instanceof Long x && b instanceof Long y)
              ? Long.compare(x, y)
              : Double.compare(a.doubleValue(), b.doubleValue());
      return ordered(order, operator);
    }
    if (left instanceof String a && right instanceof String b) {
      return ordered(a.compareTo(b), operator);
    }
    boolean equal =
        Objects.equals(left, right) && (left == null || left.getClass() == right.getClass());
    return switch (operator) {
      case "==" -> equal;
      case "!=" -> !equal;
      default -> false;
    };
  }

  private static boolean ordered(int order, String operator) {
    return switch (operator) {
      case "==" -> order == 0;
      case "!=" -> order != 0;
      case "<" -> order < 0;
      case "<=" -> order <= 0;
      case ">" -> order > 0;
      default -> order >= 0;
    };
  }
}
