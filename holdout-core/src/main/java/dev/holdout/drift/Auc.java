package dev.holdout.drift;

import java.util.Arrays;

/** roc_auc of scores against a 0/1 truth, as scikit-learn's {@code roc_auc_score}, with an analytic interval. */
final class Auc {
  private Auc() {}

  /** The Mann-Whitney statistic: P(score of a positive > score of a negative), ties counting half. NaN with one class only. */
  static double mannWhitney(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSum = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[idx[j + 1]] == scores[idx[i]]) j++;
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) if (positive[idx[k]]) {
        rankSum += rank;
        pos++;
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) return Double.NaN;
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
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
