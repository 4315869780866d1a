package dev.holdout.stats;

/**
 * McNemar's test that two classifiers are right equally often on the same rows, from the
 * discordant rows only: b where the first is right and the second wrong, c the other way round.
 * Two-sided, as statsmodels' {@code mcnemar}: below {@link #EXACT_BELOW} discordant rows the exact
 * binomial test (statistic min(b, c), p = min(1, 2 P(X ≤ min(b, c))) for X ~ Binomial(b + c, 1/2));
 * from there the chi-square test with continuity correction, (|b − c| − 1)² / (b + c) on one
 * degree of freedom.
 *
 * <p>With groups (data.group), the clustered statistic of Durkalski, Palesch, Lipsitz and Rust
 * (2003): (Σ_k (b_k − c_k))² / Σ_k (b_k − c_k)² over the groups, chi-square on one degree of
 * freedom, which lets the rows of one group be right or wrong together.
 */
public final class McNemar {
  /** Discordant rows below which the exact binomial test is used (b + c < 25, the usual rule). */
  public static final int EXACT_BELOW = 25;

  private McNemar() {}

  /** Which variant {@link #test} used. */
  public enum Variant {
    EXACT, CHI_SQUARE, CLUSTERED
  }

  /** The test and which variant gave it. */
  public record Outcome(Variant variant, TestResult result) {}

  /** Tests whether {@code rightA} and {@code rightB} (per row) differ; {@code groups} null for independent rows. */
  public static Outcome test(boolean[] rightA, boolean[] rightB, int[] groups) {
    int n = rightA.length;
    if (rightB.length != n || (groups != null && groups.length != n)) throw new IllegalArgumentException("rows differ: " + n + " and " + rightB.length);
    if (groups != null) return new Outcome(Variant.CLUSTERED, clustered(rightA, rightB, groups));
    long b = 0;
    long c = 0;
    for (int i = 0; i < n; i++) {
      if (rightA[i] && !rightB[i]) b++;
      if (!rightA[i] && rightB[i]) c++;
    }
    return b + c < EXACT_BELOW ? new Outcome(Variant.EXACT, exact(b, c)) : new Outcome(Variant.CHI_SQUARE, chiSquare(b, c));
  }

  /** The exact binomial test on b and c discordant rows. */
  public static TestResult exact(long b, long c) {
    long k = Math.min(b, c);
    double p = Math.min(1, 2 * binomialHalfCdf(k, b + c));
    return TestResult.of(k, p, discordant(b, c));
  }

  /** The chi-square test with continuity correction on b and c discordant rows (p = 1 when there are none). */
  public static TestResult chiSquare(long b, long c) {
    if (b + c == 0) return TestResult.of(0, 1, discordant(b, c));
    double d = Math.abs(b - c) - 1.0;
    double stat = d * d / (b + c);
    return TestResult.of(stat, Probability.chiSquareSurvival(stat, 1), discordant(b, c));
  }

  private static TestResult clustered(boolean[] rightA, boolean[] rightB, int[] groups) {
    int max = 0;
    for (int g : groups) {
      if (g < 0) throw new IllegalArgumentException("negative group code " + g);
      max = Math.max(max, g);
    }
    long[] d = new long[max + 1];
    long b = 0;
    long c = 0;
    for (int i = 0; i < rightA.length; i++) {
      if (rightA[i] == rightB[i]) continue;
      if (rightA[i]) b++; else c++;
      d[groups[i]] += rightA[i] ? 1 : -1;
    }
    double sum = 0;
    double squares = 0;
    for (long x : d) {
      sum += x;
      squares += (double) x * x;
    }
    String detail = discordant(b, c);
    if (squares == 0) return TestResult.of(0, 1, detail);
    double stat = sum * sum / squares;
    return TestResult.of(stat, Probability.chiSquareSurvival(stat, 1), detail);
  }

  /** P(X ≤ k) for X ~ Binomial(n, 1/2), summed in log space. */
  static double binomialHalfCdf(long k, long n) {
    if (k >= n) return 1;
    double sum = 0;
    double logHalfN = -n * Math.log(2);
    double logN = Probability.logGamma(n + 1.0);
    for (long i = 0; i <= k; i++) {
      sum += Math.exp(logN - Probability.logGamma(i + 1.0) - Probability.logGamma(n - i + 1.0) + logHalfN);
    }
    return Math.min(1, sum);
  }

  private static String discordant(long b, long c) {
    return b + " rows right only by the first, " + c + " right only by the second";
  }
}
