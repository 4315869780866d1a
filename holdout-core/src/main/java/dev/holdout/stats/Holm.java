package dev.holdout.stats;

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
    Integer[] tested = PValues.ascending(p);
    int m = tested.length;
    double[] out = PValues.untested(p);
    double running = 0;
    for (int k = 0; k < m; k++) {
      int i = tested[k];
      running = Math.max(running, Math.min(1, (m - k) * p[i]));
      out[i] = running;
    }
    return out;
  }
}
