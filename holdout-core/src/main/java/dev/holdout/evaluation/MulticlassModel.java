package dev.holdout.evaluation;

import dev.holdout.metric.BinaryCells;
import dev.holdout.metric.MetricValue;
import dev.holdout.metric.MulticlassCells;
import dev.holdout.metric.MulticlassMetrics;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multiclass classification: a missing prediction counts as a wrong class with no probability on
 * the true class. The prior baseline predicts the class frequencies (and so the majority class).
 */
final class MulticlassModel extends TaskModel {
  private final int[][] predicted;
  private final boolean[][] hit;
  private final double[][] logLoss;
  private final double[][] costs;
  private final String baselineName;

  MulticlassModel(Suite suite, EvaluationSet eval, List<Submission> submissions) {
    super(suite, eval, submissions.size());
    int n = eval.rows;
    int k = eval.classes.size();
    int sources = submissions.size() + 1;
    predicted = new int[sources][];
    hit = new boolean[sources][];
    logLoss = new double[sources][];
    double wrongLoss = -Math.log(BinaryCells.EPS);
    for (int s = 0; s < submissions.size(); s++) {
      Submission sub = submissions.get(s);
      predicted[s] = sub.predicted.clone();
      hit[s] = sub.topKHit == null ? null : sub.topKHit.clone();
      logLoss[s] = sub.logLoss == null ? null : sub.logLoss.clone();
      for (int i = 0; i < n; i++) {
        if (sub.present[i]) continue;
        predicted[s][i] = (eval.classOf[i] + 1) % k;
        if (hit[s] != null) hit[s][i] = false;
        if (logLoss[s] != null) logLoss[s][i] = wrongLoss;
      }
    }
    double[] prior = new double[k];
    for (int c : eval.classOf) prior[c] += 1.0 / n;
    int majority = 0;
    for (int c = 1; c < k; c++) if (prior[c] > prior[majority]) majority = c;
    int b = submissions.size();
    if (suite.baseline().kind() == Suite.Baseline.Kind.COLUMN) {
      predicted[b] = eval.baselineClass;
      baselineName = "column '" + suite.baseline().column() + "' as the predicted class";
    } else {
      double[] probs = prior;
      if (suite.baseline().kind() == Suite.Baseline.Kind.MAJORITY) {
        probs = new double[k];
        probs[majority] = 1;
        baselineName = "majority: always '" + eval.classes.get(majority) + "'";
      } else {
        baselineName = "prior: the class frequencies as probabilities, so always '" + eval.classes.get(majority) + "'";
      }
      predicted[b] = new int[n];
      Arrays.fill(predicted[b], majority);
      hit[b] = new boolean[n];
      logLoss[b] = new double[n];
      double sum = 0;
      for (double p : probs) sum += Math.min(Math.max(p, BinaryCells.EPS), 1 - BinaryCells.EPS);
      for (int i = 0; i < n; i++) {
        int a = eval.classOf[i];
        hit[b][i] = MulticlassMetrics.topKHit(probs, a, suite.topK());
        logLoss[b][i] = -Math.log(Math.min(Math.max(probs[a], BinaryCells.EPS), 1 - BinaryCells.EPS) / sum);
      }
    }
    Suite.Costs c = suite.costs();
    if (c == null) {
      costs = null;
    } else {
      costs = new double[k][k];
      c.matrix().forEach((actual, row) -> row.forEach((pred, cost) ->
          costs[eval.classes.indexOf(actual)][eval.classes.indexOf(pred)] = cost));
    }
  }

  @Override
  boolean[] right(int source, int[] rows) {
    boolean[] out = new boolean[rows.length];
    for (int i = 0; i < rows.length; i++) out[i] = predicted[source][rows[i]] == eval.classOf[rows[i]];
    return out;
  }

  @Override
  String baselineName() {
    return baselineName;
  }

  @Override
  Cells cells(int[] rows, int[] sources) {
    List<MulticlassCells.SetRows> sets = new ArrayList<>();
    for (int s : sources) {
      sets.add(new MulticlassCells.SetRows(pick(predicted[s], rows), pick(hit[s], rows),
          logLoss[s] == null ? null : pick(logLoss[s], rows)));
    }
    return new View(MulticlassCells.ofRows(eval.classes, pick(eval.classOf, rows), sets));
  }

  private final class View implements Cells {
    private final MulticlassCells cells;

    View(MulticlassCells cells) {
      this.cells = cells;
    }

    @Override public double[] counts() { return cells.counts(); }
    @Override public int[] cellOfRow(int rows) { return cells.cellOfRow(rows); }

    @Override
    public Cells compress(int budget) {
      MulticlassCells c = cells.compress(budget);
      return c == cells ? this : new View(c);
    }

    @Override
    public Map<String, MetricValue> metrics(int set, double[] w) {
      return MulticlassMetrics.compute(cells, set, w, costs);
    }

    @Override
    public Details details(int set) {
      double[][] m = MulticlassMetrics.confusion(cells, set, cells.counts());
      List<List<Double>> counts = new ArrayList<>();
      double total = 0, cost = 0;
      for (int a = 0; a < m.length; a++) {
        List<Double> row = new ArrayList<>();
        for (int p = 0; p < m.length; p++) {
          row.add(m[a][p]);
          total += m[a][p];
          if (costs != null) cost += m[a][p] * costs[a][p];
        }
        counts.add(row);
      }
      Map<String, Report.ClassFigures> perClass = new LinkedHashMap<>();
      for (MulticlassMetrics.PerClass pc : MulticlassMetrics.perClass(cells, set, cells.counts())) {
        perClass.put(pc.label(), new Report.ClassFigures(Estimates.point(pc.precision()), Estimates.point(pc.recall()),
            Estimates.point(pc.f1()), pc.support()));
      }
      Report.CostSummary costSummary = costs == null || total == 0 ? null
          : new Report.CostSummary(cost / total, cost / total * 1000, null, null, null);
      return new Details(new Report.ConfusionMatrix(eval.classes, counts, null), perClass, costSummary, null);
    }
  }
}
