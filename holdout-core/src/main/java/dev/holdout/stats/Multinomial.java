package dev.holdout.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Exact multinomial draws of n units over cells with given probabilities, in O(cells + √n log n)
 * whatever n: independent Poisson(n p_c) draws conditioned on their sum are multinomial, so the
 * sum S is drawn first, then S − n drawn units chosen uniformly are removed (a uniform subset of a
 * multinomial sample is multinomial) or n − S units drawn in proportion to p are added. The
 * stratified bootstrap ({@link Strata}) and the plan's simulated evaluation sets use it.
 * Immutable and thread-safe.
 */
public final class Multinomial {
  private final long n;
  private final Poisson.Means means;
  private final int[] cells;
  private final double[] cumulative;

  /** Draws of {@code n} units over cells with probabilities proportional to {@code weights}. */
  public Multinomial(double[] weights, long n) {
    double total = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("weight " + w);
      total += w;
    }
    if (!(total > 0)) throw new IllegalArgumentException("weights sum to " + total);
    this.n = n;
    double[] mean = new double[weights.length];
    cumulative = new double[weights.length];
    cells = new int[weights.length];
    double run = 0;
    for (int i = 0; i < weights.length; i++) {
      mean[i] = n * weights[i] / total;
      run += weights[i] / total;
      cumulative[i] = run;
      cells[i] = i;
    }
    means = new Poisson.Means(mean);
  }

  /** Fills {@code out} (one entry per cell) with one draw; the entries sum to n. */
  public void draw(SplittableRandom random, double[] out) {
    means.draw(random, out);
    long sum = 0;
    for (double x : out) sum += (long) x;
    settle(random, out, cells, cumulative, sum, n);
  }

  /**
   * Brings the {@code sum} units drawn into cells {@code m} (entries of {@code w}) to
   * {@code target}: removes a uniform subset of the surplus, or adds the shortfall to cells in
   * proportion to their share of {@code cumulative} (running totals over {@code m}).
   */
  static void settle(SplittableRandom random, double[] w, int[] m, double[] cumulative, long sum, long target) {
    if (sum > target) {
      long[] positions = distinct(random, sum, (int) (sum - target));
      int p = 0;
      long before = 0;
      for (int i : m) {
        long end = before + (long) w[i];
        while (p < positions.length && positions[p] < end) {
          w[i]--;
          p++;
        }
        before = end;
      }
    } else if (sum < target) {
      double total = cumulative[cumulative.length - 1];
      double[] positions = new double[(int) (target - sum)];
      for (int j = 0; j < positions.length; j++) positions[j] = random.nextDouble() * total;
      Arrays.sort(positions);
      int c = 0;
      for (double pos : positions) {
        while (c < m.length - 1 && cumulative[c] <= pos) c++;
        w[m[c]]++;
      }
    }
  }

  /** {@code k} distinct positions in [0, n), sorted: drawn with replacement, duplicates drawn again. */
  private static long[] distinct(SplittableRandom random, long n, int k) {
    long[] out = new long[k];
    int have = 0;
    while (true) {
      for (int j = have; j < k; j++) out[j] = random.nextLong(n);
      Arrays.sort(out);
      have = 0;
      for (int j = 0; j < k; j++) if (have == 0 || out[j] != out[have - 1]) out[have++] = out[j];
      if (have == k) return out;
    }
  }
}
