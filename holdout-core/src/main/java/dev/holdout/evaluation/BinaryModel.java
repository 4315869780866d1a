package dev.holdout.evaluation;

import dev.holdout.base.Format;
import dev.holdout.metric.BinaryCells;
import dev.holdout.metric.BinaryCurves;
import dev.holdout.metric.BinaryMetrics;
import dev.holdout.metric.MetricValue;
import dev.holdout.result.Report;
import dev.holdout.stats.Sorting;
import dev.holdout.suite.Suite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Binary classification: a missing prediction scores as the surest wrong answer (0 for a positive, 1 for a negative). */
final class BinaryModel extends TaskModel {
  private final double[][] scores;
  private final double[] thresholds;
  private final BinaryMetrics.Costs costs;
  private final double[] budgets;
  private final String baselineName;

  BinaryModel(Suite suite, EvaluationSet eval, List<Submission> submissions) {
    super(suite, eval, submissions.size());
    int n = eval.rows;
    scores = new double[submissions.size() + 1][];
    thresholds = new double[submissions.size() + 1];
    for (int s = 0; s < submissions.size(); s++) {
      Submission sub = submissions.get(s);
      double[] sc = sub.score.clone();
      for (int i = 0; i < n; i++) if (!sub.present[i]) sc[i] = eval.positive[i] ? 0 : 1;
      scores[s] = sc;
      thresholds[s] = suite.predictions().threshold();
    }
    long positives = 0;
    for (boolean p : eval.positive) if (p) positives++;
    double prior = (double) positives / n;
    double[] base;
    switch (suite.baseline().kind()) {
      case COLUMN -> {
        base = eval.baselineScore;
        baselineName = "column '" + suite.baseline().column() + "' as the score";
      }
      case MAJORITY -> {
        base = new double[n];
        Arrays.fill(base, prior >= 0.5 ? 1.0 : 0.0);
        baselineName = "majority: always '" + (prior >= 0.5 ? eval.positiveLabel : eval.negativeLabel) + "'";
      }
      default -> {
        base = new double[n];
        Arrays.fill(base, prior);
        baselineName = "prior: every row scored " + Format.number(prior) + ", the positive rate";
      }
    }
    scores[submissions.size()] = base;
    thresholds[submissions.size()] = suite.predictions().threshold();
    Suite.Costs c = suite.costs();
    costs = c == null ? null : new BinaryMetrics.Costs(c.tp(), c.fp(), c.fn(), c.tn());
    budgets = suite.budgets().stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Override
  int[] order(int source) {
    return Sorting.order(scores[source]);
  }

  /** Each of {@code rows}' label. */
  boolean[] positive(int[] rows) {
    return pick(eval.positive, rows);
  }

  /** Source {@code source}'s scores on {@code rows}, missing predictions already scored as the surest wrong answer. */
  double[] scores(int source, int[] rows) {
    return pick(scores[source], rows);
  }

  @Override
  boolean[] right(int source, int[] rows) {
    boolean[] out = new boolean[rows.length];
    for (int i = 0; i < rows.length; i++) out[i] = (scores[source][rows[i]] >= thresholds[source]) == eval.positive[rows[i]];
    return out;
  }

  @Override
  String baselineName() {
    return baselineName;
  }

  @Override
  Cells cells(int[] rows, int[] sources) {
    boolean[] positive = pick(eval.positive, rows);
    double[][] sc = new double[sources.length][];
    double[] th = new double[sources.length];
    for (int k = 0; k < sources.length; k++) {
      sc[k] = pick(scores[sources[k]], rows);
      th[k] = thresholds[sources[k]];
    }
    return new View(BinaryCells.ofRows(positive, sc), th);
  }

  private final class View implements Cells {
    private final BinaryCells cells;
    private final double[] thresholds;

    View(BinaryCells cells, double[] thresholds) {
      this.cells = cells;
      this.thresholds = thresholds;
    }

    @Override public double[] counts() { return cells.counts(); }
    @Override public int[] cellOfRow(int rows) { return cells.cellOfRow(rows); }

    @Override
    public int[] labelOfCell() {
      int[] out = new int[cells.size()];
      for (int i = 0; i < out.length; i++) out[i] = cells.positive(i) ? 1 : 0;
      return out;
    }

    @Override
    public Cells compress(int budget) {
      BinaryCells c = cells.compress(budget, thresholds, budgets);
      return c == cells ? this : new View(c, thresholds);
    }

    @Override
    public Map<String, MetricValue> metrics(int set, double[] w) {
      return BinaryMetrics.compute(cells, set, w, thresholds[set], costs, budgets);
    }

    @Override
    public void vector(int set, double[] w, List<String> names, double[] out, int offset) {
      double[] v = BinaryMetrics.values(cells, set, w, thresholds[set], costs, budgets);
      int[] at = positions(names);
      for (int k = 0; k < at.length; k++) out[offset + k] = at[k] < 0 ? Double.NaN : v[BinaryMetrics.VALUES + at[k]];
    }

    /** Where each of {@code names} sits among {@link BinaryMetrics#values}' metrics (-1: not a binary metric), for the last list of names asked. */
    private int[] positions(List<String> names) {
      Positions p = positions;
      if (p == null || p.names != names) {
        List<String> own = BinaryMetrics.names(costs, budgets);
        int[] at = new int[names.size()];
        for (int k = 0; k < at.length; k++) at[k] = own.indexOf(names.get(k));
        p = new Positions(names, at);
        positions = p; // racy but safe: replicates on other threads at worst compute it again
      }
      return p.at;
    }

    private Positions positions;

    @Override
    public Details details(int set) {
      BinaryMetrics.Confusion m = BinaryMetrics.confusion(cells, set, cells.counts(), thresholds[set]);
      Report.ConfusionMatrix confusion = new Report.ConfusionMatrix(List.of(eval.negativeLabel, eval.positiveLabel),
          List.of(List.of(m.tn(), m.fp()), List.of(m.fn(), m.tp())), thresholds[set]);
      Report.CostSummary cost = null;
      if (costs != null && m.total() > 0) {
        double perDecision = costs.of(m) / m.total();
        BinaryMetrics.CostOptimum best = BinaryMetrics.costOptimum(cells, set, costs);
        cost = new Report.CostSummary(perDecision, perDecision * 1000, best.predictsNoPositive() ? null : best.threshold(),
            best.expectedCost() * 1000, best.predictsNoPositive() ? "the cheapest policy is to predict no positive at all" : null);
      }
      Double optimal = cost == null ? null : cost.optimalThreshold();
      return new Details(confusion, null, cost, charts(set, m, optimal));
    }

    private Report.Charts charts(int set, BinaryMetrics.Confusion m, Double costOptimal) {
      int max = Report.Charts.MAX_POINTS;
      BinaryCurves.Points[] own = BinaryCurves.curves(cells, set, costs, max);
      BinaryCurves.Points[] base = cells.sets() > 1 && set == 0 ? BinaryCurves.curves(cells, 1, null, max) : new BinaryCurves.Points[3];
      double pos = m.tp() + m.fn();
      double neg = m.tn() + m.fp();
      Double recall = pos > 0 ? m.tp() / pos : null;
      Report.OperatingPoint at = new Report.OperatingPoint(thresholds[set], neg > 0 ? m.fp() / neg : null, recall,
          m.tp() + m.fp() > 0 ? m.tp() / (m.tp() + m.fp()) : null, recall, costOptimal);
      double[][] cal = BinaryCurves.calibration(cells, set);
      List<Report.CalibrationBin> calibration = new ArrayList<>();
      for (int b = 0; b < BinaryMetrics.ECE_BINS; b++) {
        double rows = cal[0][b];
        calibration.add(new Report.CalibrationBin((double) b / BinaryMetrics.ECE_BINS, (double) (b + 1) / BinaryMetrics.ECE_BINS, rows,
            rows > 0 ? cal[1][b] / rows : null, rows > 0 ? cal[2][b] / rows : null));
      }
      int bins = 20;
      double[][] hist = BinaryCurves.histogram(cells, set, bins);
      List<Double> edges = new ArrayList<>();
      for (int b = 0; b <= bins; b++) edges.add((double) b / bins);
      Report.Histogram scores = new Report.Histogram(edges, null, Charts.list(hist[1]), Charts.list(hist[0]));
      BinaryCurves.Points[] gains = BinaryCurves.gains(cells, set, max);
      BinaryCurves.Points[] baseGains = cells.sets() > 1 && set == 0 ? BinaryCurves.gains(cells, 1, max) : new BinaryCurves.Points[2];
      List<Report.BudgetPoint> calls = new ArrayList<>();
      for (double q : budgets) {
        BinaryMetrics.AtBudget b = BinaryMetrics.atBudget(cells, set, cells.counts(), q);
        calls.add(new Report.BudgetPoint(q, b.rows(), Double.isNaN(b.threshold()) ? null : b.threshold(), b.precision().value(), b.recall().value(),
            b.lift().value()));
      }
      return new Report.Charts(Charts.curve(own[0]), Charts.curve(base[0]), Charts.curve(own[1]), Charts.curve(base[1]), at,
          calibration, scores, Charts.curve(own[2]), null, null, Charts.curve(gains[0]), Charts.curve(baseGains[0]), Charts.curve(gains[1]),
          calls.isEmpty() ? null : calls);
    }
  }

  private record Positions(List<String> names, int[] at) {}
}
