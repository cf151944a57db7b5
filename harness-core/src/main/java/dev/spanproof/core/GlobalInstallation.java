package dev.spanproof.core;

/**
 * A harness's claim on {@code GlobalOpenTelemetry}, from {@link TracingHarness#installGlobal()}.
 * Closing it (once is enough; again does nothing) withdraws the claim; when the last claim is
 * withdrawn, the global that was there before is restored exactly; should the JVM refuse that, the
 * global is left unset instead, with a warning logged, and never left pointing at a closed harness.
 */
public final class GlobalInstallation implements AutoCloseable {

  private final TracingHarness harness;
  private final boolean replacedNoopReadBeforeInstall;
  private boolean closed;

  GlobalInstallation(TracingHarness harness, boolean replacedNoopReadBeforeInstall) {
    this.harness = harness;
    this.replacedNoopReadBeforeInstall = replacedNoopReadBeforeInstall;
  }

  /** The harness this installation routes to. */
  public TracingHarness harness() {
    return harness;
  }

  /** Whether the global the router replaced was the no-op that an early read of it had set. */
  boolean replacedNoopReadBeforeInstall() {
    return replacedNoopReadBeforeInstall;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      GlobalRouter.uninstall(this);
    } finally {
      harness.globalUninstalled(this);
    }
  }
}
