package dev.holdout.evaluation;

import dev.holdout.metric.ForecastCells;
import dev.holdout.metric.ForecastMetrics;
import dev.holdout.metric.MetricValue;
import dev.holdout.suite.Suite;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Forecasting: one row per forecast owed. A missing forecast is scored as the far end of the
 * observed range of actual values, as in regression ({@link RegressionModel#far}). The baseline is
 * the buyer's naive or seasonal naive rule, computed from what was known at each origin
 * ({@link Forecasts}).
 */
final class ForecastModel extends TaskModel {
  private final double[][] values;

  ForecastModel(Suite suite, EvaluationSet eval, List<Submission> submissions) {
    super(suite, eval, submissions.size());
    int n = eval.rows;
    double[] y = eval.actual;
    double min = Arrays.stream(y).min().orElse(0);
    double max = Arrays.stream(y).max().orElse(0);
    values = new double[submissions.size() + 1][];
    for (int s = 0; s < submissions.size(); s++) {
      Submission sub = submissions.get(s);
      values[s] = sub.value.clone();
      for (int i = 0; i < n; i++) if (!sub.present[i]) values[s][i] = RegressionModel.far(y[i], min, max);
    }
    values[submissions.size()] = eval.forecasts.baseline;
  }

  @Override
  String baselineName() {
    return eval.forecasts.baselineName;
  }

  @Override
  Cells cells(int[] rows, int[] sources) {
    double[][] predicted = new double[sources.length][];
    for (int k = 0; k < sources.length; k++) predicted[k] = pick(values[sources[k]], rows);
    return new View(ForecastCells.ofRows(pick(eval.actual, rows), pick(eval.forecasts.scale, rows), predicted));
  }

  private record View(ForecastCells cells) implements Cells {
    @Override public double[] counts() { return cells.counts(); }
    @Override public int[] cellOfRow(int rows) { return cells.cellOfRow(rows); }

    @Override
    public Cells compress(int budget) {
      ForecastCells c = cells.compress(budget);
      return c == cells ? this : new View(c);
    }

    @Override
    public Map<String, MetricValue> metrics(int set, double[] w) {
      return ForecastMetrics.compute(cells, set, w);
    }

    @Override
    public Details details(int set) {
      return new Details(null, null, null, null);
    }
  }
}
