package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.Dictionary;
import dev.holdout.metric.BinaryCells;
import dev.holdout.metric.MulticlassMetrics;
import dev.holdout.metric.Task;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Labeled rows gathered one at a time (a monitoring window's rows whose outcome is known) and
 * evaluated by the same {@link Evaluator} as {@code holdout evaluate}, so every figure, interval and
 * criterion is computed exactly as for a delivery. Memory per row: 17 bytes for binary
 * classification, 16 plus 8 per quantile for regression, 12 plus 8 per class probability for
 * multiclass; 4 more per slice column. Not thread-safe.
 */
public final class LabeledRows {
  private final Suite suite;
  private final Task task;
  private final boolean baselineColumn;
  private final int quantiles;
  private final int probabilities;
  private int n;
  private boolean[] positive;
  private double[] actual;
  private double[] prediction;
  private double[][] extra;
  private double[] baseline;
  private int[] actualClass;
  private int[] predictedClass;
  private int[] baselineClass;
  private final Dictionary classNames = new Dictionary();
  private final int[][] groups;
  private final Dictionary[] groupNames;

  /**
   * Rows for {@code suite}; {@code baselineColumn} says whether rows carry the suite's baseline
   * column (else the suite must use a baseline that needs no column).
   */
  public LabeledRows(Suite suite, boolean baselineColumn) {
    this.suite = suite;
    this.task = suite.task();
    if (!task.supported()) throw new IllegalArgumentException("unsupported task " + task.key());
    this.baselineColumn = baselineColumn;
    this.quantiles = task == Task.REGRESSION ? suite.predictions().quantiles().size() : 0;
    this.probabilities = task == Task.MULTICLASS_CLASSIFICATION ? suite.predictions().probabilities().size() : 0;
    int cap = 1 << 10;
    switch (task) {
      case BINARY_CLASSIFICATION -> {
        positive = new boolean[cap];
        prediction = new double[cap];
        if (baselineColumn) baseline = new double[cap];
      }
      case REGRESSION -> {
        actual = new double[cap];
        prediction = new double[cap];
        if (baselineColumn) baseline = new double[cap];
      }
      default -> {
        actualClass = new int[cap];
        predictedClass = new int[cap];
        if (baselineColumn) baselineClass = new int[cap];
      }
    }
    extra = new double[quantiles + probabilities][cap];
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
    prediction[n] = score;
    if (baselineColumn) baseline[n] = baselineScore;
    groups(sliceValues);
  }

  /** Adds a regression row: the actual value, the predicted value and quantiles (in the suite's order), the baseline, the groups. */
  public void addRegression(double actualValue, double value, double[] quantileValues, double baselineValue, CharSequence[] sliceValues) {
    grow();
    actual[n] = actualValue;
    prediction[n] = value;
    for (int q = 0; q < quantiles; q++) extra[q][n] = quantileValues[q];
    if (baselineColumn) baseline[n] = baselineValue;
    groups(sliceValues);
  }

  /**
   * Adds a multiclass row: the actual class, the predicted class (null when the suite predicts by
   * probabilities only), the probabilities in the order of the suite's {@code predictions.probabilities}
   * (ignored without them), the baseline column's class (ignored without one), the groups.
   */
  public void addMulticlass(CharSequence actualLabel, CharSequence predictedLabel, double[] classProbabilities, CharSequence baselineLabel,
      CharSequence[] sliceValues) {
    grow();
    actualClass[n] = classNames.code(actualLabel);
    predictedClass[n] = predictedLabel == null ? -1 : classNames.code(predictedLabel);
    for (int k = 0; k < probabilities; k++) extra[k][n] = classProbabilities[k];
    if (baselineColumn) baselineClass[n] = classNames.code(baselineLabel);
    groups(sliceValues);
  }

  private void groups(CharSequence[] sliceValues) {
    for (int s = 0; s < groups.length; s++) {
      CharSequence g = sliceValues[s];
      groups[s][n] = groupNames[s].code(g == null ? EvaluationSet.MISSING_GROUP : g);
    }
    n++;
  }

  private void grow() {
    if (n < capacity()) return;
    int cap = capacity() * 2;
    if (positive != null) positive = Arrays.copyOf(positive, cap);
    if (actual != null) actual = Arrays.copyOf(actual, cap);
    if (prediction != null) prediction = Arrays.copyOf(prediction, cap);
    if (baseline != null) baseline = Arrays.copyOf(baseline, cap);
    if (actualClass != null) actualClass = Arrays.copyOf(actualClass, cap);
    if (predictedClass != null) predictedClass = Arrays.copyOf(predictedClass, cap);
    if (baselineClass != null) baselineClass = Arrays.copyOf(baselineClass, cap);
    for (int q = 0; q < extra.length; q++) extra[q] = Arrays.copyOf(extra[q], cap);
    for (int s = 0; s < groups.length; s++) groups[s] = Arrays.copyOf(groups[s], cap);
  }

  private int capacity() {
    return prediction != null ? prediction.length : actualClass.length;
  }

  /**
   * The {@code holdout.report/v1} report of these rows, as {@code holdout evaluate} would write it
   * for an evaluation set and a predictions file holding them; {@code source} and {@code name}
   * name where the rows came from. Multiclass: the classes are the suite's {@code data.classes},
   * else the labels seen (actual, predicted, and those with a probability column), sorted. Needs
   * at least one row.
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
    EvaluationSet eval;
    Submission sub;
    switch (task) {
      case BINARY_CLASSIFICATION -> {
        eval = EvaluationSet.inMemory(source, n, Arrays.copyOf(positive, n), positiveLabel, negativeLabel, null, null, null, slices,
            baseline == null ? null : Arrays.copyOf(baseline, n), null);
        sub = Submission.inMemory(name, source, n, Arrays.copyOf(prediction, n), null, null, null, null, null);
      }
      case REGRESSION -> {
        eval = EvaluationSet.inMemory(source, n, null, null, null, null, null, Arrays.copyOf(actual, n), slices,
            baseline == null ? null : Arrays.copyOf(baseline, n), null);
        double[][] qs = new double[quantiles][];
        for (int q = 0; q < quantiles; q++) qs[q] = Arrays.copyOf(extra[q], n);
        sub = Submission.inMemory(name, source, n, null, null, null, null, Arrays.copyOf(prediction, n), qs);
      }
      default -> {
        List<String> probabilityClasses = new ArrayList<>(suite.predictions().probabilities().keySet());
        List<String> classes = suite.data().classes();
        if (classes == null) {
          TreeSet<String> seen = new TreeSet<>(classNames.values());
          seen.addAll(probabilityClasses);
          classes = List.copyOf(seen);
        }
        int[] codeToClass = new int[classNames.size()];
        for (int c = 0; c < codeToClass.length; c++) {
          codeToClass[c] = classes.indexOf(classNames.values().get(c));
          if (codeToClass[c] < 0) {
            throw new HoldoutException.BadData(source + ", window " + name + ": label '" + classNames.values().get(c)
                + "' is not among the suite's classes " + classes + "; fix the label or add the class to data.classes");
          }
        }
        int k = classes.size();
        int[] probabilityOf = new int[k];
        for (int c = 0; c < k; c++) {
          probabilityOf[c] = probabilityClasses.indexOf(classes.get(c));
          if (probabilities > 0 && probabilityOf[c] < 0) {
            throw new HoldoutException.BadSuite(suite.file() + ": class '" + classes.get(c) + "' has no column in predictions.probabilities; "
                + "give one per class");
          }
        }
        int[] classOf = new int[n];
        int[] predicted = new int[n];
        boolean[] hit = probabilities > 0 ? new boolean[n] : null;
        double[] logLoss = probabilities > 0 ? new double[n] : null;
        double[] probs = new double[k];
        for (int i = 0; i < n; i++) {
          int a = codeToClass[actualClass[i]];
          classOf[i] = a;
          int best = -1;
          if (probabilities > 0) {
            // as Submission.load: the first most probable class in the classes' order, clipped probabilities renormalised for log loss
            double sum = 0;
            for (int c = 0; c < k; c++) {
              probs[c] = extra[probabilityOf[c]][i];
              if (best < 0 || probs[c] > probs[best]) best = c;
              sum += Math.min(Math.max(probs[c], BinaryCells.EPS), 1 - BinaryCells.EPS);
            }
            logLoss[i] = -Math.log(Math.min(Math.max(probs[a], BinaryCells.EPS), 1 - BinaryCells.EPS) / sum);
            hit[i] = MulticlassMetrics.topKHit(probs, a, suite.topK());
          }
          if (predictedClass[i] >= 0) best = codeToClass[predictedClass[i]];
          predicted[i] = best;
        }
        int[] baseClass = null;
        if (baselineClass != null) {
          baseClass = new int[n];
          for (int i = 0; i < n; i++) baseClass[i] = codeToClass[baselineClass[i]];
        }
        eval = EvaluationSet.inMemory(source, n, null, null, null, classes, classOf, null, slices, null, baseClass);
        sub = Submission.inMemory(name, source, n, null, predicted, hit, logLoss, null, null);
      }
    }
    return new Evaluator(suite, eval, Progress.NONE).evaluate(sub);
  }
}
