package dev.spanproof.junit.internal;

import dev.spanproof.core.internal.ScopeTracking;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs spanproof's context storage wrapper when the JUnit Platform opens a launcher session,
 * before any test class runs, so that a test class without the extension that uses the context
 * first cannot keep strict mode out. Registered through {@code META-INF/services}; the JUnit
 * Platform (Surefire, Gradle, IDEs) loads it. Not public API.
 */
public final class ScopeTrackingInstaller implements LauncherSessionListener {

  /** Created by the JUnit Platform's service loader. */
  public ScopeTrackingInstaller() {}

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    ScopeTracking.install();
  }
}
