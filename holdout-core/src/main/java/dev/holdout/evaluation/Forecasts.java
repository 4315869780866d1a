package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.IdColumn;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A forecasting evaluation set: one row per forecast the vendor owes (a series, an origin and a
 * period of the evaluation set at most {@code forecast.horizon} periods after the origin), ordered
 * by series, origin and period, with what the buyer's naive rules would have forecast and each
 * series' MASE scale. Both come from what was known at the origin: the history and the evaluation
 * set's periods up to the origin.
 *
 * <p>The bootstrap resamples series: errors of one series are autocorrelated across periods, and
 * the forecasts of overlapping backtest origins share actual values, so a series moves as a whole.
 * A view that holds one series (a single-series suite, or one series' slice) resamples
 * non-overlapping blocks of ceil(n^(1/3)) consecutive target periods instead (Carlstein 1986).
 */
final class Forecasts {
  /** The name of the bootstrap's unit for a single series. */
  static final String BLOCKS = "block of periods";
  /** Each forecast's MASE scale: its series' in-sample seasonal naive MAE on the history; NaN where undefined. */
  final double[] scale;
  /** The baseline's forecast of each row (naive or seasonal naive). */
  final double[] baseline;
  /** Each forecast's block of consecutive target periods within its series: the unit of a one-series view. */
  final int[] blocks;
  /** The key of each forecast: (series * periods + origin) * periods + period. */
  final Map<Long, Integer> rowOfKey;
  final Map<String, Integer> seriesCode;
  final Periods periods;
  final int[] originIndex;
  final String baselineName;

  private Forecasts(double[] scale, double[] baseline, int[] blocks, Map<Long, Integer> rowOfKey, Map<String, Integer> seriesCode,
      Periods periods, int[] originIndex, String baselineName) {
    this.scale = scale;
    this.baseline = baseline;
    this.blocks = blocks;
    this.rowOfKey = rowOfKey;
    this.seriesCode = seriesCode;
    this.periods = periods;
    this.originIndex = originIndex;
    this.baselineName = baselineName;
  }

  long key(int series, int origin, int period) {
    long p = periods.size();
    return (series * p + origin) * p + period;
  }

  /** The actual values of one file: series, time and value per row, with its lines. */
  private record Table(Path path, List<String> series, List<String> time, double[] y, int[] lines, Groupings groupings) {}

  static EvaluationSet loadSet(Suite suite, Progress progress) {
    Suite.Forecast f = suite.forecast();
    Table history = read(suite, f.history(), false, progress);
    Table actuals = read(suite, suite.data().path(), true, progress);
    List<String> allTimes = new ArrayList<>(history.time());
    allTimes.addAll(actuals.time());
    Periods periods = Periods.of(allTimes);
    TreeSet<String> names = new TreeSet<>(history.series());
    names.addAll(actuals.series());
    List<String> seriesNames = List.copyOf(names);
    Map<String, Integer> seriesCode = new HashMap<>();
    for (String s : seriesNames) seriesCode.put(s, seriesCode.size());
    int p = periods.size();
    Map<Long, Double> known = new HashMap<>();
    Map<Long, Integer> lineOf = new HashMap<>();
    int lastHistory = -1;
    int[][] at = new int[2][];
    Table[] tables = {history, actuals};
    for (int k = 0; k < 2; k++) {
      Table t = tables[k];
      at[k] = new int[t.y().length];
      for (int i = 0; i < t.y().length; i++) {
        int s = seriesCode.get(t.series().get(i));
        int idx = periods.indexOf(t.time().get(i));
        at[k][i] = idx;
        if (k == 0) lastHistory = Math.max(lastHistory, idx);
        long key = (long) s * p + idx;
        Integer earlier = lineOf.putIfAbsent(key, k == 0 ? -t.lines()[i] : t.lines()[i]);
        if (earlier != null) {
          String where = earlier < 0 ? history.path() + " line " + -earlier : actuals.path() + " line " + earlier;
          throw new HoldoutException.BadData(t.path() + " line " + t.lines()[i] + ": " + describe(f, t.series().get(i), t.time().get(i))
              + " already has an actual value on " + where + "; give each series one value per period"
              + (earlier < 0 && k == 1 ? " (the evaluation set's periods come after the history)" : ""));
        }
        known.put(key, t.y()[i]);
      }
    }
    int[] origins = origins(suite, periods, lastHistory, history.path());
    int season = f.season();
    double[] seriesScale = new double[seriesNames.size()];
    for (int s = 0; s < seriesScale.length; s++) seriesScale[s] = scale(history, at[0], seriesCode, s, season);

    // actual rows by series, then period
    Integer[] order = new Integer[actuals.y().length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> {
      int c = Integer.compare(seriesCode.get(actuals.series().get(a)), seriesCode.get(actuals.series().get(b)));
      return c != 0 ? c : Integer.compare(at[1][a], at[1][b]);
    });
    boolean seasonal = suite.baseline().kind() == Suite.Baseline.Kind.SEASONAL_NAIVE;
    List<int[]> rows = new ArrayList<>();
    int[] perOrigin = new int[origins.length];
    int start = 0;
    while (start < order.length) {
      int s = seriesCode.get(actuals.series().get(order[start]));
      int end = start;
      while (end < order.length && seriesCode.get(actuals.series().get(order[end])) == s) end++;
      for (int k = 0; k < origins.length; k++) {
        for (int j = start; j < end; j++) {
          int h = at[1][order[j]] - origins[k];
          if (h < 1 || (f.horizon() > 0 && h > f.horizon())) continue;
          rows.add(new int[] {order[j], s, k, h});
          perOrigin[k]++;
        }
      }
      start = end;
    }
    for (int k = 0; k < origins.length; k++) {
      if (perOrigin[k] == 0) {
        throw new HoldoutException.BadSuite(suite.file() + ", forecast.origins: origin '" + periods.label(origins[k]) + "' has no period of "
            + actuals.path().getFileName() + " after it" + (f.horizon() > 0 ? " within the horizon " + f.horizon() : "")
            + "; an origin is the last period a forecast knew, so name one before the evaluation set's periods");
      }
    }
    int n = rows.size();
    double[] actual = new double[n];
    double[] scale = new double[n];
    double[] base = new double[n];
    int[] lines = new int[n];
    int[] actualRow = new int[n];
    int[] seriesOf = new int[n];
    int[] horizonOf = new int[n];
    int[] originOf = new int[n];
    int[] periodOf = new int[n];
    IdColumn ids = new IdColumn();
    Map<Long, Integer> rowOfKey = new HashMap<>();
    Forecasts partial = new Forecasts(null, null, null, null, seriesCode, periods, origins, null);
    for (int i = 0; i < n; i++) {
      int[] r = rows.get(i);
      int a = r[0];
      actualRow[i] = a;
      seriesOf[i] = r[1];
      originOf[i] = r[2];
      horizonOf[i] = r[3];
      periodOf[i] = at[1][a];
      actual[i] = actuals.y()[a];
      lines[i] = actuals.lines()[a];
      scale[i] = seriesScale[r[1]];
      int o = origins[r[2]];
      ids.add(describe(f, seriesNames.get(r[1]), actuals.time().get(a)) + " from origin " + periods.label(o));
      rowOfKey.put(partial.key(r[1], o, periodOf[i]), i);
      base[i] = seasonal ? seasonalNaive(known, p, r[1], periodOf[i], o, season, f, seriesNames, periods, history.path())
          : naive(known, p, r[1], o, f, seriesNames, periods, history.path());
    }

    List<EvaluationSet.Slice> slices = new ArrayList<>();
    for (EvaluationSet.Slice s : actuals.groupings().slices()) slices.add(new EvaluationSet.Slice(s.column(), s.groups(), TaskModel.pick(s.groupOf(), actualRow)));
    slices.add(numbered("horizon", horizonOf));
    if (origins.length > 1) {
      List<String> labels = new ArrayList<>();
      for (int o : origins) labels.add(periods.label(o));
      slices.add(new EvaluationSet.Slice("origin", List.copyOf(labels), originOf));
    }
    boolean listed = f.series() != null && suite.data().slices().contains(f.series());
    if (f.series() != null && seriesNames.size() > 1 && !listed) slices.add(new EvaluationSet.Slice(f.series(), seriesNames, seriesOf));
    int[] blocks = blocks(seriesOf, periodOf);
    String groupColumn;
    if (seriesNames.size() > 1) {
      groupColumn = f.series();
      slices.add(new EvaluationSet.Slice(groupColumn, seriesNames, seriesOf));
    } else {
      groupColumn = BLOCKS;
      int count = Arrays.stream(blocks).max().orElse(0) + 1;
      List<String> blockNames = new ArrayList<>();
      for (int b = 0; b < count; b++) blockNames.add("block " + (b + 1));
      slices.add(new EvaluationSet.Slice(groupColumn, List.copyOf(blockNames), blocks));
    }
    String baselineName = seasonal
        ? "seasonal naive: each forecast repeats the value one season (" + season + " periods) earlier, from before the origin"
        : "naive: each forecast repeats the value at the origin";
    EvaluationSet set = EvaluationSet.forForecasts(suite.data().path(), RecordReaders.sha256(suite.data().path()), n, ids, lines, actual,
        slices, groupColumn);
    set.forecasts = new Forecasts(scale, base, blocks, rowOfKey, seriesCode, periods, origins, baselineName);
    return set;
  }

  /** The origins as period indexes, ascending: the suite's, or the last period of the history. */
  private static int[] origins(Suite suite, Periods periods, int lastHistory, Path history) {
    Suite.Forecast f = suite.forecast();
    if (f.origins().isEmpty()) {
      if (lastHistory < 0) throw new HoldoutException.BadData(history + ": has a header but no rows; the history needs the actual values before the forecasts");
      return new int[] {lastHistory};
    }
    int[] out = new int[f.origins().size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = periods.indexOf(f.origins().get(k));
      if (out[k] < 0) {
        throw new HoldoutException.BadSuite(suite.file() + ", forecast.origins: '" + f.origins().get(k) + "' is not a period of the history or the evaluation set"
            + " (periods run from '" + periods.label(0) + "' to '" + periods.label(periods.size() - 1) + "'); write it as the time column does");
      }
    }
    Arrays.sort(out);
    return out;
  }

  /**
   * A series' in-sample MAE of the seasonal naive forecast on the history: the mean of
   * |y[t] - y[t - season]| over the history's periods t whose value a season earlier is also in
   * the history (Hyndman and Koehler 2006); NaN when there is no such pair, 0 for a series that
   * repeats itself exactly.
   */
  private static double scale(Table history, int[] period, Map<String, Integer> seriesCode, int series, int season) {
    Map<Integer, Double> y = new HashMap<>();
    for (int i = 0; i < history.y().length; i++) if (seriesCode.get(history.series().get(i)) == series) y.put(period[i], history.y()[i]);
    double sum = 0;
    int pairs = 0;
    for (var e : y.entrySet()) {
      Double before = y.get(e.getKey() - season);
      if (before == null) continue;
      sum += Math.abs(e.getValue() - before);
      pairs++;
    }
    return pairs == 0 ? Double.NaN : sum / pairs;
  }

  /** The value at the origin, or at the last period before it that the series has. */
  private static double naive(Map<Long, Double> known, int p, int s, int origin, Suite.Forecast f, List<String> series, Periods periods, Path history) {
    for (int t = origin; t >= 0; t--) {
      Double v = known.get((long) s * p + t);
      if (v != null) return v;
    }
    throw new HoldoutException.BadData(history + ": " + describe(f, series.get(s), periods.label(origin)) + " has no actual value at or before"
        + " the origin, so the naive baseline has nothing to repeat; add the series' history");
  }

  /** The value one or more whole seasons before the period, at or before the origin. */
  private static double seasonalNaive(Map<Long, Double> known, int p, int s, int period, int origin, int season, Suite.Forecast f,
      List<String> series, Periods periods, Path history) {
    int h = period - origin;
    int from = period - season * ((h + season - 1) / season);
    Double v = from < 0 ? null : known.get((long) s * p + from);
    if (v != null) return v;
    throw new HoldoutException.BadData(history + ": the seasonal naive forecast of " + describe(f, series.get(s), periods.label(period))
        + " from origin " + periods.label(origin) + " repeats the value " + season * ((h + season - 1) / season) + " periods earlier"
        + (from < 0 ? ", before the first period of the history" : " (" + periods.label(from) + "), which is missing")
        + "; add that row to the history, or use baseline: {kind: naive}");
  }

  /** Blocks of ceil(n^(1/3)) consecutive target periods of the view, numbered apart for each series. */
  private static int[] blocks(int[] seriesOf, int[] periodOf) {
    int[] distinct = Arrays.stream(periodOf).distinct().sorted().toArray();
    int length = Math.max(1, (int) Math.ceil(Math.cbrt(distinct.length)));
    int perSeries = (distinct.length + length - 1) / length;
    int[] out = new int[periodOf.length];
    for (int i = 0; i < out.length; i++) out[i] = seriesOf[i] * perSeries + Arrays.binarySearch(distinct, periodOf[i]) / length;
    return out;
  }

  private static EvaluationSet.Slice numbered(String column, int[] values) {
    int max = Arrays.stream(values).max().orElse(0);
    int[] present = new int[max + 1];
    for (int v : values) present[v] = 1;
    List<String> groups = new ArrayList<>();
    int[] code = new int[max + 1];
    for (int v = 0; v <= max; v++) {
      if (present[v] == 0) continue;
      code[v] = groups.size();
      groups.add(Integer.toString(v));
    }
    int[] groupOf = new int[values.length];
    for (int i = 0; i < values.length; i++) groupOf[i] = code[values[i]];
    return new EvaluationSet.Slice(column, List.copyOf(groups), groupOf);
  }

  /** "store S01, week 2024-03-04", or "week 2024-03-04" for one series. */
  static String describe(Suite.Forecast f, String series, String time) {
    return (f.series() == null ? "" : f.series() + " " + series + ", ") + f.time() + " " + time;
  }

  private static Table read(Suite suite, Path path, boolean actuals, Progress progress) {
    Suite.Forecast f = suite.forecast();
    String role = actuals ? " in the suite (data.path)" : " in the suite (data.history)";
    try (RecordReader r = RecordReaders.open(path)) {
      int seriesCol = f.series() == null ? -1 : Values.column(r, f.series(), "data.series" + role);
      int timeCol = Values.column(r, f.time(), "data.time" + role);
      int labelCol = Values.column(r, suite.data().label(), "data.label" + role);
      Groupings groupings = actuals ? new Groupings(r, suite.data()) : null;
      List<String> series = new ArrayList<>();
      List<String> time = new ArrayList<>();
      double[] y = new double[1 << 10];
      int[] lines = new int[1 << 10];
      int n = 0;
      while (r.next()) {
        if (n == y.length) {
          y = Arrays.copyOf(y, n * 2);
          lines = Arrays.copyOf(lines, n * 2);
        }
        series.add(seriesCol < 0 ? "" : Values.requiredText(r, seriesCol, "the series").toString().strip());
        time.add(Values.requiredText(r, timeCol, "the period").toString().strip());
        y[n] = Values.value(r, labelCol, "the actual value (a number)");
        lines[n] = (int) Math.min(Integer.MAX_VALUE, r.positionNumber());
        if (groupings != null) groupings.read(r);
        n++;
        if ((n & 0xFFFF) == 0) progress.rows("reading " + path.getFileName(), n);
      }
      if (n == 0) {
        throw new HoldoutException.BadData(path + ": has a header but no rows; " + (actuals ? "the evaluation set needs the actual values of the periods forecast"
            : "the history needs the actual values before the forecasts"));
      }
      return new Table(path, series, time, Arrays.copyOf(y, n), Arrays.copyOf(lines, n), groupings);
    }
  }

  /**
   * A vendor's forecasts: each row names its series, its period and (with several origins) its
   * origin or its horizon, and is matched to the forecast owed; rows for forecasts not owed
   * (another series, period or origin, or beyond the horizon) are counted as extra. {@code part}: as
   * {@link Submission#loadPart}, nothing is refused for forecasts this part lacks or misses.
   */
  static Submission loadSubmission(Suite suite, EvaluationSet eval, Path path, String name, Progress progress, boolean part) {
    Suite.Forecast f = suite.forecast();
    Forecasts fc = eval.forecasts;
    try (RecordReader r = RecordReaders.open(path)) {
      var hash = RecordReaders.sha256Async(path);
      String role = " in the suite (predictions)";
      int seriesCol = f.predSeries() == null ? -1 : Values.column(r, f.predSeries(), "predictions.series" + role);
      int timeCol = Values.column(r, f.predTime(), "predictions.time" + role);
      int valueCol = Values.column(r, suite.predictions().value(), "predictions.value" + role);
      int originCol = f.predOrigin() == null ? -1 : Values.column(r, f.predOrigin(), "predictions.origin" + role);
      int horizonCol = f.predHorizon() == null ? -1 : Values.column(r, f.predHorizon(), "predictions.horizon" + role);
      int n = eval.rows;
      double[] value = new double[n];
      boolean[] present = new boolean[n];
      int[] firstLine = new int[n];
      int seen = 0;
      int extra = 0;
      List<String> extraExamples = new ArrayList<>();
      while (r.next()) {
        seen++;
        String series = seriesCol < 0 ? "" : Values.requiredText(r, seriesCol, "the series").toString().strip();
        String time = Values.requiredText(r, timeCol, "the period").toString().strip();
        Integer s = fc.seriesCode.get(series);
        int t = fc.periods.indexOf(time);
        int o;
        if (originCol >= 0) {
          o = fc.periods.indexOf(Values.requiredText(r, originCol, "the origin (the last period the forecast knew)").toString());
        } else if (horizonCol >= 0) {
          double h = Values.number(r, horizonCol, "the horizon (periods ahead, a whole number from 1)");
          if (h != Math.rint(h) || h < 1) {
            throw new HoldoutException.BadData(Values.where(r, horizonCol) + ": expected the horizon, a whole number of periods ahead from 1, found '"
                + r.field(horizonCol).strip() + "'");
          }
          o = t < 0 ? -1 : t - (int) h;
        } else {
          o = fc.originIndex[0];
        }
        Integer row = s == null || t < 0 || o < 0 ? null : fc.rowOfKey.get(fc.key(s, o, t));
        if (row == null) {
          extra++;
          if (extraExamples.size() < 5) extraExamples.add(describe(f, series, time) + (originCol >= 0 ? " from origin " + r.field(originCol).strip() : ""));
          continue;
        }
        if (present[row]) {
          throw new HoldoutException.BadData(path + " " + r.position() + ": " + eval.ids.get(row) + " already has a forecast on "
              + r.positionOf(firstLine[row]) + "; send one forecast per series, origin and period");
        }
        present[row] = true;
        firstLine[row] = (int) Math.min(Integer.MAX_VALUE, r.positionNumber());
        value[row] = Values.value(r, valueCol, "a forecast (a number)");
        if ((seen & 0xFFFF) == 0) progress.rows("reading " + path.getFileName(), seen);
      }
      int missing = n - (seen - extra);
      if (seen == 0) throw new HoldoutException.BadData(path + ": has a header but no rows; expected one forecast per series, origin and period");
      if (missing == n && !part) {
        throw new SubmissionMismatch(path + ": none of its " + seen + " forecasts (e.g. " + Values.sample(extraExamples, extra)
            + ") is one the suite asks for (e.g. " + eval.ids.get(0) + "); check the series, the periods and the origins",
            new SubmissionMismatch.Facts(SubmissionMismatch.Kind.NO_ID_MATCHES, seen, 0, extraExamples, null, null));
      }
      if (missing > 0 && !part && suite.predictions().missing() == Suite.Missing.FAIL) {
        List<String> ex = new ArrayList<>();
        for (int i = 0; i < n && ex.size() < 5; i++) if (!present[i]) ex.add(eval.ids.get(i));
        throw new SubmissionMismatch(path + ": " + missing + " forecasts the suite asks for are missing (e.g. " + Values.sample(ex, missing)
            + ") and the suite says predictions.missing: fail; send every one",
            new SubmissionMismatch.Facts(SubmissionMismatch.Kind.IDS_MISSING, seen, seen - extra, extraExamples, null, null));
      }
      return Submission.ofValues(name, path, RecordReaders.await(hash), present, missing, part ? 0 : extra, part ? List.of() : List.copyOf(extraExamples), value);
    }
  }
}
