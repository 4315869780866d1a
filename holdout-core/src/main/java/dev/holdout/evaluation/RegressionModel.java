package dev.holdout.evaluation;

import dev.holdout.base.Format;
import dev.holdout.metric.MetricValue;
import dev.holdout.metric.RegressionCells;
import dev.holdout.metric.RegressionMetrics;
import dev.holdout.stats.Bootstrap;
import dev.holdout.suite.Suite;
import dev.holdout.result.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Regression: a missing prediction is scored as the far end of the observed range of actual
 * values (the larger of the two possible errors; when every actual value is the same, that value
 * plus the larger of its size and 1). The mean and median baselines predict every
 * quantile with the evaluation set's own empirical quantile.
 */
final class RegressionModel extends TaskModel {
  private final double[] quantileLevels;
  private final double[][] values;
  private final double[][][] quantiles;
  private final String baselineName;

  RegressionModel(Suite suite, EvaluationSet eval, List<Submission> submissions) {
    super(suite, eval, submissions.size());
    int n = eval.rows;
    double[] y = eval.actual;
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    double min = sorted[0];
    double max = sorted[n - 1];
    quantileLevels = suite.predictions().quantiles().keySet().stream().mapToDouble(Double::doubleValue).toArray();
    int sources = submissions.size() + 1;
    values = new double[sources][];
    quantiles = new double[sources][][];
    for (int s = 0; s < submissions.size(); s++) {
      Submission sub = submissions.get(s);
      values[s] = sub.value.clone();
      quantiles[s] = new double[quantileLevels.length][];
      for (int q = 0; q < quantileLevels.length; q++) quantiles[s][q] = sub.quantiles[q].clone();
      for (int i = 0; i < n; i++) {
        if (sub.present[i]) continue;
        double far = far(y[i], min, max);
        values[s][i] = far;
        for (int q = 0; q < quantileLevels.length; q++) quantiles[s][q][i] = far;
      }
    }
    int b = submissions.size();
    switch (suite.baseline().kind()) {
      case COLUMN -> {
        values[b] = eval.baselineScore;
        quantiles[b] = new double[quantileLevels.length][];
        baselineName = "column '" + suite.baseline().column() + "' as the prediction";
      }
      default -> {
        boolean median = suite.baseline().kind() == Suite.Baseline.Kind.MEDIAN;
        double constant = median ? Bootstrap.quantile(sorted, 0.5) : Arrays.stream(y).sum() / n;
        values[b] = new double[n];
        Arrays.fill(values[b], constant);
        quantiles[b] = new double[quantileLevels.length][n];
        for (int q = 0; q < quantileLevels.length; q++) Arrays.fill(quantiles[b][q], Bootstrap.quantile(sorted, quantileLevels[q]));
        baselineName = (median ? "median" : "mean") + ": every row predicted " + Format.number(constant);
      }
    }
  }

  /** The end of the observed range farthest from y; beyond y when the range is a single value. */
  static double far(double y, double min, double max) {
    if (min == max) return y + Math.max(Math.abs(y), 1);
    return y - min > max - y ? min : max;
  }

  @Override
  String baselineName() {
    return baselineName;
  }

  @Override
  Cells cells(int[] rows, int[] sources) {
    double[][] predicted = new double[sources.length][];
    double[][][] qs = new double[sources.length][quantileLevels.length][];
    for (int k = 0; k < sources.length; k++) {
      predicted[k] = pick(values[sources[k]], rows);
      for (int q = 0; q < quantileLevels.length; q++) {
        double[] col = quantiles[sources[k]][q];
        qs[k][q] = col == null ? null : pick(col, rows);
      }
    }
    double[] actual = pick(eval.actual, rows);
    return new View(RegressionCells.ofRows(actual, quantileLevels, predicted, qs), actual, predicted[0]);
  }

  private static final class View implements Cells {
    private final RegressionCells cells;
    /** The rows behind an uncompressed view, for charts; null once compressed. */
    private final double[] actual;
    private final double[] predicted;

    View(RegressionCells cells, double[] actual, double[] predicted) {
      this.cells = cells;
      this.actual = actual;
      this.predicted = predicted;
    }

    @Override public double[] counts() { return cells.counts(); }
    @Override public int[] cellOfRow(int rows) { return cells.cellOfRow(rows); }

    @Override
    public Cells compress(int budget) {
      RegressionCells c = cells.compress(budget);
      return c == cells ? this : new View(c, null, null);
    }

    @Override
    public Map<String, MetricValue> metrics(int set, double[] w) {
      return RegressionMetrics.compute(cells, set, w);
    }

    @Override
    public Details details(int set) {
      if (actual == null || set != 0) return new Details(null, null, null, null);
      int n = actual.length;
      int step = Math.max(1, (n + Report.Charts.MAX_SCATTER - 1) / Report.Charts.MAX_SCATTER);
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double r = actual[i] - predicted[i];
        lo = Math.min(lo, r);
        hi = Math.max(hi, r);
        if (i % step == 0) {
          xs.add(actual[i]);
          ys.add(predicted[i]);
        }
      }
      int bins = 30;
      double width = hi > lo ? (hi - lo) / bins : 1;
      double[] counts = new double[bins];
      for (int i = 0; i < n; i++) counts[Math.min(bins - 1, (int) ((actual[i] - predicted[i] - lo) / width))]++;
      List<Double> edges = new ArrayList<>();
      for (int b = 0; b <= bins; b++) edges.add(lo + b * width);
      Report.Charts charts = new Report.Charts(null, null, null, null, null, null, null, null,
          new Report.Scatter(xs, ys, n), new Report.Histogram(edges, Charts.list(counts), null, null));
      return new Details(null, null, null, charts);
    }
  }
}
