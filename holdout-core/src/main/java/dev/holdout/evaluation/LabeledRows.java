package dev.holdout.evaluation;

import dev.holdout.data.Dictionary;
import dev.holdout.metric.Task;
import dev.holdout.report.Report;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Labeled rows gathered one at a time (a monitoring window's rows whose outcome is known) and
 * evaluated by the same {@link Evaluator} as {@code holdout evaluate}, so every figure, interval and
 * criterion is computed exactly as for a delivery. Binary classification and regression only.
 * Memory: 17 bytes per binary row plus 4 per slice column (regression adds 8 per quantile); not
 * thread-safe.
 */
public final class LabeledRows {
  private final Suite suite;
  private final boolean baselineColumn;
  private final int quantiles;
  private int n;
  private boolean[] positive;
  private double[] actual;
  private double[] prediction;
  private double[][] quantileValues;
  private double[] baseline;
  private final int[][] groups;
  private final Dictionary[] groupNames;

  /**
   * Rows for {@code suite}; {@code baselineColumn} says whether rows carry the suite's baseline
   * column (else the suite must use a baseline that needs no column).
   */
  public LabeledRows(Suite suite, boolean baselineColumn) {
    if (suite.task() != Task.BINARY_CLASSIFICATION && suite.task() != Task.REGRESSION) {
      throw new IllegalArgumentException("binary classification and regression only, not " + suite.task().key());
    }
    this.suite = suite;
    this.baselineColumn = baselineColumn;
    this.quantiles = suite.task() == Task.REGRESSION ? suite.predictions().quantiles().size() : 0;
    int cap = 1 << 10;
    if (suite.task() == Task.BINARY_CLASSIFICATION) positive = new boolean[cap];
    else actual = new double[cap];
    prediction = new double[cap];
    quantileValues = new double[quantiles][cap];
    if (baselineColumn) baseline = new double[cap];
    int slices = suite.data().slices().size();
    groups = new int[slices][cap];
    groupNames = new Dictionary[slices];
    for (int s = 0; s < slices; s++) groupNames[s] = new Dictionary();
  }

  /** Rows added. */
  public int size() {
    return n;
  }

  /**
   * Adds a binary row: the outcome, the score, the baseline column's score (ignored without one) and
   * the row's group in each of the suite's slices (null: the missing group).
   */
  public void addBinary(boolean isPositive, double score, double baselineScore, CharSequence[] sliceValues) {
    grow();
    positive[n] = isPositive;
    add(score, baselineScore, null, sliceValues);
  }

  /** Adds a regression row: the actual value, the predicted value and quantiles (in the suite's order), the baseline, the groups. */
  public void addRegression(double actualValue, double value, double[] quantileValues, double baselineValue, CharSequence[] sliceValues) {
    grow();
    actual[n] = actualValue;
    add(value, baselineValue, quantileValues, sliceValues);
  }

  private void add(double value, double base, double[] qs, CharSequence[] sliceValues) {
    prediction[n] = value;
    for (int q = 0; q < quantiles; q++) quantileValues[q][n] = qs[q];
    if (baselineColumn) baseline[n] = base;
    for (int s = 0; s < groups.length; s++) {
      CharSequence g = sliceValues[s];
      groups[s][n] = groupNames[s].code(g == null ? EvaluationSet.MISSING_GROUP : g);
    }
    n++;
  }

  private void grow() {
    if (n < prediction.length) return;
    int cap = prediction.length * 2;
    if (positive != null) positive = Arrays.copyOf(positive, cap);
    if (actual != null) actual = Arrays.copyOf(actual, cap);
    prediction = Arrays.copyOf(prediction, cap);
    for (int q = 0; q < quantiles; q++) quantileValues[q] = Arrays.copyOf(quantileValues[q], cap);
    if (baseline != null) baseline = Arrays.copyOf(baseline, cap);
    for (int s = 0; s < groups.length; s++) groups[s] = Arrays.copyOf(groups[s], cap);
  }

  /**
   * The {@code holdout.report/v1} report of these rows, as {@code holdout evaluate} would write it
   * for an evaluation set and a predictions file holding them; {@code source} and {@code name}
   * name where the rows came from. Needs at least one row.
   */
  public Report evaluate(Path source, String name, String positiveLabel, String negativeLabel) {
    if (n == 0) throw new IllegalStateException("no rows to evaluate");
    List<EvaluationSet.Slice> slices = new ArrayList<>();
    for (int s = 0; s < groups.length; s++) {
      List<String> sorted = new ArrayList<>(new TreeSet<>(groupNames[s].values()));
      int[] remap = new int[groupNames[s].size()];
      for (int c = 0; c < remap.length; c++) remap[c] = sorted.indexOf(groupNames[s].values().get(c));
      int[] groupOf = new int[n];
      for (int i = 0; i < n; i++) groupOf[i] = remap[groups[s][i]];
      slices.add(new EvaluationSet.Slice(suite.data().slices().get(s), List.copyOf(sorted), groupOf));
    }
    boolean binary = suite.task() == Task.BINARY_CLASSIFICATION;
    EvaluationSet eval = EvaluationSet.inMemory(source, n, binary ? Arrays.copyOf(positive, n) : null, positiveLabel, negativeLabel,
        binary ? null : Arrays.copyOf(actual, n), slices, baseline == null ? null : Arrays.copyOf(baseline, n));
    double[][] qs = null;
    if (!binary) {
      qs = new double[quantiles][];
      for (int q = 0; q < quantiles; q++) qs[q] = Arrays.copyOf(quantileValues[q], n);
    }
    double[] p = Arrays.copyOf(prediction, n);
    Submission sub = Submission.inMemory(name, source, binary ? p : null, binary ? null : p, qs);
    return new Evaluator(suite, eval, Progress.NONE).evaluate(sub);
  }
}
