package dev.holdout.metric;

import dev.holdout.stats.Sorting;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted cells for multiclass classification: each cell is one row, or (after
 * {@link #compress}) the rows sharing the true class, each set's predicted class and top-k hit,
 * and a narrow band of log loss, whose mean the cell keeps.
 */
public final class MulticlassCells {
  final int size;
  final List<String> classes;
  final double[] count;
  final int[] actual;
  final int[][] predicted;
  final boolean[][] hit;
  final double[][] logLoss;

  /** One prediction set's per-row values: the predicted class, and with probabilities the top-k hit and log loss. */
  public record SetRows(int[] predicted, boolean[] topKHit, double[] logLoss) {}

  private MulticlassCells(List<String> classes, double[] count, int[] actual, int[][] predicted, boolean[][] hit, double[][] logLoss) {
    this.size = count.length;
    this.classes = List.copyOf(classes);
    this.count = count;
    this.actual = actual;
    this.predicted = predicted;
    this.hit = hit;
    this.logLoss = logLoss;
  }

  public static MulticlassCells ofRows(List<String> classes, int[] actual, List<SetRows> sets) {
    int n = actual.length;
    double[] count = new double[n];
    Arrays.fill(count, 1.0);
    int s = sets.size();
    int[][] pred = new int[s][];
    boolean[][] hit = new boolean[s][];
    double[][] ll = new double[s][];
    for (int j = 0; j < s; j++) {
      pred[j] = sets.get(j).predicted();
      hit[j] = sets.get(j).topKHit();
      ll[j] = sets.get(j).logLoss();
    }
    return new MulticlassCells(classes, count, actual, pred, hit, ll);
  }

  public int size() {
    return size;
  }

  public double[] counts() {
    return count;
  }

  public List<String> classes() {
    return classes;
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

  public boolean hasProbabilities(int set) {
    return logLoss[set] != null;
  }

  /** This object when it has at most {@code budget} cells, else cells grouped as the class comment says. */
  public MulticlassCells compress(int budget) {
    if (size <= budget) return this;
    int sets = predicted.length;
    int k = classes.size();
    Map<Long, Integer> groupIds = new HashMap<>();
    int[] group = new int[size];
    for (int i = 0; i < size; i++) {
      long key = actual[i];
      for (int j = 0; j < sets; j++) {
        key = key * k + predicted[j][i];
        key = key * 2 + (hit[j] != null && hit[j][i] ? 1 : 0);
      }
      group[i] = groupIds.computeIfAbsent(key, x -> groupIds.size());
    }
    int groups = groupIds.size();
    int[] cellOf;
    int cells;
    if (logLoss[0] == null) {
      cellOf = group;
      cells = groups;
    } else {
      int[] byLoss = Sorting.order(logLoss[0]);
      Binning.Bins bins = Binning.withinGroups(group, groups, byLoss, logLoss[0], budget, 1, new double[0]);
      cellOf = bins.binOf();
      cells = bins.count();
    }
    double[] c = new double[cells];
    int[] act = new int[cells];
    int[][] pred = new int[sets][cells];
    boolean[][] h = new boolean[sets][];
    double[][] ll = new double[sets][];
    for (int j = 0; j < sets; j++) {
      if (hit[j] != null) h[j] = new boolean[cells];
      if (logLoss[j] != null) ll[j] = new double[cells];
    }
    for (int i = 0; i < size; i++) {
      int cell = cellOf[i];
      double w = count[i];
      c[cell] += w;
      act[cell] = actual[i];
      for (int j = 0; j < sets; j++) {
        pred[j][cell] = predicted[j][i];
        if (h[j] != null) h[j][cell] = hit[j][i];
        if (ll[j] != null) ll[j][cell] += w * logLoss[j][i];
      }
    }
    for (int j = 0; j < sets; j++) {
      if (ll[j] != null) for (int cell = 0; cell < cells; cell++) ll[j][cell] /= c[cell];
    }
    MulticlassCells out = new MulticlassCells(classes, c, act, pred, h, ll);
    out.rowCell = Binning.compose(rowCell, cellOf);
    return out;
  }
}
