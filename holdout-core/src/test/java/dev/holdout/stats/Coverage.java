package dev.holdout.stats;

/** What the coverage simulations count: whether a 95% percentile interval of replicates holds the truth. */
final class Coverage {
  private Coverage() {}

  static boolean covers(double[] replicates, double truth) {
    double[] ci = Bootstrap.percentileInterval(replicates, 0.95);
    return ci != null && ci[0] <= truth && truth <= ci[1];
  }
}
