package dev.holdout.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Cells split into strata whose row totals every replicate keeps fixed: the stratified bootstrap
 * ({@code bootstrap.stratify: label}), which resamples the positive rows among themselves and the
 * negative rows among themselves, so a set with 12 positives has 12 in every replicate. Each
 * replicate is an exact multinomial within each stratum: independent Poisson weights conditioned on
 * their sum are multinomial, so Holdout draws the Poisson weights as usual and then, when a
 * stratum's sum S differs from its rows N, removes S − N drawn units chosen uniformly (a uniform
 * subset of a multinomial sample is a multinomial sample) or adds N − S units drawn in proportion
 * to the cells' rows. The correction touches about √N units, so a replicate costs O(cells + √N log N).
 * Cells must not mix strata and hold whole numbers of rows. Immutable and thread-safe.
 */
public final class Strata {
  private final int cells;
  private final Poisson.Means means;
  /** The cells of each stratum, and the running total of their rows. */
  private final int[][] members;
  private final double[][] cumulative;

  private Strata(int cells, Poisson.Means means, int[][] members, double[][] cumulative) {
    this.cells = cells;
    this.means = means;
    this.members = members;
    this.cumulative = cumulative;
  }

  /** Strata for cells with rows {@code counts}: cell i belongs to stratum {@code stratumOf[i]} (0, 1, ...). */
  public static Strata of(int[] stratumOf, double[] counts) {
    if (stratumOf.length != counts.length) throw new IllegalArgumentException(stratumOf.length + " strata for " + counts.length + " cells");
    int k = 0;
    for (int s : stratumOf) {
      if (s < 0) throw new IllegalArgumentException("negative stratum " + s);
      k = Math.max(k, s + 1);
    }
    int[] sizes = new int[k];
    for (int s : stratumOf) sizes[s]++;
    int[][] members = new int[k][];
    double[][] cumulative = new double[k][];
    for (int s = 0; s < k; s++) {
      members[s] = new int[sizes[s]];
      cumulative[s] = new double[sizes[s]];
    }
    int[] fill = new int[k];
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != Math.rint(counts[i]) || counts[i] < 0) throw new IllegalArgumentException("cell " + i + " holds " + counts[i] + " rows");
      int s = stratumOf[i];
      int j = fill[s]++;
      members[s][j] = i;
      cumulative[s][j] = (j == 0 ? 0 : cumulative[s][j - 1]) + counts[i];
    }
    return new Strata(counts.length, new Poisson.Means(counts), members, cumulative);
  }

  /** The rows of stratum {@code s}, the same in every replicate. */
  public long rows(int s) {
    double[] c = cumulative[s];
    return c.length == 0 ? 0 : (long) c[c.length - 1];
  }

  int cells() {
    return cells;
  }

  /** Fills {@code w} (one entry per cell) with one replicate's weights. */
  void draw(SplittableRandom random, double[] w) {
    means.draw(random, w);
    for (int s = 0; s < members.length; s++) {
      int[] m = members[s];
      long target = rows(s);
      long sum = 0;
      for (int i : m) sum += (long) w[i];
      Multinomial.settle(random, w, m, cumulative[s], sum, target);
    }
  }
}
