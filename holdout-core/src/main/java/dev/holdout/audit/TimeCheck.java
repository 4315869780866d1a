package dev.holdout.audit;

import dev.holdout.base.Format;
import dev.holdout.data.Values;
import java.util.List;

/**
 * Findings on the time column's coverage ({@link TimeCoverage}): values that are not dates and
 * periods without rows (warnings), and periods holding more than {@link TimeCoverage#BURST} times
 * the median rows (info).
 */
final class TimeCheck {
  private TimeCheck() {}

  /** Checks the coverage {@code t} of time column {@code time}; returns it. */
  static TimeCoverage.Result check(TimeCoverage.Result t, String time, Findings out) {
    if (t.unreadable() > 0) {
      out.add(Severity.WARNING, "time.unreadable", time, t.unreadable() + " values are not dates (yyyy-MM-dd), first " + t.firstUnreadable(), List.of(),
          "write dates as yyyy-MM-dd");
    }
    if (!t.gaps().isEmpty()) {
      List<String> shown = t.gaps().stream().limit(Findings.EXAMPLES).toList();
      out.add(Severity.WARNING, "time.gaps", time, t.gaps().size() + " " + t.unit() + "s between " + t.first() + " and " + t.last() + " have no rows: "
          + Values.sample(shown, t.gaps().size()), shown,
          "find out whether data is missing for these periods; the evaluation says nothing about them");
    }
    if (!t.bursts().isEmpty()) {
      out.add(Severity.INFO, "time.bursts", time, t.bursts().size() + " " + t.unit() + "s hold more than " + Format.plain(TimeCoverage.BURST)
          + " times the median rows: " + String.join(", ", t.bursts().stream().limit(Findings.EXAMPLES).map(b -> b.start() + " (" + b.rows() + ")").toList()),
          List.of(), "check for a backfill or a duplicated load; bursts weigh those periods heavily");
    }
    return t;
  }

  /**
   * The order of the two periods: a model is used on days after those it learned from, so its
   * evaluation should be too. A warning when the evaluation set's first date is not after the
   * training file's last: rows of the training period make a model look better than it will be.
   */
  static void order(TimeCoverage.Result train, TimeCoverage.Result eval, String time, String trainFile, Findings out) {
    if (train.first() == null || eval.first() == null) return;
    String trainPeriod = train.first() + " to " + train.last();
    String evalPeriod = eval.first() + " to " + eval.last();
    if (eval.first().compareTo(train.last()) > 0) {
      out.add(Severity.INFO, "time.order", time, "the evaluation period (" + evalPeriod + ") comes after the training period (" + trainPeriod
          + ", " + trainFile + ")", List.of(), "nothing to do: the evaluation looks forward as the model will");
      return;
    }
    boolean before = eval.last().compareTo(train.first()) < 0;
    out.add(Severity.WARNING, "time.order", time, "the evaluation period (" + evalPeriod + ") " + (before ? "comes before" : "overlaps")
        + " the training period (" + trainPeriod + ", " + trainFile + ")", List.of(),
        "evaluate on rows dated after the last training row, as the model will be used; rows from the training period make it look better than it will be");
  }
}
