package dev.holdout.evaluation;

import dev.holdout.metric.Direction;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.suite.Suite;
import java.util.List;

/**
 * The joined data of one task: the labels, and every prediction source (the submissions, then
 * the baseline last) aligned to the evaluation set's rows with missing predictions already
 * scored as the suite's {@code predictions.missing} says. Builds {@link Cells} for any subset.
 */
abstract class TaskModel {
  final Suite suite;
  final EvaluationSet eval;
  final int baseline;

  TaskModel(Suite suite, EvaluationSet eval, int submissions) {
    this.suite = suite;
    this.eval = eval;
    this.baseline = submissions;
  }

  /** Cells for {@code rows} (evaluation set row numbers) and the given sources, in that order. */
  abstract Cells cells(int[] rows, int[] sources);

  /**
   * The evaluation set's rows in the order that makes cells cheapest to build for
   * {@code source}: by its score for binary classification (views built from rows in this order
   * need no sort of their own), the file order otherwise.
   */
  int[] order(int source) {
    int[] all = new int[eval.rows];
    for (int i = 0; i < all.length; i++) all[i] = i;
    return all;
  }

  /**
   * Whether {@code source} is right about each of {@code rows} in the sense of accuracy (McNemar's
   * test needs it); null where accuracy is not a share of right rows.
   */
  boolean[] right(int source, int[] rows) {
    return null;
  }

  /** A one-line description of the baseline for the report. */
  abstract String baselineName();

  Direction direction(String metric) {
    return MetricCatalog.direction(suite.task(), metric).orElseThrow();
  }

  static TaskModel of(Suite suite, EvaluationSet eval, List<Submission> submissions) {
    return switch (suite.task()) {
      case BINARY_CLASSIFICATION -> new BinaryModel(suite, eval, submissions);
      case MULTICLASS_CLASSIFICATION -> new MulticlassModel(suite, eval, submissions);
      case MULTILABEL_CLASSIFICATION -> new MultilabelModel(suite, eval, submissions);
      case REGRESSION -> new RegressionModel(suite, eval, submissions);
      case FORECASTING -> new ForecastModel(suite, eval, submissions);
      case RETRIEVAL -> new RetrievalModel(suite, eval, submissions);
      case TEXT_GENERATION -> new TextModel(suite, eval, submissions);
      default -> throw new IllegalStateException("unsupported task " + suite.task());
    };
  }

  static double[] pick(double[] values, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) out[i] = values[rows[i]];
    return out;
  }

  static int[] pick(int[] values, int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) out[i] = values[rows[i]];
    return out;
  }

  static boolean[] pick(boolean[] values, int[] rows) {
    if (values == null) return null;
    boolean[] out = new boolean[rows.length];
    for (int i = 0; i < rows.length; i++) out[i] = values[rows[i]];
    return out;
  }
}
