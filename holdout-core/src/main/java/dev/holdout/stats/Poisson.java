package dev.holdout.stats;

import java.util.SplittableRandom;

/**
 * Exact Poisson variates: inversion below a mean of 10 (by table and guide table for whole means below
 * 64, the cells of compressed views), and
 * Hörmann's transformed rejection with squeeze (PTRS, 1993), the method numpy uses, above.
 * {@link Means} prepares the per-mean constants once for draws repeated over many replicates.
 */
public final class Poisson {
  private static final double[] LOG_FACTORIAL = new double[1 << 15];
  /**
   * Cumulative Poisson(m) probabilities for whole means below {@link #TABLED}: a cell of a
   * compressed view holds a whole number of rows, so one uniform and a short search replace the
   * m + 1 uniforms of the product method.
   */
  private static final int TABLED = 64;
  private static final double[][] CDF = new double[TABLED][];
  /**
   * Where the search may start (Chen and Asau's guide table, 1974): for each whole mean m and each
   * j below {@value #GUIDES}, the least k with {@code CDF[m][k] >= j / GUIDES}, so a uniform u in
   * [j / GUIDES, (j + 1) / GUIDES) needs one or two comparisons instead of a walk from the low end.
   * A power of two, so u * GUIDES and j / GUIDES are exact and the draw is the same k as a full search.
   */
  private static final int GUIDES = 128;
  private static final int[][] GUIDE = new int[TABLED][];

  static {
    for (int k = 1; k < LOG_FACTORIAL.length; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
    for (int m = 1; m < TABLED; m++) {
      // up to where the remaining tail is below 1e-17, far under a double's resolution near 1
      int len = (int) Math.ceil(m + 12 * Math.sqrt(m) + 25);
      double[] cdf = new double[len];
      double p = Math.exp(-m);
      double sum = 0;
      for (int k = 0; k < len; k++) {
        sum += p;
        cdf[k] = sum;
        p *= m / (double) (k + 1);
      }
      CDF[m] = cdf;
      int[] guide = new int[GUIDES];
      int k = 0;
      for (int j = 0; j < GUIDES; j++) {
        while (k < len - 1 && cdf[k] < (double) j / GUIDES) k++;
        guide[j] = k;
      }
      GUIDE[m] = guide;
    }
  }

  private Poisson() {}

  /** Poisson(1), the weight of one row or one group in a replicate. */
  static final Means ONE = new Means(new double[] {1});

  /** One draw from Poisson(mean); mean 0 gives 0. */
  public static long sample(SplittableRandom random, double mean) {
    return new Means(new double[] {mean}).draw(random, 0);
  }

  /** Constants for drawing repeatedly from Poisson(means[i]); immutable and thread-safe. */
  public static final class Means {
    private final double[] lam;
    private final double[] expMinus;
    private final double[] loglam;
    private final double[] b;
    private final double[] a;
    private final double[] logInvAlpha;
    private final double[] vr;

    public Means(double[] means) {
      int n = means.length;
      lam = means.clone();
      expMinus = new double[n];
      loglam = new double[n];
      b = new double[n];
      a = new double[n];
      logInvAlpha = new double[n];
      vr = new double[n];
      for (int i = 0; i < n; i++) {
        double m = means[i];
        if (m < 10) {
          expMinus[i] = Math.exp(-m);
          continue;
        }
        loglam[i] = Math.log(m);
        b[i] = 0.931 + 2.53 * Math.sqrt(m);
        a[i] = -0.059 + 0.02483 * b[i];
        logInvAlpha[i] = Math.log(1.1239 + 1.1328 / (b[i] - 3.4));
        vr[i] = 0.9277 - 3.6224 / (b[i] - 2);
      }
    }

    public int size() {
      return lam.length;
    }

    /** Fills {@code out} with one draw per mean. */
    public void draw(SplittableRandom random, double[] out) {
      for (int i = 0; i < lam.length; i++) out[i] = draw(random, i);
    }

    long draw(SplittableRandom random, int i) {
      double m = lam[i];
      if (m <= 0) return 0;
      if (m < TABLED && m == Math.rint(m)) {
        double[] cdf = CDF[(int) m];
        double u = random.nextDouble();
        int k = GUIDE[(int) m][(int) (u * GUIDES)];
        while (k < cdf.length - 1 && u > cdf[k]) k++;
        return k;
      }
      if (m < 10) {
        double product = random.nextDouble();
        long k = 0;
        while (product > expMinus[i]) {
          k++;
          product *= random.nextDouble();
        }
        return k;
      }
      double bi = b[i];
      double ai = a[i];
      while (true) {
        double u = random.nextDouble() - 0.5;
        double v = random.nextDouble();
        double us = 0.5 - Math.abs(u);
        long k = (long) Math.floor((2 * ai / us + bi) * u + m + 0.43);
        if (us >= 0.07 && v <= vr[i]) return k;
        if (k < 0 || (us < 0.013 && v > us)) continue;
        // The acceptance test of PTRS, with its two logarithms folded into one.
        if (Math.log(v / (ai / (us * us) + bi)) + logInvAlpha[i] <= -m + k * loglam[i] - logFactorial(k)) {
          return k;
        }
      }
    }
  }

  /** ln(k!) from a table below 32,768 and Stirling's series (error below 1e-12) above. */
  static double logFactorial(long k) {
    if (k < LOG_FACTORIAL.length) return LOG_FACTORIAL[(int) k];
    double x = k + 1.0;
    double inv = 1.0 / x;
    double inv2 = inv * inv;
    return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI)
        + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
  }
}
