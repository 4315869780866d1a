package dev.holdout.stats;

/**
 * Benjamini and Hochberg's step-up adjustment of p-values (J. R. Stat. Soc. B 57, 1995): the k-th
 * smallest of m p-values is multiplied by m / k, and adjusted values never increase from the largest
 * down, clipped to 1; as {@code scipy.stats.false_discovery_control(p, method='bh')}. Rejecting every
 * hypothesis whose adjusted p-value is at most q keeps the expected share of false rejections among
 * the rejections at most q for independent or positively dependent tests, and, when no hypothesis is
 * false, the chance of any rejection at most q. NaN (no test) stays NaN and takes no part.
 */
public final class FalseDiscovery {
  private FalseDiscovery() {}

  /** The false discovery rate drift and monitor control over columns: 5%. */
  public static final double DEFAULT_RATE = 0.05;

  /** Adjusted p-values, in the order given; {@code p} is not changed. */
  public static double[] adjust(double[] p) {
    Integer[] tested = PValues.ascending(p);
    int m = tested.length;
    double[] out = PValues.untested(p);
    double running = 1;
    for (int k = m - 1; k >= 0; k--) {
      int i = tested[k];
      running = Math.min(running, p[i] * m / (k + 1));
      out[i] = running;
    }
    return out;
  }

  /** How many of {@code p} are tested (not NaN): the m the adjustment divides by. */
  public static int tested(double[] p) {
    int m = 0;
    for (double v : p) if (!Double.isNaN(v)) m++;
    return m;
  }
}
