package dev.holdout.cli;

import dev.holdout.base.Format;
import dev.holdout.base.Progress;
import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;

/**
 * Progress on an interactive terminal: silent for the first 1.5 seconds, then one line rewritten in
 * place on standard error, with a rate and, where the total is known, an estimate of the time left.
 * Quiet when output is redirected or the CI variable is set, so it never mixes with JSON on stdout.
 */
final class TerminalProgress implements Progress {
  private static final long QUIET_MILLIS = 1500;
  /** System property: "always" shows progress from the start whatever the output is (for tests and screen recordings), "never" hides it. */
  static final String FORCE = "holdout.progress";
  private final PrintWriter err;
  private final Clock clock;
  private final long start;
  private final long quietMillis;
  private volatile boolean shown;
  private String phase;
  private long phaseStart;

  /** Milliseconds now; a test gives its own. */
  interface Clock {
    long millis();
  }

  private TerminalProgress(PrintWriter err, Clock clock, long quietMillis) {
    this.err = err;
    this.clock = clock;
    this.start = clock.millis();
    this.quietMillis = quietMillis;
  }

  /** A progress line on {@code err} where a person is watching, else {@link Progress#NONE}. */
  static Progress forThisTerminal(PrintWriter err) {
    return forTerminal(interactive(), err);
  }

  static Progress forTerminal(boolean interactive, PrintWriter err) {
    if (!interactive) return Progress.NONE;
    return new TerminalProgress(err, System::currentTimeMillis, "always".equals(System.getProperty(FORCE)) ? 0 : QUIET_MILLIS);
  }

  /** Shows from the first call, on {@code clock}: for tests of what the line says. */
  static TerminalProgress showingAt(PrintWriter err, Clock clock) {
    return new TerminalProgress(err, clock, 0);
  }

  /**
   * True when a person is at a terminal. Up to Java 21 {@link System#console()} is null once input
   * or output is redirected; from Java 22 it is not, and {@code Console.isTerminal()} tells.
   */
  static boolean interactive() {
    String forced = System.getProperty(FORCE);
    if ("always".equals(forced)) return true;
    if ("never".equals(forced)) return false;
    if (System.getenv("CI") != null) return false;
    Console console = System.console();
    if (console == null) return false;
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void rows(String phase, long rows) {
    double seconds = secondsIn(phase);
    show(phase + ": " + Format.count(rows, "row") + rate(rows, seconds));
  }

  @Override
  public void step(String phase, int done, int total) {
    count(phase, done, total, "views");
  }

  @Override
  public void count(String phase, long done, long total, String unit) {
    double seconds = secondsIn(phase);
    String left = "";
    double remaining = done > 0 ? (total - done) * seconds / done : 0;
    if (done < total && remaining >= 1) left = ", about " + Format.duration(remaining) + " left";
    show(phase + ": " + Format.count(done) + " of " + Format.count(total) + " " + unit + rate(done, seconds) + left);
  }

  @Override
  public void phase(String phase) {
    secondsIn(phase);
    show(phase + "...");
  }

  @Override
  public synchronized void done() {
    if (shown) {
      err.print("\r\033[K");
      err.flush();
      shown = false;
    }
  }

  /** Seconds since {@code phase} began; a new phase starts the clock again. */
  private synchronized double secondsIn(String name) {
    long now = clock.millis();
    if (!name.equals(phase)) {
      phase = name;
      phaseStart = now;
    }
    return (now - phaseStart) / 1000.0;
  }

  private static String rate(long done, double seconds) {
    return seconds >= 1 && done > 0 ? " (" + Format.count(Math.round(done / seconds)) + "/s)" : "";
  }

  private synchronized void show(String line) {
    if (clock.millis() - start < quietMillis) return;
    err.print("\r\033[K" + line);
    err.flush();
    shown = true;
  }
}
