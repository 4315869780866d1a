package dev.holdout.metric;

/**
 * Quantile bins over sorted values: about equal counts per bin, equal values never split, and a
 * bin never straddles a forced edge (a decision threshold, a calibration bin edge), so every
 * metric that only compares values with those edges is exact on the bins.
 */
final class Binning {
  private Binning() {}

  /**
   * Assigns bins to {@code rows}, which are sorted ascending by {@code values}; writes the bin of
   * {@code rows[i]} to {@code out[rows[i]]} offset by {@code base}. Returns the number of bins used.
   */
  static int assign(double[] values, int[] rows, int from, int to, int bins, double[] forcedEdges, int[] out, int base) {
    int n = to - from;
    if (n == 0) return 0;
    double target = Math.max(1.0, (double) n / bins);
    double[] edges = forcedEdges.clone();
    java.util.Arrays.sort(edges);
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
