package dev.holdout.metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-query retrieval metric values for one or more ranked-list sets, one cell per query. Every
 * retrieval metric is a mean over queries, so a weighted mean of the per-query values is the metric
 * under bootstrap weights, exactly: the bootstrap needs no compression. A set without ranked lists
 * (no baseline) has a reason instead of values. Immutable.
 */
public final class RetrievalCells {
  private final List<String> names;
  private final int m;
  private final int size;
  private final double[] count;
  /** values[set][query * m + metric], or null with {@code reasons[set]}. */
  private final double[][] values;
  private final String[] reasons;

  private RetrievalCells(List<String> names, int size, double[][] values, String[] reasons) {
    this.names = List.copyOf(names);
    this.m = names.size();
    this.size = size;
    this.values = values;
    this.reasons = reasons;
    this.count = new double[size];
    java.util.Arrays.fill(count, 1.0);
  }

  /**
   * Cells of {@code size} queries; {@code values[set]} holds query-major values in {@code names}
   * order, or is null for a set that has none, with the reason in {@code reasons[set]}.
   */
  public static RetrievalCells of(List<String> names, int size, double[][] values, String[] reasons) {
    for (int s = 0; s < values.length; s++) {
      if (values[s] == null ? reasons[s] == null : values[s].length != size * names.size()) {
        throw new IllegalArgumentException("set " + s + ": expected " + size * names.size() + " values or a reason");
      }
    }
    return new RetrievalCells(names, size, values, reasons.clone());
  }

  public int size() {
    return size;
  }

  /** One per query: every query is its own cell. */
  public double[] counts() {
    return count;
  }

  /** The weighted mean of every metric of set {@code set}; undefined for every metric when the weights sum to 0. */
  public Map<String, MetricValue> compute(int set, double[] w) {
    Map<String, MetricValue> out = new LinkedHashMap<>();
    double[] v = values[set];
    if (v == null) {
      for (String name : names) out.put(name, MetricValue.undefined(reasons[set]));
      return out;
    }
    double[] acc = new double[m];
    double total = 0;
    for (int i = 0, base = 0; i < size; i++, base += m) {
      // No test for a zero weight: a third of Poisson(1) weights are 0, and the branch mispredicts more than the multiplications cost.
      double wi = w[i];
      total += wi;
      for (int k = 0; k < m; k++) acc[k] += wi * v[base + k];
    }
    for (int k = 0; k < m; k++) {
      out.put(names.get(k), total == 0 ? MetricValue.undefined("no queries") : MetricValue.of(acc[k] / total));
    }
    return out;
  }
}
