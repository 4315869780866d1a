package dev.holdout.audit;

import static dev.holdout.audit.Findings.pct;

import java.util.ArrayList;
import java.util.List;

/**
 * Date columns whose values fall after the row's time (the moment of prediction) were recorded
 * after it: a closing date, a refund date. A model fed them reads the outcome. A blocker when at
 * least {@link #AFTER_TIME_SHARE} of a date column's dated rows in the {@link LeakageSample} are
 * later than the time column; a column is dated when most of its present sampled values are dates
 * (yyyy-MM-dd, as {@link TimeCoverage} reads them).
 */
final class AfterTimeCheck {
  /** Share of a date column's rows dated after the time column above which it is a leak suspect. */
  static final double AFTER_TIME_SHARE = 0.01;
  /** Sampled rows that decide whether a column holds dates. */
  private static final int TYPING_ROWS = 1000;

  private AfterTimeCheck() {}

  /** Checks the sample's features {@code names} against its feature {@code timeK}, the time column {@code time}. */
  static void check(LeakageSample sample, List<String> names, int timeK, String time, Findings out) {
    int n = sample.size();
    long[] at = new long[n];
    String[] times = sample.column(timeK);
    for (int i = 0; i < n; i++) at[i] = times[i] == null ? Long.MIN_VALUE : TimeCoverage.epochDay(times[i].strip());
    for (int k = 0; k < names.size(); k++) {
      if (k == timeK || !mostlyDates(sample, k, Math.min(n, TYPING_ROWS))) continue;
      long dated = 0;
      long after = 0;
      List<String> examples = new ArrayList<>();
      String[] values = sample.column(k);
      for (int i = 0; i < n; i++) {
        String v = values[i];
        if (v == null || at[i] == Long.MIN_VALUE) continue;
        long day = TimeCoverage.epochDay(v.strip());
        if (day == Long.MIN_VALUE) continue;
        dated++;
        if (day > at[i]) {
          after++;
          if (examples.size() < Findings.EXAMPLES) examples.add(v.strip() + " after " + times[i].strip());
        }
      }
      String name = names.get(k);
      // A column is dated when most of its present sampled values are dates.
      long present = 0;
      for (int i = 0; i < n; i++) if (values[i] != null) present++;
      if (dated * 2 < present || after == 0) continue;
      double share = after / (double) dated;
      if (share >= AFTER_TIME_SHARE) {
        out.add(Severity.BLOCKER, "leakage.after_time", name, "column '" + name + "' holds dates after '" + time + "' in " + pct(share) + " of its "
            + dated + " dated rows: recorded after the moment of prediction", examples,
            "remove it from the inputs vendors see, or keep only values known at '" + time + "'");
      }
    }
  }

  /** Whether most present values among the first {@code rows} sampled rows of feature {@code k} are dates. */
  private static boolean mostlyDates(LeakageSample sample, int k, int rows) {
    int present = 0;
    int dated = 0;
    for (int i = 0; i < rows; i++) {
      String v = sample.value(i, k);
      if (v == null) continue;
      present++;
      if (TimeCoverage.epochDay(v.strip()) != Long.MIN_VALUE) dated++;
    }
    return present > 0 && dated * 2 >= present;
  }
}
