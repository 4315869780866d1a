package dev.holdout.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment of p-values (Holm 1979): the k-th smallest of m p-values is
 * multiplied by m − k + 1, and adjusted values never decrease along that order. Rejecting every
 * hypothesis whose adjusted p-value is at most alpha keeps the chance of any false rejection at
 * most alpha, whatever the dependence between the tests. NaN (no test) stays NaN and takes no part.
 */
public final class Holm {
  private Holm() {}

  /** Adjusted p-values, in the order given. */
  public static double[] adjust(double[] p) {
    Integer[] order = new Integer[p.length];
    int m = 0;
    for (int i = 0; i < p.length; i++) if (!Double.isNaN(p[i])) order[m++] = i;
    Integer[] tested = Arrays.copyOf(order, m);
    Arrays.sort(tested, Comparator.comparingDouble(i -> p[i]));
    double[] out = new double[p.length];
    Arrays.fill(out, Double.NaN);
    double running = 0;
    for (int k = 0; k < m; k++) {
      int i = tested[k];
      running = Math.max(running, Math.min(1, (m - k) * p[i]));
      out[i] = running;
    }
    return out;
  }
}
