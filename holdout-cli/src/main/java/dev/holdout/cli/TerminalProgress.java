package dev.holdout.cli;

import dev.holdout.evaluation.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on an interactive terminal: silent for the first 1.5 seconds, then one line rewritten in
 * place on standard error. Quiet when output is redirected or the CI variable is set.
 */
final class TerminalProgress implements Progress {
  private static final long QUIET_MILLIS = 1500;
  private final PrintStream err;
  private final long start = System.currentTimeMillis();
  private volatile boolean shown;

  private TerminalProgress(PrintStream err) {
    this.err = err;
  }

  /** A terminal progress line where a person is watching, else {@link Progress#NONE}. */
  static Progress forThisTerminal() {
    boolean interactive = System.console() != null && System.getenv("CI") == null;
    return interactive ? new TerminalProgress(System.err) : Progress.NONE;
  }

  @Override
  public void rows(String phase, long rows) {
    show(String.format(Locale.ROOT, "%s: %,d rows", phase, rows));
  }

  @Override
  public void step(String phase, int done, int total) {
    show(String.format(Locale.ROOT, "%s: %d of %d views", phase, done, total));
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
