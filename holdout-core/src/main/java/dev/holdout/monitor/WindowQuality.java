package dev.holdout.monitor;

import dev.holdout.base.Format;
import dev.holdout.base.Missing;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.drift.CategoricalSketch;
import dev.holdout.drift.NumericSketch;
import dev.holdout.drift.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checks of a window that are not drift or performance: data quality per column against the
 * reference, the window's volume, and the {@code retrain} alert. Data quality (kind {@code
 * data_quality}, subject {@code COLUMN/check}):
 *
 * <ul>
 *   <li>{@code missing}: the window's share of missing values is above the reference's by more than
 *       {@value #MISSING_RISE} and than 3 binomial standard errors of the window's size;
 *   <li>{@code out_of_domain}: more than {@value #OUT_OF_DOMAIN} of the window's values (and at least
 *       5 of them) are categories the reference never had, or numbers outside the reference's range
 *       (the bar rises to 5/(n+1) for a reference of n values, a few times the share a range of n
 *       values leaves out by chance);
 *   <li>{@code constant}: a column the reference has several values in holds one value on at least
 *       {@value #MIN_VALUES} rows of the window: a silent upstream change (a default filled in, a
 *       feature frozen), which the drift verdict misses when it is one column of several (the verdict
 *       counts the share of drifted columns).
 * </ul>
 *
 * Volume (kind {@code volume}): the window's row count leaves mean ± 3 standard deviations of the
 * reference's own windows (the reference cut by the log's time column into calendar windows like
 * the log's, the partial first and last left out when at least four remain: {@link
 * ReferenceThresholds}), or the bounds the suite's monitor section fixes ({@code volume: {min, max}}).
 * A reference that is a sample of its period's traffic, not all of it, gives counts too small: fix
 * the bounds then. Row windows have no volume check. {@code retrain}: once per window, when a
 * criterion's bar is crossed by the realized ({@code performance}) or estimated ({@code
 * estimated_performance}) metric. Thread-safe: the judging thread inspects, the report's thread
 * asks for alerts.
 */
final class WindowQuality {
  /** The smallest rise of the missing share that alerts. */
  static final double MISSING_RISE = 0.05;
  /** The smallest share of out-of-domain values that alerts. */
  static final double OUT_OF_DOMAIN = 0.01;
  /** Values a window needs before a column's quality is judged. */
  static final long MIN_VALUES = 30;

  private final Profile reference;
  private final String label;
  private final ReferenceThresholds volume;
  private final Double volumeMin;
  private final Double volumeMax;
  private final Map<String, List<MonitorReport.Alert>> found = new ConcurrentHashMap<>();

  private WindowQuality(Profile reference, String label, ReferenceThresholds volume, Double volumeMin, Double volumeMax) {
    this.reference = reference;
    this.label = label;
    this.volume = volume;
    this.volumeMin = volumeMin;
    this.volumeMax = volumeMax;
  }

  /** Checks nothing (no data quality, no volume), but still raises {@code retrain}. */
  static WindowQuality none() {
    return new WindowQuality(null, null, null, null, null);
  }

  /**
   * The checks against {@code reference}; the volume band from the suite's {@code section} when it
   * fixes one, else from the reference file's own windows by {@code timeColumn} (none for row
   * windows or when the reference lacks the column; a note says so).
   */
  static WindowQuality of(ReferenceProfile reference, Path referenceFile, String timeColumn, WindowSpec spec, MonitorSection section, String label,
      List<String> notes) {
    Double min = section == null ? null : section.volumeMin();
    Double max = section == null ? null : section.volumeMax();
    ReferenceThresholds band = null;
    if (min == null && max == null && spec.calendar() && timeColumn != null) {
      double[] counts = windowCounts(referenceFile, timeColumn, spec);
      if (counts.length >= 2) band = ReferenceThresholds.of(counts, 0, Double.POSITIVE_INFINITY);
      else notes.add("volume is not checked: the reference has " + counts.length + " full window(s) by '" + timeColumn + "'; fix the bounds with "
          + "monitor: {volume: {min: N, max: N}} in the suite");
    }
    return new WindowQuality(reference.profile(), label, band, min, max);
  }

  /** Rows per calendar window of the reference by its time column (empty when it has none), the partial first and last left out when four remain. */
  static double[] windowCounts(Path file, String timeColumn, WindowSpec spec) {
    TreeMap<Long, Long> counts = new TreeMap<>();
    try (RecordReader r = RecordReaders.open(file)) {
      int col = r.header().indexOf(timeColumn);
      if (col < 0) return new double[0];
      while (r.next()) {
        CharSequence t = r.text(col);
        if (Missing.is(t)) continue;
        long at = Timestamps.parse(t);
        if (at == Timestamps.INVALID) continue;
        counts.merge(spec.key(at), 1L, Long::sum);
      }
    }
    if (counts.isEmpty()) return new double[0];
    long first = counts.firstKey();
    long last = counts.lastKey();
    if (last - first + 1 >= 4) {
      first++;
      last--;
    }
    double[] out = new double[(int) (last - first + 1)];
    for (long k = first; k <= last; k++) out[(int) (k - first)] = counts.getOrDefault(k, 0L);
    return out;
  }

  /** Inspects a closed window's columns (flushed) and keeps its data-quality alerts for {@link #alerts}. */
  void inspect(String window, Profile w) {
    if (reference == null) return;
    List<MonitorReport.Alert> out = new ArrayList<>();
    List<String> names = reference.names();
    for (int i = 0; i < names.size(); i++) {
      String column = names.get(i);
      if (column.equals(label)) continue;
      long refMissing;
      long refValues;
      long missing;
      long values;
      if (reference.numeric(i)) {
        NumericSketch ref = reference.numbers(i);
        NumericSketch cur = w.numbers(i);
        refMissing = ref.missing();
        refValues = ref.count();
        missing = cur.missing();
        values = cur.count();
        if (values >= MIN_VALUES && refValues > 0) {
          double share = cur.shareOutside(ref.min(), ref.max());
          double bar = Math.max(OUT_OF_DOMAIN, 5.0 / (refValues + 1));
          if (share > bar && share * values >= 5) {
            out.add(alert(window, column, "out_of_domain", share, bar, Format.percent(share) + " of " + column + " is outside the reference's range "
                + Format.interval(ref.min(), ref.max()) + " (bar " + Format.percent(bar) + ")"));
          }
          boolean refSeveral = !ref.fewValues() || ref.distinctValues().length > 1;
          if (refSeveral && cur.fewValues() && cur.distinctValues().length == 1) {
            out.add(alert(window, column, "constant", (double) values, null, column + " is constant (" + Format.number(cur.distinctValues()[0])
                + " on all " + Format.count(values) + " values) where the reference has many values: a silent upstream change?"));
          }
        }
      } else {
        CategoricalSketch ref = reference.categories(i);
        CategoricalSketch cur = w.categories(i);
        refMissing = ref.missing();
        refValues = ref.count();
        missing = cur.missing();
        values = cur.count();
        if (values >= MIN_VALUES && refValues > 0 && ref.isExact()) {
          List<String> known = ref.categories();
          List<String> unseen = new ArrayList<>();
          long unseenRows = 0;
          for (String c : cur.categories()) {
            if (known.contains(c)) continue;
            unseen.add(c);
            unseenRows += cur.estimate(c);
          }
          double share = (double) unseenRows / values;
          if (share > OUT_OF_DOMAIN && unseenRows >= 5) {
            unseen.sort(null);
            out.add(alert(window, column, "out_of_domain", share, OUT_OF_DOMAIN, Format.percent(share) + " of " + column + " are categories the reference "
                + "never had: " + String.join(", ", unseen.subList(0, Math.min(5, unseen.size()))) + (unseen.size() > 5 ? ", ..." : "")));
          }
          List<String> present = cur.categories();
          if (known.size() > 1 && cur.isExact() && present.size() == 1) {
            out.add(alert(window, column, "constant", (double) values, null, column + " is constant ('" + present.get(0) + "' on all "
                + Format.count(values) + " values) where the reference has " + known.size() + " categories: a silent upstream change?"));
          }
        }
      }
      long refRows = refMissing + refValues;
      long rows = missing + values;
      if (refRows > 0 && rows >= MIN_VALUES) {
        double p = (double) refMissing / refRows;
        double share = (double) missing / rows;
        double bar = p + Math.max(MISSING_RISE, 3 * Math.sqrt(p * (1 - p) / rows));
        if (share > bar) {
          out.add(alert(window, column, "missing", share, bar, Format.percent(share) + " of " + column + " is missing, against "
              + Format.percent(p) + " in the reference (bar " + Format.percent(bar) + ")"));
        }
      }
    }
    found.put(window, out);
  }

  private static MonitorReport.Alert alert(String window, String column, String check, Double observed, Double threshold, String sentence) {
    return new MonitorReport.Alert(window, "data_quality", column + "/" + check, observed, threshold, window + ": data quality: " + sentence);
  }

  /** The window's data-quality alerts (from {@link #inspect}), its volume alert, and {@code retrain} when {@code raised} holds a crossed bar. */
  List<MonitorReport.Alert> alerts(MonitorReport.WindowResult w, List<MonitorReport.Alert> raised) {
    List<MonitorReport.Alert> out = new ArrayList<>();
    List<MonitorReport.Alert> quality = found.remove(w.label());
    if (quality != null) out.addAll(quality);
    boolean fixed = volumeMin != null || volumeMax != null;
    double low = fixed ? (volumeMin == null ? Double.NEGATIVE_INFINITY : volumeMin) : volume != null ? volume.lower() : Double.NEGATIVE_INFINITY;
    double high = fixed ? (volumeMax == null ? Double.POSITIVE_INFINITY : volumeMax) : volume != null ? volume.upper() : Double.POSITIVE_INFINITY;
    if (!w.empty() && (w.rows() < low || w.rows() > high) || w.empty() && low > 0) {
      boolean under = w.rows() < low;
      String source = !fixed
          ? " (mean ± 3 sd of " + Format.count(volume.chunks(), "reference window") + ", mean " + Format.count(volume.mean()) + ")"
          : " (the suite's monitor.volume)";
      out.add(new MonitorReport.Alert(w.label(), "volume", "rows", (double) w.rows(), under ? low : high, w.label() + ": volume: "
          + Format.count(w.rows(), "row") + ", " + (under ? "below " + Format.count(low) : "above " + Format.count(high)) + source));
    }
    for (MonitorReport.Alert a : raised) {
      if (!a.kind().equals("performance") && !a.kind().equals("estimated_performance")) continue;
      out.add(new MonitorReport.Alert(w.label(), "retrain", a.subject(), a.observed(), a.threshold(), w.label() + ": retrain: "
          + (a.kind().equals("performance") ? "realized " : "estimated ") + a.subject() + " crossed the suite's bar (" + WindowJudge.fmt(a.observed())
          + " against " + WindowJudge.fmt(a.threshold()) + ")"));
      break;
    }
    return out;
  }
}
