package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.Headers.quote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks W3C Trace Context headers (level 1, plus the random trace-id flag of level 2) the way a
 * conforming receiving service must treat them.
 *
 * <p>The rules follow the W3C Trace Context recommendation and its receiver conformance suite
 * ({@code test/test.py} in {@code w3c/trace-context}) at strict level 2: an invalid {@code
 * tracestate} list-member drops the whole {@code tracestate}, while duplicate keys keep it.
 */
public final class TraceContext {

  static final String TRACEPARENT = "traceparent";
  static final String TRACESTATE = "tracestate";

  private static final String VERSION_00 = "00";
  private static final String FORBIDDEN_VERSION = "ff";
  private static final int VERSION_00_LENGTH = 55;
  private static final int TRACE_ID_LENGTH = 32;
  private static final int PARENT_ID_LENGTH = 16;
  private static final int FLAGS_LENGTH = 2;
  private static final int KNOWN_FLAGS = 0x03;
  private static final int MAX_MEMBERS = 32;
  private static final int MAX_KEY_LENGTH = 256;
  private static final int MAX_VALUE_LENGTH = 256;
  private static final int PROPAGATION_LIMIT = 512;
  private static final int LARGE_MEMBER = 128;
  private static final String DROPPED = ", so the whole tracestate is dropped";

  private TraceContext() {}

  /**
   * Checks the {@code traceparent} and {@code tracestate} headers of a request.
   *
   * @param headers header names (any case) to all their values, in received order
   * @return the validation; never {@code null}
   * @throws IllegalArgumentException if {@code headers} is {@code null}
   */
  public static TraceContextValidation validate(Map<String, List<String>> headers) {
    Headers.requireNonNull(headers);
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> traceparents = Headers.values(headers, TRACEPARENT);
    boolean tracestateSent = !Headers.values(headers, TRACESTATE).isEmpty();
    if (traceparents.isEmpty()) {
      problems.add("traceparent: header is missing, so a receiver starts a new trace");
      if (tracestateSent) {
        problems.add(
            "tracestate: received without a traceparent, which makes it invalid,"
                + " so a receiver must discard it");
      }
      return TraceContextValidation.invalid(problems, warnings);
    }
    Traceparent traceparent = null;
    if (traceparents.size() > 1) {
      problems.add(
          "traceparent: header occurs "
              + traceparents.size()
              + " times, but a request carries a single traceparent;"
              + " a receiver must not pick one and starts a new trace");
    } else {
      traceparent = parseTraceparent(traceparents.get(0), problems, warnings);
    }
    if (traceparent == null) {
      if (tracestateSent) {
        warnings.add(
            "tracestate: not parsed because the traceparent is invalid;"
                + " a receiver must not parse tracestate then and drops it");
      }
      return TraceContextValidation.invalid(problems, warnings);
    }
    List<String> members = parseTracestate(Headers.values(headers, TRACESTATE), problems, warnings);
    return TraceContextValidation.valid(
        traceparent.version,
        traceparent.traceId,
        traceparent.parentId,
        traceparent.flags,
        members,
        problems,
        warnings);
  }

  private static Traceparent parseTraceparent(
      String received, List<String> problems, List<String> warnings) {
    if (received == null) {
      problems.add("traceparent: value is null");
      return null;
    }
    // RFC 9110 section 5.5: leading and trailing whitespace is not part of a field value.
    String value = Headers.trimOws(received);
    String[] fields = value.split("-", -1);
    String version = fields[0];
    if (version.length() != 2 || Headers.firstNonLowerHex(version) >= 0 || fields.length == 1) {
      problems.add(
          "traceparent: version "
              + quote(version)
              + " is not 2 lowercase hex characters followed by \"-\","
              + " so a receiver starts a new trace");
      return null;
    }
    // Only version 00 defines the whole value; later versions may put anything after 55 characters.
    if (version.equals(VERSION_00) && value.indexOf(',') >= 0) {
      problems.add(
          "traceparent: value "
              + quote(value)
              + " contains \",\", as if several traceparent headers were joined into one;"
              + " a receiver must not pick one and starts a new trace");
      return null;
    }
    if (version.equals(FORBIDDEN_VERSION)) {
      problems.add(
          "traceparent: version \"ff\" is forbidden by the W3C Trace Context spec"
              + " (version 255 is invalid)");
      return null;
    }
    if (fields.length < 4) {
      problems.add(
          "traceparent: value "
              + quote(value)
              + " has "
              + fields.length
              + " dash-separated fields, but the W3C Trace Context spec requires"
              + " version-trace-id-parent-id-trace-flags");
      return null;
    }
    int problemsBefore = problems.size();
    String traceId = fields[1];
    String parentId = fields[2];
    String flags = fields[3];
    if (checkHex("trace-id", traceId, TRACE_ID_LENGTH, problems) && Headers.isAllZeros(traceId)) {
      problems.add(
          "traceparent: trace-id "
              + quote(traceId)
              + " is all zeros, which the W3C Trace Context spec forbids (an invalid trace-id)");
    }
    if (checkHex("parent-id", parentId, PARENT_ID_LENGTH, problems)
        && Headers.isAllZeros(parentId)) {
      problems.add(
          "traceparent: parent-id "
              + quote(parentId)
              + " is all zeros, which the W3C Trace Context spec forbids (an invalid parent-id)");
    }
    checkHex("trace-flags", flags, FLAGS_LENGTH, problems);
    if (problems.size() > problemsBefore) {
      return null;
    }
    if (version.equals(VERSION_00) && fields.length > 4) {
      problems.add(
          "traceparent: a version-00 value is exactly 55 characters, but this one continues with "
              + quote(value.substring(VERSION_00_LENGTH))
              + ", so a receiver starts a new trace");
      return null;
    }
    int flagBits = Integer.parseInt(flags, 16);
    if (version.equals(VERSION_00) && (flagBits & ~KNOWN_FLAGS) != 0) {
      problems.add(
          "traceparent: trace-flags "
              + quote(flags)
              + " set reserved bits ("
              + String.format("0x%02x", flagBits & ~KNOWN_FLAGS)
              + "), which the W3C Trace Context spec requires senders to leave zero;"
              + " a receiver ignores them");
    } else if (!version.equals(VERSION_00)) {
      warnings.add(
          "traceparent: version "
              + quote(version)
              + " is newer than 00, so a receiver reads only the version-00 fields"
              + " and propagates version 00");
    }
    return new Traceparent(version, traceId, parentId, flagBits);
  }

  /** Reports a wrong length or character and returns whether the field is well-formed. */
  private static boolean checkHex(String name, String field, int length, List<String> problems) {
    if (field.length() != length) {
      problems.add(
          "traceparent: "
              + name
              + " "
              + quote(field)
              + " has "
              + field.length()
              + " characters, but the W3C Trace Context spec requires exactly "
              + length
              + " lowercase hex characters");
      return false;
    }
    int bad = Headers.firstNonLowerHex(field);
    if (bad >= 0) {
      problems.add(
          "traceparent: "
              + name
              + " "
              + quote(field)
              + " contains "
              + quote(field.charAt(bad))
              + ", but the W3C Trace Context spec allows only lowercase hex characters (0-9, a-f)");
      return false;
    }
    return true;
  }

  private static List<String> parseTracestate(
      List<String> values, List<String> problems, List<String> warnings) {
    // RFC 9110 section 5.3: several tracestate fields combine, in order, into one list.
    List<String> members = new ArrayList<>();
    for (String value : values) {
      if (value == null) {
        problems.add("tracestate: value is null");
        continue;
      }
      for (String member : value.split(",", -1)) {
        String trimmed = Headers.trimOws(member);
        // Empty and whitespace-only list-members are allowed and carry nothing.
        if (!trimmed.isEmpty()) {
          members.add(trimmed);
        }
      }
    }
    if (members.size() > MAX_MEMBERS) {
      problems.add(
          "tracestate: has "
              + members.size()
              + " list-members, but the W3C Trace Context spec allows at most 32"
              + DROPPED);
      return List.of();
    }
    boolean wellFormed = true;
    Map<String, String> firstByKey = new LinkedHashMap<>();
    Map<String, Integer> occurrences = new LinkedHashMap<>();
    for (String member : members) {
      int equals = member.indexOf('=');
      if (equals < 0) {
        problems.add(
            "tracestate: list-member "
                + quote(member)
                + " has no \"=\" between key and value"
                + DROPPED);
        wellFormed = false;
        continue;
      }
      String key = member.substring(0, equals);
      String value = member.substring(equals + 1);
      String keyProblem = keyProblem(key);
      String valueProblem = valueProblem(key, value);
      if (keyProblem != null) {
        problems.add(keyProblem + DROPPED);
      }
      if (valueProblem != null) {
        problems.add(valueProblem + DROPPED);
      }
      wellFormed &= keyProblem == null && valueProblem == null;
      firstByKey.putIfAbsent(key, member);
      occurrences.merge(key, 1, Integer::sum);
    }
    if (!wellFormed) {
      return List.of();
    }
    occurrences.forEach(
        (key, count) -> {
          if (count > 1) {
            problems.add(
                "tracestate: key "
                    + quote(key)
                    + " occurs "
                    + count
                    + " times, but the W3C Trace Context spec lets each key occur once;"
                    + " a receiver may keep or drop the duplicates, and the first one is kept here");
          }
        });
    List<String> propagated = List.copyOf(firstByKey.values());
    warnIfOverPropagationLimit(propagated, warnings);
    return propagated;
  }

  private static String keyProblem(String key) {
    if (key.isEmpty()) {
      return "tracestate: a list-member has an empty key,"
          + " but the W3C Trace Context spec requires 1 to 256 characters";
    }
    if (key.length() > MAX_KEY_LENGTH) {
      return "tracestate: key "
          + quote(key)
          + " has "
          + key.length()
          + " characters, but the W3C Trace Context spec allows at most 256";
    }
    char first = key.charAt(0);
    if (!isLowercaseLetterOrDigit(first)) {
      return "tracestate: key "
          + quote(key)
          + " starts with "
          + quote(first)
          + ", but the W3C Trace Context spec requires a lowercase letter or digit first";
    }
    for (int i = 1; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!isLowercaseLetterOrDigit(c) && "_-*/@".indexOf(c) < 0) {
        return "tracestate: key "
            + quote(key)
            + " contains "
            + quote(c)
            + ", but the W3C Trace Context spec allows only a-z, 0-9, \"_\", \"-\", \"*\", \"/\""
            + " and \"@\" in a key";
      }
    }
    return null;
  }

  private static String valueProblem(String key, String value) {
    String owner = " of key " + quote(key);
    if (value.isEmpty()) {
      return "tracestate: the value"
          + owner
          + " is empty, but the W3C Trace Context spec requires 1 to 256 characters";
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      return "tracestate: the value"
          + owner
          + " has "
          + value.length()
          + " characters, but the W3C Trace Context spec allows at most 256";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '=') {
        return "tracestate: the value "
            + quote(value)
            + owner
            + " contains "
            + quote(c)
            + ", but the W3C Trace Context spec allows only printable ASCII (0x20-0x7E)"
            + " except \",\" and \"=\"";
      }
    }
    return null;
  }

  private static boolean isLowercaseLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /**
   * Vendors should propagate at least 512 characters; one that truncates must drop whole entries,
   * those over 128 characters first, then from the right.
   */
  private static void warnIfOverPropagationLimit(List<String> members, List<String> warnings) {
    int length = joinedLength(members);
    if (length <= PROPAGATION_LIMIT) {
      return;
    }
    List<String> kept = new ArrayList<>(members);
    List<String> dropped = new ArrayList<>();
    while (joinedLength(kept) > PROPAGATION_LIMIT) {
      int victim = kept.size() - 1;
      for (int i = kept.size() - 1; i >= 0; i--) {
        if (kept.get(i).length() > LARGE_MEMBER) {
          victim = i;
          break;
        }
      }
      String member = kept.remove(victim);
      dropped.add(quote(member.substring(0, member.indexOf('='))));
    }
    warnings.add(
        "tracestate: "
            + length
            + " characters, more than the 512 a receiver should propagate at least;"
            + " a receiver that truncates drops whole list-members, those over 128 characters"
            + " first, then from the right: here the keys "
            + String.join(", ", dropped));
  }

  private static int joinedLength(List<String> members) {
    return members.stream().mapToInt(String::length).sum() + Math.max(0, members.size() - 1);
  }

  private record Traceparent(String version, String traceId, String parentId, int flags) {}
}
