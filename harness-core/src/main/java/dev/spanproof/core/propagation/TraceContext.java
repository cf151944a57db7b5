package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.Headers.quote;

import dev.spanproof.core.propagation.HeaderProblem.Kind;
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
  private static final String SPEC = "the W3C Trace Context spec";
  private static final HexField TRACE_ID =
      HexField.exactly(
          SPEC, "trace-id", 32, " is all zeros, which " + SPEC + " forbids (an invalid trace-id)");
  private static final HexField PARENT_ID =
      HexField.exactly(
          SPEC,
          "parent-id",
          16,
          " is all zeros, which " + SPEC + " forbids (an invalid parent-id)");
  private static final HexField TRACE_FLAGS = HexField.exactly(SPEC, "trace-flags", 2, null);
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
    Findings findings = new Findings();
    List<String> traceparents =
        findings.occurrences(headers, TRACEPARENT, ", so a receiver starts a new trace");
    boolean tracestateSent = !Headers.values(headers, TRACESTATE).isEmpty();
    if (traceparents.isEmpty()) {
      if (tracestateSent) {
        findings.problem(
            TRACESTATE,
            Kind.INCONSISTENT,
            "received without a traceparent, which makes it invalid,"
                + " so a receiver must discard it");
      }
      return TraceContextValidation.invalid(findings);
    }
    Traceparent traceparent = null;
    if (traceparents.size() > 1) {
      findings.problem(
          TRACEPARENT,
          Kind.REPEATED,
          "header occurs "
              + traceparents.size()
              + " times, but a request carries a single traceparent;"
              + " a receiver must not pick one and starts a new trace");
    } else if (findings.isNotNull(TRACEPARENT, traceparents.get(0))) {
      traceparent = parseTraceparent(traceparents.get(0), findings);
    }
    if (traceparent == null) {
      if (tracestateSent) {
        findings.warning(
            TRACESTATE,
            "not parsed because the traceparent is invalid;"
                + " a receiver must not parse tracestate then and drops it");
      }
      return TraceContextValidation.invalid(findings);
    }
    List<String> members = parseTracestate(Headers.values(headers, TRACESTATE), findings);
    return TraceContextValidation.valid(
        traceparent.version,
        traceparent.traceId,
        traceparent.parentId,
        traceparent.flags,
        members,
        findings);
  }

  private static Traceparent parseTraceparent(String received, Findings findings) {
    // RFC 9110 section 5.5: leading and trailing whitespace is not part of a field value.
    String value = Headers.trimOws(received);
    String[] fields = value.split("-", -1);
    String version = fields[0];
    if (version.length() != 2 || Headers.firstNonLowerHex(version) >= 0 || fields.length == 1) {
      findings.problem(
          TRACEPARENT,
          Kind.MALFORMED,
          "version "
              + quote(version)
              + " is not 2 lowercase hex characters followed by \"-\","
              + " so a receiver starts a new trace");
      return null;
    }
    // Only version 00 defines the whole value; later versions may put anything after 55 characters.
    if (version.equals(VERSION_00) && value.indexOf(',') >= 0) {
      findings.problem(
          TRACEPARENT,
          Kind.MALFORMED,
          "value "
              + quote(value)
              + " contains \",\", as if several traceparent headers were joined into one;"
              + " a receiver must not pick one and starts a new trace");
      return null;
    }
    if (version.equals(FORBIDDEN_VERSION)) {
      findings.problem(
          TRACEPARENT,
          Kind.MALFORMED,
          "version \"ff\" is forbidden by the W3C Trace Context spec"
              + " (version 255 is invalid)");
      return null;
    }
    if (fields.length < 4) {
      findings.problem(
          TRACEPARENT,
          Kind.MALFORMED,
          "value "
              + quote(value)
              + " has "
              + fields.length
              + " dash-separated fields, but the W3C Trace Context spec requires"
              + " version-trace-id-parent-id-trace-flags");
      return null;
    }
    int mark = findings.mark();
    String traceId = fields[1];
    String parentId = fields[2];
    String flags = fields[3];
    TRACE_ID.check(TRACEPARENT, traceId, findings);
    PARENT_ID.check(TRACEPARENT, parentId, findings);
    TRACE_FLAGS.check(TRACEPARENT, flags, findings);
    if (findings.addedSince(mark)) {
      return null;
    }
    if (version.equals(VERSION_00) && fields.length > 4) {
      findings.problem(
          TRACEPARENT,
          Kind.MALFORMED,
          "a version-00 value is exactly 55 characters, but this one continues with "
              + quote(value.substring(VERSION_00_LENGTH))
              + ", so a receiver starts a new trace");
      return null;
    }
    int flagBits = Integer.parseInt(flags, 16);
    if (version.equals(VERSION_00) && (flagBits & ~KNOWN_FLAGS) != 0) {
      findings.problem(
          TRACEPARENT,
          Kind.RESERVED_FLAGS,
          "trace-flags "
              + quote(flags)
              + " set reserved bits ("
              + String.format("0x%02x", flagBits & ~KNOWN_FLAGS)
              + "), which the W3C Trace Context spec requires senders to leave zero;"
              + " a receiver ignores them");
    } else if (!version.equals(VERSION_00)) {
      findings.warning(
          TRACEPARENT,
          "version "
              + quote(version)
              + " is newer than 00, so a receiver reads only the version-00 fields"
              + " and propagates version 00");
    }
    return new Traceparent(version, traceId, parentId, flagBits);
  }

  private static List<String> parseTracestate(List<String> values, Findings findings) {
    // RFC 9110 section 5.3: several tracestate fields combine, in order, into one list.
    List<String> members = new ArrayList<>();
    for (String value : values) {
      if (!findings.isNotNull(TRACESTATE, value)) {
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
      findings.problem(
          TRACESTATE,
          Kind.TOO_MANY_MEMBERS,
          "has "
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
        findings.problem(
            TRACESTATE,
            Kind.MALFORMED,
            "list-member " + quote(member) + " has no \"=\" between key and value" + DROPPED);
        wellFormed = false;
        continue;
      }
      String key = member.substring(0, equals);
      String value = member.substring(equals + 1);
      int mark = findings.mark();
      checkKey(key, findings);
      checkValue(key, value, findings);
      wellFormed &= !findings.addedSince(mark);
      firstByKey.putIfAbsent(key, member);
      occurrences.merge(key, 1, Integer::sum);
    }
    if (!wellFormed) {
      return List.of();
    }
    occurrences.forEach(
        (key, count) -> {
          if (count > 1) {
            findings.problem(
                TRACESTATE,
                Kind.DUPLICATE_KEY,
                "key "
                    + quote(key)
                    + " occurs "
                    + count
                    + " times, but the W3C Trace Context spec lets each key occur once;"
                    + " a receiver may keep or drop the duplicates, and the first one is kept here");
          }
        });
    List<String> propagated = List.copyOf(firstByKey.values());
    warnIfOverPropagationLimit(propagated, findings);
    return propagated;
  }

  /** Reports the first broken rule of a tracestate key, which drops the whole tracestate. */
  private static void checkKey(String key, Findings findings) {
    if (key.isEmpty()) {
      findings.problem(
          TRACESTATE,
          Kind.WRONG_LENGTH,
          "a list-member has an empty key,"
              + " but the W3C Trace Context spec requires 1 to 256 characters"
              + DROPPED);
      return;
    }
    if (key.length() > MAX_KEY_LENGTH) {
      findings.problem(
          TRACESTATE,
          Kind.WRONG_LENGTH,
          "key "
              + quote(key)
              + " has "
              + key.length()
              + " characters, but the W3C Trace Context spec allows at most 256"
              + DROPPED);
      return;
    }
    char first = key.charAt(0);
    if (!isLowercaseLetterOrDigit(first)) {
      findings.problem(
          TRACESTATE,
          Kind.INVALID_CHARACTER,
          "key "
              + quote(key)
              + " starts with "
              + quote(first)
              + ", but the W3C Trace Context spec requires a lowercase letter or digit first"
              + DROPPED);
      return;
    }
    for (int i = 1; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!isLowercaseLetterOrDigit(c) && "_-*/@".indexOf(c) < 0) {
        findings.problem(
            TRACESTATE,
            Kind.INVALID_CHARACTER,
            "key "
                + quote(key)
                + " contains "
                + quote(c)
                + ", but the W3C Trace Context spec allows only a-z, 0-9, \"_\", \"-\", \"*\","
                + " \"/\" and \"@\" in a key"
                + DROPPED);
        return;
      }
    }
  }

  /** Reports the first broken rule of a tracestate value, which drops the whole tracestate. */
  private static void checkValue(String key, String value, Findings findings) {
    String owner = " of key " + quote(key);
    if (value.isEmpty()) {
      findings.problem(
          TRACESTATE,
          Kind.WRONG_LENGTH,
          "the value"
              + owner
              + " is empty, but the W3C Trace Context spec requires 1 to 256 characters"
              + DROPPED);
      return;
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      findings.problem(
          TRACESTATE,
          Kind.WRONG_LENGTH,
          "the value"
              + owner
              + " has "
              + value.length()
              + " characters, but the W3C Trace Context spec allows at most 256"
              + DROPPED);
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '=') {
        findings.problem(
            TRACESTATE,
            Kind.INVALID_CHARACTER,
            "the value "
                + quote(value)
                + owner
                + " contains "
                + quote(c)
                + ", but the W3C Trace Context spec allows only printable ASCII (0x20-0x7E)"
                + " except \",\" and \"=\""
                + DROPPED);
        return;
      }
    }
  }

  private static boolean isLowercaseLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /**
   * Vendors should propagate at least 512 characters; one that truncates must drop whole entries,
   * those over 128 characters first, then from the right.
   */
  private static void warnIfOverPropagationLimit(List<String> members, Findings findings) {
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
    findings.warning(
        TRACESTATE,
        length
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
