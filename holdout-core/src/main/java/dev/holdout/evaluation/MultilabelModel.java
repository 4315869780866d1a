package dev.holdout.evaluation;

import dev.holdout.base.Format;
import dev.holdout.metric.MetricValue;
import dev.holdout.metric.MultilabelCells;
import dev.holdout.metric.MultilabelMetrics;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multilabel classification: each row's labels against a score per label. A missing prediction
 * scores as the surest wrong answer, 0 for every label the row has and 1 for every label it lacks,
 * so each of its labels is decided wrongly. The baseline ({@code prior}) scores every row with each
 * label's share of the evaluation set's rows: it ranks a row's labels by how common they are and
 * predicts a label only where that share reaches the label's threshold.
 */
final class MultilabelModel extends TaskModel {
  private final List<String> labels;
  private final boolean[][] truth;
  /** scores[source][label][row]: the submissions, then the baseline. */
  private final double[][][] scores;
  private final double[] thresholds;
  private final String baselineName;

  MultilabelModel(Suite suite, EvaluationSet eval, List<Submission> submissions) {
    super(suite, eval, submissions.size());
    Suite.Multilabel ml = suite.multilabel();
    labels = ml.labels();
    int k = labels.size();
    int n = eval.rows;
    truth = eval.labelSets.truth;
    thresholds = new double[k];
    for (int l = 0; l < k; l++) thresholds[l] = ml.thresholds().get(labels.get(l));
    scores = new double[submissions.size() + 1][k][];
    for (int s = 0; s < submissions.size(); s++) {
      Submission sub = submissions.get(s);
      for (int l = 0; l < k; l++) {
        double[] sc = sub.labelScores[l].clone();
        for (int i = 0; i < n; i++) if (!sub.present[i]) sc[i] = truth[l][i] ? 0 : 1;
        scores[s][l] = sc;
      }
    }
    double lowest = 1;
    double highest = 0;
    for (int l = 0; l < k; l++) {
      long with = 0;
      for (boolean t : truth[l]) if (t) with++;
      double prior = (double) with / n;
      lowest = Math.min(lowest, prior);
      highest = Math.max(highest, prior);
      scores[baseline][l] = new double[n];
      Arrays.fill(scores[baseline][l], prior);
    }
    baselineName = "prior: every row scores each label with its share of the rows (" + Format.number(lowest) + " to " + Format.number(highest)
        + "), so labels rank by how common they are";
  }

  @Override
  String baselineName() {
    return baselineName;
  }

  @Override
  Cells cells(int[] rows, int[] sources) {
    int k = labels.size();
    boolean[][] t = new boolean[k][];
    for (int l = 0; l < k; l++) t[l] = pick(truth[l], rows);
    double[][][] sc = new double[sources.length][k][];
    for (int s = 0; s < sources.length; s++) {
      for (int l = 0; l < k; l++) sc[s][l] = pick(scores[sources[s]][l], rows);
    }
    return new View(MultilabelCells.ofRows(labels, t, sc, thresholds));
  }

  private record View(MultilabelCells cells) implements Cells {
    @Override public double[] counts() { return cells.counts(); }
    @Override public int[] cellOfRow(int rows) { return cells.cellOfRow(rows); }

    /** Every cell is one row: nothing to compress, and the bootstrap is exact. */
    @Override
    public Cells compress(int budget) {
      return this;
    }

    @Override
    public Map<String, MetricValue> metrics(int set, double[] w) {
      return MultilabelMetrics.compute(cells, set, w).overall();
    }

    @Override
    public Measured measure(int set, double[] w) {
      MultilabelMetrics.Result r = MultilabelMetrics.compute(cells, set, w);
      return new Measured(r.overall(), r.perLabel());
    }

    @Override
    public Details details(int set) {
      Map<String, Map<String, MetricValue>> figures = MultilabelMetrics.compute(cells, set, cells.counts()).perLabel();
      double rows = cells.size();
      double labelled = 0;
      double predicted = 0;
      Map<String, Report.LabelFigures> perLabel = new LinkedHashMap<>();
      for (MultilabelMetrics.LabelCounts c : MultilabelMetrics.labelCounts(cells, set)) {
        labelled += c.support();
        predicted += c.predicted();
        Map<String, Report.Estimate> points = new LinkedHashMap<>();
        figures.get(c.label()).forEach((name, v) -> points.put(name, Estimates.point(v)));
        perLabel.put(c.label(), new Report.LabelFigures(c.support(), rows == 0 ? 0 : c.support() / rows, c.threshold(), c.predicted(), points));
      }
      Map<String, String> left = MultilabelMetrics.labelsWithoutAuc(cells);
      String note = left.isEmpty() ? null : "roc_auc_macro averages " + (cells.labels().size() - left.size()) + " of " + cells.labels().size()
          + " labels; left out: " + String.join("; ", left.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList());
      Report.LabelSummary summary = new Report.LabelSummary(rows == 0 ? 0 : labelled / rows, rows == 0 ? 0 : predicted / rows, perLabel, note);
      return new Details(null, null, null, null, summary);
    }
  }
}
