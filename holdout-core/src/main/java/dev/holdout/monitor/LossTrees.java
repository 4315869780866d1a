package dev.holdout.monitor;

import java.util.Arrays;

/**
 * Gradient-boosted regression trees for {@link Dle}'s loss model: least-squares boosting (Friedman
 * 2001) of depth-limited trees over features cut into at most {@value #BINS} quantile bins (the
 * histogram method of LightGBM, which NannyML's DLE uses), learning rate {@value #RATE},
 * {@value #ROUNDS} rounds, depth {@value #DEPTH}, at least {@value #MIN_LEAF} rows a leaf. A
 * missing value (NaN) goes to the lowest bin. Deterministic; fitting is O(rounds × rows × features).
 */
final class LossTrees {
  static final int BINS = 32;
  static final int ROUNDS = 150;
  static final int DEPTH = 3;
  static final int MIN_LEAF = 20;
  static final double RATE = 0.1;

  private final double[][] cuts;
  private final double base;
  /** Per tree, nodes in heap order: feature (−1 for a leaf), bin threshold (go left when bin ≤ it), value. */
  private final int[][] feature;
  private final int[][] split;
  private final double[][] value;

  private LossTrees(double[][] cuts, double base, int[][] feature, int[][] split, double[][] value) {
    this.cuts = cuts;
    this.base = base;
    this.feature = feature;
    this.split = split;
    this.value = value;
  }

  static LossTrees fit(double[][] x, double[] y) {
    int n = y.length;
    int d = x[0].length;
    double[][] cuts = new double[d][];
    byte[][] bins = new byte[d][n];
    for (int f = 0; f < d; f++) {
      double[] col = new double[n];
      for (int i = 0; i < n; i++) col[i] = x[i][f];
      cuts[f] = cuts(col);
      for (int i = 0; i < n; i++) bins[f][i] = (byte) bin(cuts[f], col[i]);
    }
    double base = 0;
    for (double v : y) base += v;
    base /= n;
    double[] residual = new double[n];
    for (int i = 0; i < n; i++) residual[i] = y[i] - base;
    int nodes = (1 << (DEPTH + 1)) - 1;
    int[][] feature = new int[ROUNDS][nodes];
    int[][] split = new int[ROUNDS][nodes];
    double[][] value = new double[ROUNDS][nodes];
    int[] node = new int[n];
    for (int t = 0; t < ROUNDS; t++) {
      Arrays.fill(feature[t], -1);
      Arrays.fill(node, 0);
      for (int level = 0; level < DEPTH; level++) {
        int first = (1 << level) - 1;
        int count = 1 << level;
        double[][][] sum = new double[count][d][BINS];
        int[][][] cnt = new int[count][d][BINS];
        for (int i = 0; i < n; i++) {
          int k = node[i] - first;
          if (k < 0 || k >= count) continue;
          for (int f = 0; f < d; f++) {
            sum[k][f][bins[f][i]] += residual[i];
            cnt[k][f][bins[f][i]]++;
          }
        }
        for (int k = 0; k < count; k++) {
          double s = 0;
          int c = 0;
          for (int b = 0; b < BINS; b++) {
            s += sum[k][0][b];
            c += cnt[k][0][b];
          }
          double bestGain = 1e-12;
          for (int f = 0; f < d; f++) {
            double sl = 0;
            int cl = 0;
            for (int b = 0; b < BINS - 1; b++) {
              sl += sum[k][f][b];
              cl += cnt[k][f][b];
              int cr = c - cl;
              if (cl < MIN_LEAF || cr < MIN_LEAF) continue;
              double gain = sl * sl / cl + (s - sl) * (s - sl) / cr - s * s / c;
              if (gain > bestGain) {
                bestGain = gain;
                feature[t][first + k] = f;
                split[t][first + k] = b;
              }
            }
          }
        }
        for (int i = 0; i < n; i++) {
          int at = node[i];
          if (at >= first && at < first + count && feature[t][at] >= 0) node[i] = 2 * at + 1 + (bins[feature[t][at]][i] <= split[t][at] ? 0 : 1);
        }
      }
      double[] s = new double[nodes];
      int[] c = new int[nodes];
      for (int i = 0; i < n; i++) {
        s[node[i]] += residual[i];
        c[node[i]]++;
      }
      for (int k = 0; k < nodes; k++) value[t][k] = c[k] == 0 ? 0 : RATE * s[k] / c[k];
      for (int i = 0; i < n; i++) residual[i] -= value[t][node[i]];
    }
    return new LossTrees(cuts, base, feature, split, value);
  }

  double predict(double[] row) {
    double out = base;
    for (int t = 0; t < feature.length; t++) {
      int at = 0;
      while (feature[t][at] >= 0) {
        int f = feature[t][at];
        at = 2 * at + 1 + (bin(cuts[f], row[f]) <= split[t][at] ? 0 : 1);
      }
      out += value[t][at];
    }
    return out;
  }

  /** Up to BINS − 1 cut points at the column's quantiles (distinct values). */
  private static double[] cuts(double[] col) {
    double[] sorted = Arrays.stream(col).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (sorted.length == 0) return new double[0];
    double[] out = new double[BINS - 1];
    int m = 0;
    for (int q = 1; q < BINS; q++) {
      double v = sorted[(int) ((long) q * (sorted.length - 1) / BINS)];
      if (m == 0 || v > out[m - 1]) out[m++] = v;
    }
    return Arrays.copyOf(out, m);
  }

  /** The bin of a value: the number of cut points below it (NaN: 0). */
  private static int bin(double[] cuts, double v) {
    if (Double.isNaN(v)) return 0;
    int lo = 0;
    int hi = cuts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cuts[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
