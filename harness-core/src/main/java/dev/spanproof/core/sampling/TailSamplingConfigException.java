package dev.spanproof.core.sampling;

/**
 * A Collector configuration that {@link TailSampling#fromCollectorYaml(String)} cannot use. The
 * message names the policy, the field and the line, e.g. {@code tail_sampling policy "slow" (line
 * 9): latency.threshold_ms must be an integer, but is "1s"}.
 */
public final class TailSamplingConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int line;

  TailSamplingConfigException(String message, int line) {
    super(message);
    this.line = line;
  }

  /** The line of the YAML the problem is on, counting from 1; 0 when it is about no line. */
  public int line() {
    return line;
  }
}
