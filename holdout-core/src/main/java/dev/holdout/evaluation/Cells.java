package dev.holdout.evaluation;

import dev.holdout.metric.MetricValue;
import dev.holdout.result.Report;
import java.util.List;
import java.util.Map;

/** A task's weighted cells for one view (rows x prediction sets), behind one interface for the pipeline. */
interface Cells {
  /** Rows per cell: the Poisson means of the bootstrap. */
  double[] counts();

  /**
   * The cell of each of the view's {@code rows} rows, in the order the view was built from: how a
   * group bootstrap turns group weights into cell weights.
   */
  int[] cellOfRow(int rows);

  /**
   * Each cell's label as a stratum (0 negative, 1 positive) for the stratified bootstrap; null
   * where the task's cells have no such strata (every task but binary classification).
   */
  default int[] labelOfCell() {
    return null;
  }

  /** Cells at most about {@code budget} in number (this object when already small enough). */
  Cells compress(int budget);

  /** Every metric of prediction set {@code set} under weights {@code w}, in a fixed order. */
  Map<String, MetricValue> metrics(int set, double[] w);

  /**
   * The values of {@code names} among {@link #metrics} into {@code out} from {@code offset} (NaN
   * where undefined or absent): what a bootstrap replicate keeps. Tasks may skip building the map.
   */
  default void vector(int set, double[] w, List<String> names, double[] out, int offset) {
    Evaluator.vector(metrics(set, w), names, out, offset);
  }

  /**
   * The metrics of {@link #metrics} and, where the task has labels (multilabel), each label's
   * figures from the same pass: label to metric to value, in the suite's label order; empty for
   * other tasks.
   */
  default Measured measure(int set, double[] w) {
    return new Measured(metrics(set, w), Map.of());
  }

  /** Overall metrics, and per-label figures (empty unless multilabel). */
  record Measured(Map<String, MetricValue> overall, Map<String, Map<String, MetricValue>> perLabel) {}

  /**
   * Confusion matrix, per-class figures, costs and chart data of set {@code set} (the baseline is
   * set 1 where the view has one), where the task has them.
   */
  Details details(int set);

  /**
   * {@code labels}: multilabel only, the label counts and cardinalities with each label's figures
   * as point values (the evaluator adds their intervals); null for other tasks.
   */
  record Details(Report.ConfusionMatrix confusion, Map<String, Report.ClassFigures> perClass, Report.CostSummary costs,
      Report.Charts charts, Report.LabelSummary labels) {
    Details(Report.ConfusionMatrix confusion, Map<String, Report.ClassFigures> perClass, Report.CostSummary costs, Report.Charts charts) {
      this(confusion, perClass, costs, charts, null);
    }
  }
}
