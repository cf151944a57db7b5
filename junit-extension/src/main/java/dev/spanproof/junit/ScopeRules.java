package dev.spanproof.junit;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.internal.OpenStacks;
import dev.spanproof.core.internal.ScopeTracking;
import dev.spanproof.core.internal.TrackedScope;
import dev.spanproof.core.internal.WatchedScopes;
import dev.spanproof.core.internal.WatchedScopes.LeftContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Strict context handling: every scope a test opens is closed, on its own thread, innermost first,
 * and no thread keeps the test's context after it. Watches the scopes through {@link
 * ScopeTracking}'s context storage wrapper, each check with its own {@link SpanPolicy}.
 */
final class ScopeRules {

  private static final Logger LOGGER = System.getLogger(TracingExtension.class.getName());

  /** What the extension logs, once per JVM, when it could not wrap the context storage. */
  static final String STORAGE_USED_FIRST =
      "spanproof could not watch scopes in this JVM: something used OpenTelemetry's context"
          + " storage before TracingExtension was loaded, and OpenTelemetry then ignores"
          + " ContextStorage.addWrapper. Open scopes, scopes closed on another thread or out of"
          + " order, and contexts left current are not reported. See docs/strict-mode.md.";

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private final ExtensionSettings settings;

  ScopeRules(ExtensionSettings settings) {
    this.settings = settings;
  }

  /**
   * Installs the storage wrapper; called when the extension class loads, before its tests use the
   * storage.
   */
  static ScopeTracking.Installation install() {
    return ScopeTracking.install();
  }

  /**
   * Starts watching the session's scopes, whichever checks are on: after the test, the test thread
   * gets back the context it had before, also when the test left scopes open.
   *
   * @param openStacks which scopes record where they were opened, shared by the harness's tests
   * @return the session's watched scopes, or null when scopes cannot be watched in this JVM
   */
  WatchedScopes watch(CaptureSession session, TestPolicies policies, OpenStacks openStacks) {
    if (ScopeTracking.install() == ScopeTracking.Installation.STORAGE_USED_FIRST) {
      if (policies.anyScopeCheckOn() && WARNED.compareAndSet(false, true)) {
        LOGGER.log(Level.WARNING, STORAGE_USED_FIRST);
      }
      return null;
    }
    return ScopeTracking.watch(session, openStacks);
  }

  /**
   * Stops watching the test's session and returns the reports whose policy makes them the test's
   * failure.
   */
  List<String> check(TestInProgress test) {
    WatchedScopes watched = test.scopes();
    if (watched == null) {
      return List.of();
    }
    try {
      return check(test.policies(), test.session().name(), watched);
    } finally {
      // The test thread runs the next test: it must not keep this one's context.
      watched.restoreThisThread();
      ScopeTracking.stopWatching(test.session());
    }
  }

  /**
   * One mistake often causes the next: a scope left open makes the outer scope close out of order,
   * and leaves its context current. Only the first is reported, when its own check is on.
   */
  private List<String> check(TestPolicies policies, String test, WatchedScopes scopes) {
    SpanPolicy openPolicy = policies.openScopes();
    SpanPolicy otherThreadPolicy = policies.scopesClosedOnAnotherThread();
    SpanPolicy outOfOrderPolicy = policies.scopesClosedOutOfOrder();
    SpanPolicy contextsLeftPolicy = policies.contextsLeftCurrent();
    List<TrackedScope> open =
        openPolicy == SpanPolicy.IGNORE ? List.of() : awaitClosed(test, scopes);
    List<TrackedScope> otherThread =
        otherThreadPolicy == SpanPolicy.IGNORE ? List.of() : scopes.closedOnAnotherThread();
    List<TrackedScope> closedOutOfOrder =
        outOfOrderPolicy == SpanPolicy.IGNORE ? List.of() : scopes.closedOutOfOrder();
    List<LeftContext> contextsLeft =
        contextsLeftPolicy == SpanPolicy.IGNORE ? List.of() : scopes.contextsLeftCurrent();
    if (open.isEmpty()
        && otherThread.isEmpty()
        && closedOutOfOrder.isEmpty()
        && contextsLeft.isEmpty()) {
      // What every clean test gets, after every test: answered without building anything.
      return List.of();
    }
    Set<TrackedScope> reported = new HashSet<>(open);
    reported.addAll(otherThread);
    reported.addAll(closedOutOfOrder);
    List<TrackedScope> outOfOrder =
        closedOutOfOrder.stream()
            .filter(scope -> !causedBy(scope.closedBefore(), reported))
            .toList();
    List<LeftContext> left =
        contextsLeft.stream().filter(kept -> !reported.contains(kept.madeCurrent())).toList();

    List<String> failures = new ArrayList<>();
    if (!open.isEmpty()) {
      SpanPolicyReporter.report(openPolicy, openScopesReport(test, open)).ifPresent(failures::add);
    }
    if (!otherThread.isEmpty()) {
      SpanPolicyReporter.report(otherThreadPolicy, otherThreadReport(test, otherThread))
          .ifPresent(failures::add);
    }
    if (!outOfOrder.isEmpty()) {
      SpanPolicyReporter.report(outOfOrderPolicy, outOfOrderReport(test, outOfOrder))
          .ifPresent(failures::add);
    }
    if (!left.isEmpty()) {
      SpanPolicyReporter.report(contextsLeftPolicy, contextsLeftReport(test, left))
          .ifPresent(failures::add);
    }
    return failures;
  }

  /**
   * Whether an out-of-order close was caused by another mistake: a scope opened after it and left
   * open (whatever that check's policy, a leak is not an ordering mistake), or one reported.
   */
  private static boolean causedBy(Optional<TrackedScope> inner, Set<TrackedScope> reported) {
    return inner.filter(scope -> !scope.isClosed() || reported.contains(scope)).isPresent();
  }

  /** Scopes closed on other threads shortly after the test are not leaks: wait for them too. */
  private List<TrackedScope> awaitClosed(String test, WatchedScopes scopes) {
    List<TrackedScope> open = scopes.openScopes();
    Duration gracePeriod = settings.gracePeriod();
    if (open.isEmpty() || gracePeriod.isZero()) {
      return open;
    }
    try {
      Awaitility.await("scopes of " + test + " to close")
          .atMost(gracePeriod)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(5))
          .until(() -> scopes.openScopes().isEmpty());
    } catch (ConditionTimeoutException stillOpen) {
      // Reported with the stacks where they were opened, which say more than the timeout.
    }
    return scopes.openScopes();
  }

  private String openScopesReport(String test, List<TrackedScope> open) {
    StringBuilder report =
        new StringBuilder(test)
            .append(" left ")
            .append(count(open.size(), "scope"))
            .append(" open (waited ")
            .append(settings.gracePeriod().toMillis())
            .append(" ms for ")
            .append(open.size() == 1 ? "it" : "them")
            .append(" to close):");
    for (TrackedScope scope : open) {
      appendScope(
          report,
          "scope of "
              + scope.spanDescription()
              + " was opened on thread ["
              + scope.openedOnThread()
              + "] and never closed",
          scope);
    }
    report.append(
        "\nEvery scope must be closed, typically with try-with-resources: an open scope leaves its"
            + " context current, and whatever runs next on that thread joins the test's trace.");
    return withStacksNote(report, open);
  }

  private static String otherThreadReport(String test, List<TrackedScope> scopes) {
    return closedWronglyReport(
        test,
        scopes,
        " on a thread other than the one that opened " + (scopes.size() == 1 ? "it:" : "them:"),
        scope ->
            "was opened on thread ["
                + scope.openedOnThread()
                + "] and closed on thread ["
                + scope.closedOnThread().orElse("?")
                + "]",
        "\nA scope restores the context of the thread that opened it: close it there, with"
            + " try-with-resources around the work on that thread, and hand the Context, not the"
            + " scope, to other threads.");
  }

  private static String outOfOrderReport(String test, List<TrackedScope> scopes) {
    return closedWronglyReport(
        test,
        scopes,
        " out of order:",
        scope ->
            "was closed on thread ["
                + scope.openedOnThread()
                + "] while a scope opened after it was still open",
        "\nScopes must be closed innermost first, as nested try-with-resources close them:"
            + " OpenTelemetry does not restore the context when an outer scope closes first.");
  }

  /**
   * A report of scopes the test closed, but wrongly: {@code how} ends the first line, each scope
   * gets a line saying what {@code happened} to it, and {@code advice} says how to close them.
   */
  private static String closedWronglyReport(
      String test,
      List<TrackedScope> scopes,
      String how,
      Function<TrackedScope, String> happened,
      String advice) {
    StringBuilder report =
        new StringBuilder(test)
            .append(" closed ")
            .append(count(scopes.size(), "scope"))
            .append(how);
    for (TrackedScope scope : scopes) {
      appendScope(
          report, "scope of " + scope.spanDescription() + " " + happened.apply(scope), scope);
    }
    report.append(advice);
    return withStacksNote(report, scopes);
  }

  private static String contextsLeftReport(String test, List<LeftContext> left) {
    StringBuilder report =
        new StringBuilder(test)
            .append(" left its context current on ")
            .append(count(left.size(), "thread"))
            .append(" after the test:");
    List<TrackedScope> scopes = new ArrayList<>();
    for (LeftContext context : left) {
      TrackedScope scope = context.madeCurrent();
      if (scope == null) {
        report
            .append("\n  thread [")
            .append(context.threadName())
            .append("] still has the test's context current");
        continue;
      }
      scopes.add(scope);
      appendScope(
          report,
          "thread ["
              + context.threadName()
              + "] still has the context of "
              + scope.spanDescription()
              + " current",
          scope);
    }
    report.append(
        "\nA pooled thread that keeps a test's context runs its next task inside that test's"
            + " trace: every scope opened on it must be closed, innermost first.");
    return withStacksNote(report, scopes);
  }

  private static void appendScope(StringBuilder report, String line, TrackedScope scope) {
    report.append("\n  ").append(line);
    Optional<List<StackTraceElement>> stack = scope.openStack();
    if (stack.isPresent()) {
      Optional<String> sharedFrom = scope.sharedOpenStackSession();
      if (sharedFrom.isPresent()) {
        report
            .append("; its own opening stack was not recorded, the first scope that made a span of")
            .append(" its name current (in ")
            .append(sharedFrom.get())
            .append(") was opened at:");
      } else {
        report.append(", opened at:");
      }
      StartStackFrames.appendTo(report, stack.get());
    }
  }

  private static String withStacksNote(StringBuilder report, List<TrackedScope> scopes) {
    // The runner's own scope never has a stack: stacks are not off because of it.
    if (scopes.stream().anyMatch(scope -> scope.sharedOpenStackSession().isPresent())) {
      report.append("\n").append(StartStackFrames.ONE_STACK_PER_NAME);
    }
    if (scopes.stream().anyMatch(scope -> !scope.isRunnersScope() && scope.openStack().isEmpty())) {
      report.append("\n").append(StartStackFrames.STACKS_OFF);
    }
    return report.toString();
  }

  private static String count(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
