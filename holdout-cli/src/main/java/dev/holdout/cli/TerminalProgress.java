package dev.holdout.cli;

import dev.holdout.base.Format;
import dev.holdout.evaluation.Progress;
import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;

/**
 * Progress on an interactive terminal: silent for the first 1.5 seconds, then one line rewritten in
 * place on standard error. Quiet when output is redirected or the CI variable is set.
 */
final class TerminalProgress implements Progress {
  private static final long QUIET_MILLIS = 1500;
  private final PrintWriter err;
  private final long start = System.currentTimeMillis();
  private volatile boolean shown;

  private TerminalProgress(PrintWriter err) {
    this.err = err;
  }

  /** A progress line on {@code err} where a person is watching, else {@link Progress#NONE}. */
  static Progress forThisTerminal(PrintWriter err) {
    return forTerminal(interactive(), err);
  }

  static Progress forTerminal(boolean interactive, PrintWriter err) {
    return interactive ? new TerminalProgress(err) : Progress.NONE;
  }

  /**
   * True when a person is at a terminal. Up to Java 21 {@link System#console()} is null once input
   * or output is redirected; from Java 22 it is not, and {@code Console.isTerminal()} tells.
   */
  static boolean interactive() {
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
    show(phase + ": " + Format.count(rows) + " rows");
  }

  @Override
  public void step(String phase, int done, int total) {
    show(phase + ": " + done + " of " + total + " views");
  }

  @Override
  public synchronized void done() {
    if (shown) {
      err.print("\r\033[K");
      err.flush();
      shown = false;
    }
  }

  private synchronized void show(String line) {
    if (System.currentTimeMillis() - start < QUIET_MILLIS) return;
    err.print("\r\033[K" + line);
    err.flush();
    shown = true;
  }
}
