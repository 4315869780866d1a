package dev.holdout.stats;

/**
 * Distributions the statistical tests need: chi-square and Kolmogorov tails, the normal quantile.
 * Accurate to about 1e-12 absolute (tested against SciPy), which is far below any threshold a test is judged at.
 */
public final class Probability {
  private Probability() {}

  private static final double EPS = 1e-15;
  private static final double TINY = 1e-300;

  /** P(X >= x) for X chi-square with {@code dof} degrees of freedom; 1 when dof is 0 (as SciPy). */
  public static double chiSquareSurvival(double x, int dof) {
    if (dof <= 0) return 1;
    if (x <= 0) return 1;
    return regularizedGammaQ(dof / 2.0, x / 2.0);
  }

  /** Q(a, x) = Gamma(a, x) / Gamma(a): the series below a + 1, Lentz's continued fraction above. */
  public static double regularizedGammaQ(double a, double x) {
    if (x < a + 1) return 1 - gammaSeries(a, x);
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 10_000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < TINY) d = TINY;
      c = b + an / c;
      if (Math.abs(c) < TINY) c = TINY;
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < EPS) break;
    }
    return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
  }

  private static double gammaSeries(double a, double x) {
    if (x <= 0) return 0;
    double ap = a;
    double sum = 1 / a;
    double del = sum;
    for (int n = 0; n < 100_000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }

  /** ln Gamma(x) for x > 0, Lanczos (g = 7, n = 9): relative error about 1e-15. */
  public static double logGamma(double x) {
    if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
    x -= 1;
    double a = g[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) a += g[i] / (x + i);
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /** P(K > lambda) for the limiting Kolmogorov distribution K (SciPy's {@code kstwobign.sf}). */
  public static double kolmogorovSurvival(double lambda) {
    if (lambda <= 0) return 1;
    if (lambda < 1.0) {
      // the alternating series converges slowly here; Jacobi's form converges fast
      double sum = 0;
      double c = Math.PI * Math.PI / (8 * lambda * lambda);
      for (int k = 1; k < 100; k += 2) {
        double term = Math.exp(-k * k * c);
        sum += term;
        if (term < 1e-17) break;
      }
      return 1 - Math.sqrt(2 * Math.PI) / lambda * sum;
    }
    double sum = 0;
    for (int k = 1; k < 100; k++) {
      double term = Math.exp(-2.0 * k * k * lambda * lambda);
      sum += (k % 2 == 1 ? term : -term);
      if (term < 1e-17) break;
    }
    return Math.max(0, Math.min(1, 2 * sum));
  }

  /** The standard normal quantile (Acklam's rational approximation, refined once by Newton): absolute error below 1e-12. */
  public static double normalQuantile(double p) {
    if (!(p > 0 && p < 1)) throw new IllegalArgumentException("p must be in (0, 1): " + p);
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    double x;
    if (p < 0.02425) {
      double q = Math.sqrt(-2 * Math.log(p));
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p > 1 - 0.02425) {
      double q = Math.sqrt(-2 * Math.log(1 - p));
      x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else {
      double q = p - 0.5;
      double r = q * q;
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    double e = 0.5 * erfc(-x / Math.sqrt(2)) - p;
    double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
    return x - u / (1 + x * u / 2);
  }

  /** Complementary error function via the regularized gamma function: erfc(x) = Q(1/2, x²) for x >= 0. */
  public static double erfc(double x) {
    if (x < 0) return 2 - erfc(-x);
    if (x == 0) return 1;
    return regularizedGammaQ(0.5, x * x);
  }
}
