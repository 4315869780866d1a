package dev.holdout.stats;

/**
 * The rows of holdout-bench/scripts/paired_tests.py, generated with the same 31-bit LCG
 * (x = (x * 1103515245 + 12345) mod 2^31) so the Python reference values apply bit for bit: a
 * positive about one row in three, scores in thousandths (many ties), the first score 0.25 higher
 * on positives and the second 0.15, groups of five consecutive rows.
 */
record PairedRows(boolean[] positive, double[] a, double[] b, int[] group) {
  static PairedRows of(int n, long seed) {
    long x = seed;
    boolean[] y = new boolean[n];
    double[] a = new double[n];
    double[] b = new double[n];
    int[] g = new int[n];
    for (int i = 0; i < n; i++) {
      x = (x * 1103515245L + 12345) % (1L << 31);
      int label = (x >> 16) % 3 == 0 ? 1 : 0;
      x = (x * 1103515245L + 12345) % (1L << 31);
      a[i] = (((x >> 8) % 1000) + 250 * label) / 1000.0;
      x = (x * 1103515245L + 12345) % (1L << 31);
      b[i] = (((x >> 8) % 1000) + 150 * label) / 1000.0;
      y[i] = label == 1;
      g[i] = i / 5;
    }
    return new PairedRows(y, a, b, g);
  }

  boolean[] right(double[] score) {
    boolean[] r = new boolean[score.length];
    for (int i = 0; i < r.length; i++) r[i] = (score[i] >= 0.5) == positive[i];
    return r;
  }
}
