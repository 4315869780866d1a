package dev.holdout.drift;

import dev.holdout.metric.BinaryMetrics;
import dev.holdout.stats.Probability;
import java.util.Arrays;

/** A roc_auc from scores, and its analytic interval. */
final class Auc {
  private Auc() {}

  /**
   * The roc_auc of {@code score} for telling {@code positive} rows from the others, as
   * {@link BinaryMetrics#rocAuc} (the Mann-Whitney statistic, ties counting half; NaN without both
   * kinds of row): each kind's scores sorted as primitives and counted in one merging pass, which
   * the domain classifier's permutation importance does {@value DomainCheck#REPEATS} times per
   * column. The count is exact, so the value is the exact fraction rounded once.
   */
  static double rocAuc(double[] score, boolean[] positive) {
    int pos = 0;
    for (boolean p : positive) if (p) pos++;
    int neg = positive.length - pos;
    if (pos == 0 || neg == 0) return Double.NaN;
    double[] p = new double[pos];
    double[] n = new double[neg];
    for (int i = 0, a = 0, b = 0; i < score.length; i++) {
      if (positive[i]) p[a++] = score[i];
      else n[b++] = score[i];
    }
    Arrays.sort(p);
    Arrays.sort(n);
    double wins = 0;  // pairs with the positive scored higher, ties counting half; exact below 2^53
    int below = 0;
    int upTo = 0;
    for (int i = 0; i < pos; i++) {
      double v = p[i];
      while (below < neg && n[below] < v) below++;
      if (upTo < below) upTo = below;
      while (upTo < neg && n[upTo] == v) upTo++;
      wins += below + 0.5 * (upTo - below);
    }
    return wins / ((double) pos * neg);
  }

  /** Hanley and McNeil (1982) normal interval for an AUC from {@code pos} positives and {@code neg} negatives, clipped to [0, 1]. */
  static double[] hanleyMcNeil(double auc, long pos, long neg, double confidence) {
    double q1 = auc / (2 - auc);
    double q2 = 2 * auc * auc / (1 + auc);
    double var = (auc * (1 - auc) + (pos - 1) * (q1 - auc * auc) + (neg - 1) * (q2 - auc * auc)) / ((double) pos * neg);
    double half = Probability.normalQuantile(0.5 + confidence / 2) * Math.sqrt(Math.max(0, var));
    return new double[] {Math.max(0, auc - half), Math.min(1, auc + half)};
  }
}
