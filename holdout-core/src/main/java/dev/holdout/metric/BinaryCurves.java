package dev.holdout.metric;

import java.util.Arrays;

/**
 * Curves behind the charts of a binary report, from exact cells: ROC, precision-recall and
 * expected cost at every distinct score threshold, thinned to at most a given number of points
 * (every k-th threshold, keeping both ends and, with costs, the cost optimum of
 * {@link BinaryMetrics#costOptimum}, which may add one point; when predicting no positive is
 * cheapest, that is the first point, always kept), the cumulative gains and lift of a call list
 * worked down the scores, and the score histogram per label.
 */
public final class BinaryCurves {
  private BinaryCurves() {}

  /** Parallel arrays; {@code t[i]} is the threshold of point i, NaN where none applies. */
  public record Points(double[] x, double[] y, double[] t) {}

  /**
   * ROC (x = false positive rate, y = true positive rate), precision-recall (x = recall,
   * y = precision, ending at recall 0 and precision 1 as scikit-learn does) and, with costs, the
   * expected cost per 1,000 decisions (x = threshold); null entries where a label is missing.
   */
  public static Points[] curves(BinaryCells c, int set, BinaryMetrics.Costs costs, int maxPoints) {
    int[] order = c.order[set];
    double[] s = c.score[set];
    double pos = 0, neg = 0;
    int distinct = 0;
    for (int i = 0; i < c.size; i++) {
      if (c.positive[i]) pos += c.count[i]; else neg += c.count[i];
      if (i == 0 || s[order[i]] != s[order[i - 1]]) distinct++;
    }
    int[] keep = thin(distinct + 1, maxPoints);
    if (costs != null) keep = withPoint(keep, BinaryMetrics.cheapestRank(c, set, costs));
    int m = keep.length;
    double[] fpr = new double[m];
    double[] tpr = new double[m];
    double[] prec = new double[m];
    double[] thr = new double[m];
    double[] cost = new double[m];
    double tp = 0, fp = 0;
    int next = 0;
    int k = 0;
    int i = c.size - 1;
    while (next < m) {
      if (k > 0) {
        double v = s[order[i]];
        while (i >= 0 && s[order[i]] == v) {
          int cell = order[i];
          if (c.positive[cell]) tp += c.count[cell]; else fp += c.count[cell];
          i--;
        }
        thr[next] = v;
      } else {
        thr[next] = Double.NaN;
      }
      if (keep[next] == k) {
        fpr[next] = neg > 0 ? fp / neg : Double.NaN;
        tpr[next] = pos > 0 ? tp / pos : Double.NaN;
        prec[next] = tp + fp > 0 ? tp / (tp + fp) : 1;
        if (costs != null) {
          cost[next] = costs.of(tp, fp, neg - fp, pos - tp) / (pos + neg) * 1000;
        }
        next++;
      }
      k++;
    }
    Points roc = pos > 0 && neg > 0 ? new Points(fpr, tpr, thr) : null;
    // Point 0, before any threshold, is scikit-learn's (recall 0, precision 1).
    Points pr = pos > 0 ? new Points(tpr.clone(), prec, thr.clone()) : null;
    Points costCurve = null;
    if (costs != null && m > 1) {
      double[] x = Arrays.copyOfRange(thr, 1, m);
      costCurve = new Points(x, Arrays.copyOfRange(cost, 1, m), x.clone());
    }
    return new Points[] {roc, pr, costCurve};
  }

  /**
   * The cumulative gains and lift curves of a call list worked down the scores, one point per
   * distinct score threshold from the highest, thinned as {@link #curves} thins (every k-th
   * threshold, both ends kept): gains has x = the share of rows scoring at or above the threshold
   * and y = the share of all positives among them, starting at (0, 0) before any threshold; lift
   * has the same x and y = the positive rate of those rows over the positive rate of all rows, with
   * no point before any threshold. Both are null when no row is positive.
   */
  public static Points[] gains(BinaryCells c, int set, int maxPoints) {
    int[] order = c.order[set];
    double[] s = c.score[set];
    double pos = 0, all = 0;
    int distinct = 0;
    for (int i = 0; i < c.size; i++) {
      all += c.count[i];
      if (c.positive[i]) pos += c.count[i];
      if (i == 0 || s[order[i]] != s[order[i - 1]]) distinct++;
    }
    if (pos == 0) return new Points[2];
    int[] keep = thin(distinct + 1, maxPoints);
    int m = keep.length;
    double[] x = new double[m];
    double[] gain = new double[m];
    double[] lift = new double[m];
    double[] thr = new double[m];
    double tp = 0, taken = 0;
    int next = 0;
    int i = c.size - 1;
    for (int k = 0; next < m; k++) {
      if (k > 0) {
        double v = s[order[i]];
        while (i >= 0 && s[order[i]] == v) {
          int cell = order[i];
          taken += c.count[cell];
          if (c.positive[cell]) tp += c.count[cell];
          i--;
        }
        thr[next] = v;
      } else {
        thr[next] = Double.NaN;
      }
      if (keep[next] == k) {
        x[next] = taken / all;
        gain[next] = tp / pos;
        lift[next] = taken > 0 ? (tp / taken) / (pos / all) : Double.NaN;
        next++;
      }
    }
    Points gains = new Points(x, gain, thr);
    Points lifts = m > 1 ? new Points(Arrays.copyOfRange(x, 1, m), Arrays.copyOfRange(lift, 1, m),
        Arrays.copyOfRange(thr, 1, m)) : null;
    return new Points[] {gains, lifts};
  }

  /** Counts of rows per equal-width score bin on [0, 1], for negatives then positives. */
  public static double[][] histogram(BinaryCells c, int set, int bins) {
    double[][] h = new double[2][bins];
    double[] s = c.score[set];
    for (int i = 0; i < c.size; i++) {
      int b = Math.min(bins - 1, Math.max(0, (int) (s[i] * bins)));
      h[c.positive[i] ? 1 : 0][b] += c.count[i];
    }
    return h;
  }

  /** Rows, mean score and positive rate of each calibration bin of {@link BinaryMetrics#ECE_BINS}. */
  public static double[][] calibration(BinaryCells c, int set) {
    int bins = BinaryMetrics.ECE_BINS;
    double[] rows = new double[bins];
    double[] score = new double[bins];
    double[] positive = new double[bins];
    double[] s = c.score[set];
    for (int i = 0; i < c.size; i++) {
      int b = c.eceBin[set][i];
      rows[b] += c.count[i];
      score[b] += c.count[i] * s[i];
      if (c.positive[i]) positive[b] += c.count[i];
    }
    return new double[][] {rows, score, positive};
  }

  /** {@code keep} (ascending) with {@code point} added if missing. */
  private static int[] withPoint(int[] keep, int point) {
    int at = Arrays.binarySearch(keep, point);
    if (at >= 0) return keep;
    int ins = -at - 1;
    int[] out = new int[keep.length + 1];
    System.arraycopy(keep, 0, out, 0, ins);
    out[ins] = point;
    System.arraycopy(keep, ins, out, ins + 1, keep.length - ins);
    return out;
  }

  static int[] thin(int n, int max) {
    if (n <= max) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) all[i] = i;
      return all;
    }
    int[] keep = new int[max];
    for (int j = 0; j < max; j++) keep[j] = (int) Math.round((double) j * (n - 1) / (max - 1));
    return keep;
  }

}
