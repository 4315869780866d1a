package dev.holdout.metric;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-row metric values of one or more prediction sets, for metrics that are means over rows
 * (every retrieval metric is a mean over queries, every text generation metric a mean over
 * answers), so a weighted mean of the per-row values is the metric under bootstrap weights,
 * exactly: the bootstrap needs no binning. A set without values (no baseline) has a reason
 * instead; a NaN value is a row without a value for that metric, left out of its mean. Immutable.
 */
public final class MeanCells {
  private final List<String> names;
  private final int m;
  private final int size;
  private final double[] count;
  /** values[set][query * m + metric], or null with {@code reasons[set]}. */
  private final double[][] values;
  private final String[] reasons;
  /** Per set: whether some value is NaN (a row without a value for that metric, such as an answer the judge could not grade). */
  private final boolean[] gaps;

  private MeanCells(List<String> names, int size, double[] count, double[][] values, String[] reasons) {
    this.gaps = new boolean[values.length];
    for (int s = 0; s < values.length; s++) {
      if (values[s] == null) continue;
      for (double x : values[s]) {
        if (Double.isNaN(x)) {
          gaps[s] = true;
          break;
        }
      }
    }
    this.names = List.copyOf(names);
    this.m = names.size();
    this.size = size;
    this.values = values;
    this.reasons = reasons;
    this.count = count;
  }


  /**
   * The cell of each row these cells were built from, in the order the rows were given: what a
   * group bootstrap needs to weight cells by the groups their rows belong to. Null when row i is
   * cell i.
   */
  private int[] rowCell;

  /** The cell of each row these cells were built from, in the order the rows were given. */
  public int[] cellOfRow(int rows) {
    return Binning.cellOfRow(rowCell, rows);
  }

  /**
   * Cells of {@code size} queries; {@code values[set]} holds query-major values in {@code names}
   * order, or is null for a set that has none, with the reason in {@code reasons[set]}. Queries whose
   * values are identical in every set share one cell counting them: a cell of c queries gets a
   * Poisson(c) weight, which is the sum of their c Poisson(1) weights, so sharing changes no
   * replicate's distribution and the bootstrap stays exact (it saves work where many queries score
   * alike, such as every query whose relevant documents all ranked outside the lists). A NaN value
   * means the row has no value for that metric: the metric is then the weighted mean over the rows
   * that have one, and undefined when none has.
   */
  public static MeanCells of(List<String> names, int size, double[][] values, String[] reasons) {
    int m = names.size();
    for (int s = 0; s < values.length; s++) {
      if (values[s] == null ? reasons[s] == null : values[s].length != size * m) {
        throw new IllegalArgumentException("set " + s + ": expected " + size * m + " values or a reason");
      }
    }
    int tableSize = Integer.highestOneBit(Math.max(4, size * 2 - 1)) << 1;
    int[] table = new int[tableSize];
    Arrays.fill(table, -1);
    int[] cellOf = new int[size];
    int[] first = new int[size];
    int cells = 0;
    for (int i = 0; i < size; i++) {
      long h = 0;
      for (double[] v : values) {
        if (v == null) continue;
        for (int k = i * m; k < i * m + m; k++) h = (h ^ Double.doubleToLongBits(v[k])) * 0x100000001b3L;
      }
      int slot = (int) (h ^ (h >>> 29) ^ (h >>> 47)) & (tableSize - 1);
      int c;
      while ((c = table[slot]) >= 0 && !same(values, m, first[c], i)) slot = (slot + 1) & (tableSize - 1);
      if (c < 0) {
        c = cells++;
        table[slot] = c;
        first[c] = i;
      }
      cellOf[i] = c;
    }
    double[] count = new double[cells];
    for (int i = 0; i < size; i++) count[cellOf[i]]++;
    double[][] shared = new double[values.length][];
    for (int s = 0; s < values.length; s++) {
      if (values[s] == null) continue;
      if (cells == size) {
        shared[s] = values[s];
        continue;
      }
      shared[s] = new double[cells * m];
      for (int c = 0; c < cells; c++) System.arraycopy(values[s], first[c] * m, shared[s], c * m, m);
    }
    MeanCells out = new MeanCells(names, cells, count, shared, reasons.clone());
    if (cells != size) out.rowCell = cellOf;
    return out;
  }

  private static boolean same(double[][] values, int m, int a, int b) {
    for (double[] v : values) {
      if (v == null) continue;
      for (int k = 0; k < m; k++) if (Double.doubleToLongBits(v[a * m + k]) != Double.doubleToLongBits(v[b * m + k])) return false;
    }
    return true;
  }

  /** Cells: at most the number of queries. */
  public int size() {
    return size;
  }

  /** Queries per cell: the Poisson means of the bootstrap. */
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
    if (gaps[set]) return computeWithGaps(v, w);
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

  /** The weighted mean of each metric over the cells that have a value for it. */
  private Map<String, MetricValue> computeWithGaps(double[] v, double[] w) {
    double[] acc = new double[m];
    double[] total = new double[m];
    double all = 0;
    for (int i = 0, base = 0; i < size; i++, base += m) {
      double wi = w[i];
      all += wi;
      for (int k = 0; k < m; k++) {
        double x = v[base + k];
        if (Double.isNaN(x)) continue;
        acc[k] += wi * x;
        total[k] += wi;
      }
    }
    Map<String, MetricValue> out = new LinkedHashMap<>();
    for (int k = 0; k < m; k++) {
      out.put(names.get(k), all == 0 ? MetricValue.undefined("no queries")
          : total[k] == 0 ? MetricValue.undefined("no row has a value: the judge graded none, or the answers carry no passages (a baseline, or answers holdout run got from an endpoint)") : MetricValue.of(acc[k] / total[k]));
    }
    return out;
  }
}
