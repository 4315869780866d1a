package dev.holdout.stats;

import dev.holdout.base.Format;

/**
 * DeLong's test that two scores have the same roc_auc on the same rows (DeLong, DeLong and
 * Clarke-Pearson 1988), by the fast algorithm of Sun and Xu (2014): each row's placement value
 * comes from midranks, so a pair costs three sorts instead of the positives times the negatives
 * comparisons of the original. Ties count half, as in roc_auc. The test is two-sided: z is the
 * difference over its standard error and p = 2 Φ(−|z|).
 *
 * <p>With groups (data.group), the variance sums each group's placement values first
 * (Obuchowski 1997, "Nonparametric analysis of clustered ROC curve data"): var = I/(I−1) Σ_k
 * (D10_k/M + D01_k/N)² over the I groups, where D10_k and D01_k are the group's centred sums of
 * the differences of the positives' and negatives' placement values, so rows of one group that
 * move together are not counted as independent evidence.
 */
public final class DeLong {
  private DeLong() {}

  /**
   * Tests roc_auc of {@code a} against {@code b} on rows labelled {@code positive}; {@code groups}
   * (the group of each row, or null for independent rows) switches to the clustered variance.
   */
  public static TestResult test(boolean[] positive, double[] a, double[] b, int[] groups) {
    int n = positive.length;
    if (a.length != n || b.length != n || (groups != null && groups.length != n)) {
      throw new IllegalArgumentException("rows differ: " + n + " labels, " + a.length + " and " + b.length + " scores");
    }
    int m = 0;
    for (boolean p : positive) if (p) m++;
    int neg = n - m;
    if (m == 0 || neg == 0) return TestResult.undefined("roc_auc needs both labels among the rows; " + (m == 0 ? "no positive" : "no negative") + " row");
    double[] va = placements(positive, a, m, neg);
    double[] vb = placements(positive, b, m, neg);
    double aucA = va[n];
    double aucB = vb[n];
    double diff = aucA - aucB;
    double variance;
    if (groups == null) {
      if (m < 2 || neg < 2) return TestResult.undefined("DeLong's variance needs at least two rows of each label");
      double s10 = 0;
      double s01 = 0;
      for (int i = 0; i < n; i++) {
        double d = va[i] - vb[i] - diff;
        if (positive[i]) s10 += d * d; else s01 += d * d;
      }
      variance = s10 / ((double) m * (m - 1)) + s01 / ((double) neg * (neg - 1));
    } else {
      int max = 0;
      for (int g : groups) {
        if (g < 0) throw new IllegalArgumentException("negative group code " + g);
        max = Math.max(max, g);
      }
      double[] sum = new double[max + 1];
      boolean[] seen = new boolean[max + 1];
      for (int i = 0; i < n; i++) {
        double d = va[i] - vb[i] - diff;
        sum[groups[i]] += positive[i] ? d / m : d / neg;
        seen[groups[i]] = true;
      }
      int clusters = 0;
      double ss = 0;
      for (int g = 0; g <= max; g++) {
        if (!seen[g]) continue;
        clusters++;
        ss += sum[g] * sum[g];
      }
      if (clusters < 2) return TestResult.undefined("the clustered variance needs at least two groups");
      variance = clusters / (clusters - 1.0) * ss;
    }
    String detail = "roc_auc " + Format.number(aucA) + " and " + Format.number(aucB);
    if (!(variance > 0)) {
      if (diff == 0) return TestResult.of(0, 1, detail + ": the two rank every pair of rows alike");
      return TestResult.undefined("the difference has no variance: every pair of a positive and a negative row is ordered alike by both");
    }
    double se = Math.sqrt(variance);
    double z = diff / se;
    return TestResult.of(z, Probability.erfc(Math.abs(z) / Math.sqrt(2)), detail + ", standard error of the difference " + Format.number(se));
  }

  /**
   * Placement values: for a positive row, the share of negatives it outranks (V10); for a
   * negative, the share of positives that outrank it (V01); ties count half. Element n is the
   * roc_auc. From midranks (Sun and Xu 2014): V10 = (rank among all − rank among positives) / N,
   * V01 = 1 − (rank among all − rank among negatives) / M.
   */
  static double[] placements(boolean[] positive, double[] score, int m, int neg) {
    int n = positive.length;
    double[] all = midranks(score, null, false);
    double[] pos = midranks(score, positive, true);
    double[] negRanks = midranks(score, positive, false);
    double[] v = new double[n + 1];
    double rankSum = 0;
    for (int i = 0; i < n; i++) {
      if (positive[i]) {
        v[i] = (all[i] - pos[i]) / neg;
        rankSum += all[i];
      } else {
        v[i] = 1 - (all[i] - negRanks[i]) / m;
      }
    }
    v[n] = (rankSum - m * (m + 1) / 2.0) / ((double) m * neg);
    return v;
  }

  /**
   * 1-based midranks of {@code score} among the rows whose label equals {@code which} (all rows
   * when {@code labels} is null); other rows get 0. Linear time after the radix sort.
   */
  static double[] midranks(double[] score, boolean[] labels, boolean which) {
    int n = score.length;
    int[] order = Sorting.order(score);
    double[] ranks = new double[n];
    int k = 0;
    int[] members = new int[n];
    for (int i : order) if (labels == null || labels[i] == which) members[k++] = i;
    int i = 0;
    while (i < k) {
      int j = i;
      while (j + 1 < k && score[members[j + 1]] == score[members[i]]) j++;
      double mid = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) ranks[members[t]] = mid;
      i = j + 1;
    }
    return ranks;
  }
}
