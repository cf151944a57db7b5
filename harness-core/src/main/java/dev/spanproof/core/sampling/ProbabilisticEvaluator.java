package dev.spanproof.core.sampling;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * {@code probabilistic}, bit for bit as the Collector's {@code probabilistic.go}: the trace is
 * sampled when the FNV-1a 64 hash of the salt's UTF-8 bytes followed by the 16 trace-id bytes is at
 * most {@code (2^64 − 1) × sampling_percentage / 100}, that product computed with Go's {@code
 * big.Float} at 64 bits of precision (rounded to nearest even) and truncated to an integer.
 */
final class ProbabilisticEvaluator extends PolicyEvaluator {

  /** The salt the Collector uses when {@code hash_salt} is empty. */
  static final String DEFAULT_SALT = "default-hash-seed";

  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final BigInteger MAX_UINT64 =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final double percentage;
  private final String salt;
  private final long threshold;

  ProbabilisticEvaluator(String name, double percentage, String salt) {
    super(name, "probabilistic");
    this.percentage = percentage;
    this.salt = salt.isEmpty() ? DEFAULT_SALT : salt;
    this.threshold = threshold(percentage);
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    long hash = hash(salt, traceIdBytes(trace.traceId()));
    boolean sampled = Long.compareUnsigned(hash, threshold) <= 0;
    String reason =
        "hash "
            + Texts.hex64(hash)
            + (sampled ? " ≤ " : " > ")
            + "threshold "
            + Texts.hex64(threshold)
            + " ("
            + Texts.number(percentage)
            + " %"
            + (salt.equals(DEFAULT_SALT) ? "" : ", hash_salt " + Texts.quote(salt))
            + ")";
    return sampled ? sampled(reason) : notSampled(reason);
  }

  /** FNV-1a 64 over the salt's UTF-8 bytes, then the trace id's bytes. */
  static long hash(String salt, byte[] traceId) {
    long hash = FNV_OFFSET_BASIS;
    for (byte b : salt.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * FNV_PRIME;
    }
    for (byte b : traceId) {
      hash = (hash ^ (b & 0xff)) * FNV_PRIME;
    }
    return hash;
  }

  /**
   * {@code (2^64 − 1) × percentage / 100} as an unsigned 64-bit value. Go multiplies with {@code
   * big.Float} at the precision of its receiver, 64 bits, rounding to nearest even, then truncates
   * toward zero, saturating at 0 and {@code 2^64 − 1}.
   */
  static long threshold(double percentage) {
    double ratio = percentage / 100;
    if (!(ratio > 0)) {
      return 0;
    }
    if (Double.isInfinite(ratio)) {
      return -1L;
    }
    // ratio = mantissa × 2^exponent exactly; the product with 2^64 − 1 is an exact integer
    // times 2^exponent, rounded here to 64 significant bits as big.Float does.
    long bits = Double.doubleToLongBits(ratio);
    int rawExponent = (int) ((bits >>> 52) & 0x7ff);
    long mantissa = bits & 0xfffffffffffffL;
    int exponent;
    if (rawExponent == 0) {
      exponent = -1074;
    } else {
      mantissa |= 1L << 52;
      exponent = rawExponent - 1075;
    }
    BigInteger product = MAX_UINT64.multiply(BigInteger.valueOf(mantissa));
    int excess = product.bitLength() - 64;
    if (excess > 0) {
      product = roundHalfEven(product, excess);
      exponent += excess;
      if (product.bitLength() > 64) {
        product = product.shiftRight(1);
        exponent += 1;
      }
    }
    BigInteger integer =
        exponent >= 0 ? product.shiftLeft(exponent) : product.shiftRight(-exponent);
    return integer.compareTo(MAX_UINT64) > 0 ? -1L : integer.longValue();
  }

  private static BigInteger roundHalfEven(BigInteger value, int droppedBits) {
    BigInteger kept = value.shiftRight(droppedBits);
    BigInteger remainder = value.subtract(kept.shiftLeft(droppedBits));
    BigInteger half = BigInteger.ONE.shiftLeft(droppedBits - 1);
    int comparison = remainder.compareTo(half);
    if (comparison > 0 || (comparison == 0 && kept.testBit(0))) {
      kept = kept.add(BigInteger.ONE);
    }
    return kept;
  }

  private static byte[] traceIdBytes(String traceId) {
    byte[] bytes = new byte[16];
    for (int i = 0; i < 16; i++) {
      bytes[i] = (byte) Integer.parseInt(traceId.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }
}
