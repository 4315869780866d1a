package dev.holdout.evaluation;

import java.util.List;

/** A task whose metrics are means of per-row values (retrieval, text generation), so each row's values can be listed. */
interface RowMeans {
  /** Metric names in report order. */
  List<String> names();

  /** Row-major values of {@code source} for every evaluation set row, {@code names().size()} per row. */
  double[] perRow(int source);
}
