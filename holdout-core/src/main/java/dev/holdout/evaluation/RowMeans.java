package dev.holdout.evaluation;

import dev.holdout.metric.MeanCells;
import dev.holdout.metric.MetricValue;
import java.util.List;
import java.util.Map;

/** A task whose metrics are means of per-row values (retrieval, text generation), so each row's values can be listed. */
interface RowMeans {
  /** Metric names in report order. */
  List<String> names();

  /** Row-major values of {@code source} for every evaluation set row, {@code names().size()} per row; null for a missing baseline. */
  double[] perRow(int source);

  /** The bootstrap view of {@code rows} for {@code sources}: per-row values gathered into mean cells, exact, never compressed. */
  default Cells meanCells(int[] rows, int[] sources) {
    List<String> names = names();
    int m = names.size();
    double[][] values = new double[sources.length][];
    String[] reasons = new String[sources.length];
    for (int k = 0; k < sources.length; k++) {
      double[] all = perRow(sources[k]);
      if (all == null) {
        reasons[k] = "the suite names no baseline";
        continue;
      }
      double[] v = new double[rows.length * m];
      for (int i = 0; i < rows.length; i++) System.arraycopy(all, rows[i] * m, v, i * m, m);
      values[k] = v;
    }
    MeanCells cells = MeanCells.of(names, rows.length, values, reasons);
    return new Cells() {
      @Override public double[] counts() { return cells.counts(); }
      @Override public int[] cellOfRow(int rows) { return cells.cellOfRow(rows); }
      @Override public Cells compress(int budget) { return this; }
      @Override public Map<String, MetricValue> metrics(int set, double[] w) { return cells.compute(set, w); }
      @Override public Details details(int set) { return new Details(null, null, null, null); }
    };
  }
}
