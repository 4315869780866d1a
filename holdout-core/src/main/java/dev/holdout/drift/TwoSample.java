package dev.holdout.drift;

import dev.holdout.stats.Probability;
import java.util.Arrays;

/**
 * Exact two-sample statistics over sorted arrays (ascending, no NaN) and over category counts.
 * Definitions follow SciPy's, so any figure can be checked there: {@code ks_2samp},
 * {@code wasserstein_distance}, {@code spatial.distance.jensenshannon} (its default base e, as Evidently's),
 * {@code chi2_contingency(correction=False)}. Cost: linear in the rows after sorting.
 */
public final class TwoSample {
  private TwoSample() {}

  /** Above this many rows on the larger side the KS p-value is asymptotic, as in SciPy's {@code method='auto'}. */
  public static final int KS_EXACT_MAX = 10_000;

  /** Share floor for an empty bin in PSI, so a bin seen on one side only gives a finite term (Evidently uses the same). */
  public static final double PSI_FLOOR = 1e-4;

  /**
   * Two sorted samples compared in one merging pass: the Kolmogorov-Smirnov gap, kept as the integer
   * max |i·m − j·n| so the exact p-value compares without rounding, and the first Wasserstein
   * distance, the area between the two distribution functions in the column's units.
   */
  public record Comparison(int n, int m, long gap, double wasserstein) {
    /** The KS statistic: the largest gap between the two empirical distribution functions, in [0, 1]. */
    public double ks() {
      return gap / ((double) n * m);
    }

    /**
     * The two-sided KS p-value. Exact (the share of all orderings of the pooled sample whose path
     * leaves the band, by dynamic programming over probabilities) when the larger side has at most
     * {@link #KS_EXACT_MAX} rows; otherwise the limiting Kolmogorov distribution with Stephens'
     * finite-sample correction, within about 1% (relative) of SciPy's {@code method='asymp'}.
     */
    public double ksPValue() {
      if (n == 0 || m == 0) return Double.NaN;
      if (gap == 0) return 1;
      if (Math.max(n, m) <= KS_EXACT_MAX) return ksExact(n, m, gap);
      double en = Math.sqrt((double) n * m / (n + m));
      return Probability.kolmogorovSurvival((en + 0.12 + 0.11 / en) * ks());
    }
  }

  /** Compares two sorted samples, each with at least one value. */
  public static Comparison compare(double[] a, double[] b) {
    int n = a.length;
    int m = b.length;
    int i = 0;
    int j = 0;
    long gap = 0;
    double sum = 0;
    double prev = Math.min(a[0], b[0]);
    double diff = 0;
    while (i < n || j < m) {
      double v = i < n && (j >= m || a[i] <= b[j]) ? a[i] : b[j];
      sum += Math.abs(diff) * (v - prev);
      while (i < n && a[i] == v) i++;
      while (j < m && b[j] == v) j++;
      diff = (double) i / n - (double) j / m;
      gap = Math.max(gap, Math.abs((long) i * m - (long) j * n));
      prev = v;
    }
    return new Comparison(n, m, gap, sum);
  }

  /** The Kolmogorov-Smirnov statistic of two sorted samples; see {@link Comparison#ks()}. */
  public static double ksStatistic(double[] a, double[] b) {
    return compare(a, b).ks();
  }

  /** The two-sided KS p-value of two sorted samples; see {@link Comparison#ksPValue()}. */
  public static double ksPValue(double[] a, double[] b) {
    if (a.length == 0 || b.length == 0) return Double.NaN;
    return compare(a, b).ksPValue();
  }

  /** P(max |i·m − j·n| >= gap) over uniformly random interleavings of n and m items. */
  static double ksExact(int n, int m, long gap) {
    // u[j]: probability of reaching (i, j) with every earlier point strictly inside the band
    double[] u = new double[m + 1];
    u[0] = 1;
    for (int j = 1; j <= m; j++) {
      u[j] = Math.abs(-(long) j * n) >= gap ? 0 : u[j - 1] * (double) (m - j + 1) / (n + m - j + 1);
    }
    for (int i = 1; i <= n; i++) {
      double left = u[0];
      u[0] = Math.abs((long) i * m) >= gap ? 0 : left * (double) (n - i + 1) / (n + m - i + 1);
      for (int j = 1; j <= m; j++) {
        if (Math.abs((long) i * m - (long) j * n) >= gap) {
          u[j] = 0;
          continue;
        }
        int remaining = n + m - i - j + 1;
        // from (i-1, j) by taking an a: (n - i + 1) a's left of `remaining`; from (i, j-1) by a b
        u[j] = u[j] * (double) (n - i + 1) / remaining + u[j - 1] * (double) (m - j + 1) / remaining;
      }
    }
    return Math.max(0, Math.min(1, 1 - u[m]));
  }

  /** The first Wasserstein distance of two sorted samples; see {@link Comparison#wasserstein()}. */
  public static double wasserstein(double[] a, double[] b) {
    return compare(a, b).wasserstein();
  }

  /** Population standard deviation (ddof = 0, as {@code numpy.std}). */
  public static double std(double[] a) {
    double mean = 0;
    for (double v : a) mean += v;
    mean /= a.length;
    double ss = 0;
    for (double v : a) ss += (v - mean) * (v - mean);
    return Math.sqrt(ss / a.length);
  }

  /**
   * Bin edges at the reference's deciles (NumPy's default linear interpolation), duplicates
   * dropped: values up to and including {@code edges[0]} fall in bin 0, and so on.
   */
  public static double[] decileEdges(double[] sortedReference) {
    double[] e = new double[9];
    int k = 0;
    for (int q = 1; q <= 9; q++) {
      double v = quantile(sortedReference, q / 10.0);
      if (k == 0 || v > e[k - 1]) e[k++] = v;
    }
    return Arrays.copyOf(e, k);
  }

  /** NumPy's default ('linear') quantile of a sorted array. */
  public static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Counts of a sorted array in the bins (−inf, e0], (e0, e1], ..., (e_last, +inf). */
  public static double[] binCounts(double[] sorted, double[] edges) {
    double[] c = new double[edges.length + 1];
    int start = 0;
    for (int k = 0; k < edges.length; k++) {
      int end = upperBound(sorted, edges[k], start);
      c[k] = end - start;
      start = end;
    }
    c[edges.length] = sorted.length - start;
    return c;
  }

  /** The first index at or after {@code from} whose value exceeds {@code v}. */
  static int upperBound(double[] sorted, double v, int from) {
    int lo = from;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The population stability index over matching bins: sum of (c − r)·ln(c / r) over the shares,
   * with an empty bin's share raised to {@link #PSI_FLOOR}.
   */
  public static double psi(double[] referenceCounts, double[] currentCounts) {
    double rn = sum(referenceCounts);
    double cn = sum(currentCounts);
    double psi = 0;
    for (int k = 0; k < referenceCounts.length; k++) {
      double r = Math.max(referenceCounts[k] / rn, PSI_FLOOR);
      double c = Math.max(currentCounts[k] / cn, PSI_FLOOR);
      psi += (c - r) * Math.log(c / r);
    }
    return psi;
  }

  /**
   * The Jensen-Shannon distance in base e: the square root of the Jensen-Shannon divergence taken
   * with natural logarithms, in [0, sqrt(ln 2)] = [0, 0.8326]. As SciPy's
   * {@code spatial.distance.jensenshannon(p, q)} at its default base and as Evidently's
   * {@code jensenshannon} stattest (which calls SciPy's), so Evidently's threshold 0.1 means the same
   * here; in base 2 the same distributions give a distance 1.2011 (= 1/sqrt(ln 2)) times larger.
   */
  public static double jensenShannon(double[] p, double[] q) {
    double pn = sum(p);
    double qn = sum(q);
    double js = 0;
    for (int k = 0; k < p.length; k++) {
      double a = p[k] / pn;
      double b = q[k] / qn;
      double mid = (a + b) / 2;
      if (a > 0) js += a * Math.log(a / mid);
      if (b > 0) js += b * Math.log(b / mid);
    }
    return Math.sqrt(Math.max(0, js / 2));
  }

  /** Chi-square test of homogeneity of a 2 × k table (reference and current counts per category). */
  public record ChiSquare(double statistic, int dof, double pValue) {}

  /** As {@code scipy.stats.chi2_contingency([ref, cur], correction=False)}, over categories seen on either side. */
  public static ChiSquare chiSquare(double[] reference, double[] current) {
    double rn = sum(reference);
    double cn = sum(current);
    double total = rn + cn;
    double stat = 0;
    int k = 0;
    for (int i = 0; i < reference.length; i++) {
      double col = reference[i] + current[i];
      if (col == 0) continue;
      k++;
      double er = rn * col / total;
      double ec = cn * col / total;
      stat += (reference[i] - er) * (reference[i] - er) / er + (current[i] - ec) * (current[i] - ec) / ec;
    }
    int dof = Math.max(0, k - 1);
    return new ChiSquare(stat, dof, Probability.chiSquareSurvival(stat, dof));
  }

  static double sum(double[] a) {
    double s = 0;
    for (double v : a) s += v;
    return s;
  }
}
