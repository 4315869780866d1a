package dev.holdout.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The rows of a view grouped by the unit the bootstrap must resample: a customer, a question, a
 * document, a series. Each replicate draws one Poisson(1) weight per group and gives it to every
 * row of the group, so rows of one group move together (the Poisson cluster bootstrap, Chamandy et
 * al. 2012); a cell's weight is then the sum over groups of weight times the group's rows in the
 * cell. Built once per view in O(rows log rows); a replicate costs O(groups + group-cell pairs).
 * Immutable and thread-safe.
 */
public final class Clusters {
  private final int groups;
  private final int cells;
  /** Pairs sorted by group: the first pair of group g is at start[g]; each pair names a cell and the group's rows in it. */
  private final int[] start;
  private final int[] cell;
  private final double[] rows;

  private Clusters(int groups, int cells, int[] start, int[] cell, double[] rows) {
    this.groups = groups;
    this.cells = cells;
    this.start = start;
    this.cell = cell;
    this.rows = rows;
  }

  /**
   * Groups for a view: row i of the view belongs to group {@code groupOf[i]} (any non-negative
   * codes; only those present count) and lives in cell {@code cellOf[i]} of {@code cells}.
   */
  public static Clusters of(int[] groupOf, int[] cellOf, int cells) {
    if (groupOf.length != cellOf.length) throw new IllegalArgumentException(groupOf.length + " groups for " + cellOf.length + " rows");
    int n = groupOf.length;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      if (groupOf[i] < 0 || cellOf[i] < 0 || cellOf[i] >= cells) throw new IllegalArgumentException("row " + i + ": group " + groupOf[i] + ", cell " + cellOf[i]);
      keys[i] = ((long) groupOf[i] << 32) | cellOf[i];
    }
    Arrays.sort(keys);
    int pairs = 0;
    int groups = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) pairs++;
      if (i == 0 || (keys[i] >>> 32) != (keys[i - 1] >>> 32)) groups++;
    }
    int[] start = new int[groups + 1];
    int[] cell = new int[pairs];
    double[] rows = new double[pairs];
    int p = -1;
    int g = -1;
    for (int i = 0; i < n; i++) {
      boolean newGroup = i == 0 || (keys[i] >>> 32) != (keys[i - 1] >>> 32);
      if (i == 0 || keys[i] != keys[i - 1]) {
        p++;
        cell[p] = (int) keys[i];
        if (newGroup) start[++g] = p;
      }
      rows[p]++;
    }
    start[groups] = pairs;
    return new Clusters(groups, cells, start, cell, rows);
  }

  /** The number of groups in the view: the independent units behind its interval. */
  public int groups() {
    return groups;
  }

  /** Fills {@code w} (one entry per cell) with one replicate's weights. */
  void draw(SplittableRandom random, double[] w) {
    Arrays.fill(w, 0);
    for (int g = 0; g < groups; g++) {
      long k = Poisson.ONE.draw(random, 0);
      if (k == 0) continue;
      for (int p = start[g]; p < start[g + 1]; p++) w[cell[p]] += k * rows[p];
    }
  }

  int cells() {
    return cells;
  }
}
