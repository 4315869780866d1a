package dev.holdout.stats;

import java.util.SplittableRandom;

/**
 * Exact Poisson variates: inversion by multiplication below a mean of 10, and Hörmann's
 * transformed rejection with squeeze (PTRS, 1993) above, the method numpy uses.
 */
public final class Poisson {
  private static final double[] LOG_FACTORIAL = new double[256];

  static {
    for (int k = 1; k < LOG_FACTORIAL.length; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
  }

  private Poisson() {}

  /** One draw from Poisson(mean); mean 0 gives 0. */
  public static long sample(SplittableRandom random, double mean) {
    if (mean <= 0) return 0;
    if (mean < 10) return small(random, mean);
    return ptrs(random, mean);
  }

  /** Cumulative Poisson(1) probabilities: most cells of a small set hold one row. */
  private static final double[] CDF_ONE = new double[20];

  static {
    double p = Math.exp(-1);
    double sum = 0;
    for (int k = 0; k < CDF_ONE.length; k++) {
      sum += p;
      CDF_ONE[k] = sum;
      p /= k + 1;
    }
  }

  private static long small(SplittableRandom random, double mean) {
    if (mean == 1.0) {
      double u = random.nextDouble();
      int k = 0;
      while (k < CDF_ONE.length - 1 && u > CDF_ONE[k]) k++;
      return k;
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    long k = 0;
    while (product > limit) {
      k++;
      product *= random.nextDouble();
    }
    return k;
  }

  private static long ptrs(SplittableRandom random, double lam) {
    double slam = Math.sqrt(lam);
    double loglam = Math.log(lam);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = random.nextDouble() - 0.5;
      double v = random.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + lam + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logFactorial(k)) {
        return k;
      }
    }
  }

  /** ln(k!) from a table below 256 and Stirling's series (error below 1e-12) above. */
  static double logFactorial(long k) {
    if (k < LOG_FACTORIAL.length) return LOG_FACTORIAL[(int) k];
    double x = k + 1.0;
    double inv = 1.0 / x;
    double inv2 = inv * inv;
    return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI)
        + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
  }
}
