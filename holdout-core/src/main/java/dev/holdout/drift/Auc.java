package dev.holdout.drift;


import dev.holdout.stats.Probability;
/** The analytic interval of a roc_auc (computed by {@link dev.holdout.metric.BinaryMetrics#rocAuc}). */
final class Auc {
  private Auc() {}

  /** Hanley and McNeil (1982) normal interval for an AUC from {@code pos} positives and {@code neg} negatives, clipped to [0, 1]. */
  static double[] hanleyMcNeil(double auc, long pos, long neg, double confidence) {
    double q1 = auc / (2 - auc);
    double q2 = 2 * auc * auc / (1 + auc);
    double var = (auc * (1 - auc) + (pos - 1) * (q1 - auc * auc) + (neg - 1) * (q2 - auc * auc)) / ((double) pos * neg);
    double half = Probability.normalQuantile(0.5 + confidence / 2) * Math.sqrt(Math.max(0, var));
    return new double[] {Math.max(0, auc - half), Math.min(1, auc + half)};
  }
}
