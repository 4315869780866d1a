package dev.holdout.metric;

import java.util.Arrays;

/**
 * Quantile bins over sorted values: about equal counts per bin, equal values never split, and a
 * bin never straddles a forced edge (a decision threshold, a calibration bin edge), so every
 * metric that only compares values with those edges is exact on the bins.
 */
final class Binning {
  /** Row i's cell after compression: {@code binOf} applied to the row's cell before it ({@code rowCell}, null for row i in cell i). */
  static int[] compose(int[] rowCell, int[] binOf) {
    if (rowCell == null) return binOf;
    int[] out = new int[rowCell.length];
    for (int i = 0; i < out.length; i++) out[i] = binOf[rowCell[i]];
    return out;
  }

  /** {@code rowCell}, or for null the identity over {@code rows} rows. */
  static int[] cellOfRow(int[] rowCell, int rows) {
    if (rowCell != null) return rowCell;
    int[] out = new int[rows];
    for (int i = 0; i < rows; i++) out[i] = i;
    return out;
  }

  private Binning() {}

  /** The bin (cell) of every row, and how many bins there are. */
  record Bins(int[] binOf, int count) {}

  /**
   * Quantile bins of {@code values} within each group: rows are taken in {@code order} (ascending
   * by value), gathered by group with a stable counting sort, and each non-empty group gets an equal
   * share of {@code budget} bins, at least {@code minPerGroup}.
   */
  static Bins withinGroups(int[] group, int groups, int[] order, double[] values, int budget, int minPerGroup, double[] forcedEdges) {
    int n = group.length;
    int[] start = new int[groups + 1];
    for (int g : group) start[g + 1]++;
    int nonEmpty = 0;
    for (int g = 0; g < groups; g++) {
      if (start[g + 1] > 0) nonEmpty++;
      start[g + 1] += start[g];
    }
    int[] grouped = new int[n];
    int[] fill = Arrays.copyOf(start, groups);
    for (int r : order) grouped[fill[group[r]]++] = r;
    int perGroup = Math.max(minPerGroup, budget / Math.max(1, nonEmpty));
    int[] binOf = new int[n];
    int count = 0;
    for (int g = 0; g < groups; g++) {
      count += assign(values, grouped, start[g], start[g + 1], perGroup, forcedEdges, binOf, count);
    }
    return new Bins(binOf, count);
  }

  /**
   * Assigns bins to {@code rows}, which are sorted ascending by {@code values}; writes the bin of
   * {@code rows[i]} to {@code out[rows[i]]} offset by {@code base}. Returns the number of bins used.
   */
  static int assign(double[] values, int[] rows, int from, int to, int bins, double[] forcedEdges, int[] out, int base) {
    int n = to - from;
    if (n == 0) return 0;
    double target = Math.max(1.0, (double) n / bins);
    double[] edges = forcedEdges.clone();
    Arrays.sort(edges);
    int bin = 0;
    int inBin = 0;
    double prev = values[rows[from]];
    int nextEdge = 0;
    while (nextEdge < edges.length && edges[nextEdge] <= prev) nextEdge++;
    for (int i = from; i < to; i++) {
      double v = values[rows[i]];
      boolean crosses = nextEdge < edges.length && v >= edges[nextEdge];
      if (crosses) {
        while (nextEdge < edges.length && edges[nextEdge] <= v) nextEdge++;
      }
      if (i > from && v != prev && (inBin >= target || crosses)) {
        bin++;
        inBin = 0;
      }
      out[rows[i]] = base + bin;
      inBin++;
      prev = v;
    }
    return bin + 1;
  }
}
