package dev.holdout.judge;

import dev.holdout.metric.MetricValue;
import dev.holdout.stats.Bootstrap;

/**
 * Cohen's kappa between two raters who grade the same rows on the whole numbers {@code min} to
 * {@code max}: unweighted, and with quadratic weights {@code (a - b)^2}, which count a near miss
 * less than a far one. The categories are every grade of the scale, so the result equals
 * scikit-learn's {@code cohen_kappa_score(a, b, labels=range(min, max + 1), weights=...)}. Kappa is
 * undefined when chance alone would give the observed agreement's maximum (both raters always
 * give one and the same grade). The interval resamples rows by the Poisson bootstrap over the cells
 * of the confusion matrix, which is exact since rows in one cell are interchangeable.
 */
public final class Kappa {
  private Kappa() {}

  /** Kappa and quadratic-weighted kappa of the compared rows, with their bootstrap replicates (NaN: undefined in that replicate). */
  public record Result(int rows, MetricValue kappa, MetricValue quadratic, double[] kappaReplicates, double[] quadraticReplicates) {}

  /** Both kappas of grades {@code a} and {@code b} (parallel, each within the scale), with {@code settings}' replicates. */
  public static Result of(int[] a, int[] b, int min, int max, Bootstrap.Settings settings) {
    if (a.length != b.length) throw new IllegalArgumentException("a has " + a.length + " grades, b " + b.length);
    int k = max - min + 1;
    double[] counts = new double[k * k];
    for (int i = 0; i < a.length; i++) {
      if (a[i] < min || a[i] > max || b[i] < min || b[i] > max) {
        throw new IllegalArgumentException("grade pair " + i + " (" + a[i] + ", " + b[i] + ") outside " + min + ".." + max);
      }
      counts[(a[i] - min) * k + (b[i] - min)]++;
    }
    MetricValue unweighted = kappa(counts, k, false);
    MetricValue quadratic = kappa(counts, k, true);
    if (a.length == 0) {
      return new Result(0, MetricValue.undefined("no row has both grades"), MetricValue.undefined("no row has both grades"), new double[0], new double[0]);
    }
    // Only the occupied cells take part in the bootstrap: an empty cell always gets weight 0.
    int occupied = 0;
    for (double c : counts) if (c > 0) occupied++;
    double[] cells = new double[occupied];
    int[] index = new int[occupied];
    for (int c = 0, o = 0; c < counts.length; c++) {
      if (counts[c] == 0) continue;
      cells[o] = counts[c];
      index[o++] = c;
    }
    double[][] reps = Bootstrap.run(cells, settings.replicates(), settings.seed(), "judge:kappa", w -> {
      double[] table = new double[k * k];
      for (int o = 0; o < w.length; o++) table[index[o]] = w[o];
      return new double[] {kappa(table, k, false).orNaN(), kappa(table, k, true).orNaN()};
    });
    return new Result(a.length, unweighted, quadratic, Bootstrap.column(reps, 0), Bootstrap.column(reps, 1));
  }

  /**
   * Weighted kappa of a k-by-k table of (possibly weighted) counts, rows one rater, columns the
   * other: 1 - sum(w * observed) / sum(w * expected), expected = row total * column total / n,
   * with w = 1 off the diagonal (unweighted) or (a - b)^2 (quadratic).
   */
  static MetricValue kappa(double[] table, int k, boolean quadratic) {
    double[] row = new double[k];
    double[] col = new double[k];
    double n = 0;
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double c = table[a * k + b];
        row[a] += c;
        col[b] += c;
        n += c;
      }
    }
    if (n == 0) return MetricValue.undefined("no row has both grades");
    double observed = 0, expected = 0;
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double w = quadratic ? (double) (a - b) * (a - b) : a == b ? 0 : 1;
        observed += w * table[a * k + b];
        expected += w * row[a] * col[b] / n;
      }
    }
    if (expected == 0) return MetricValue.undefined("both raters gave every row the same grade, so agreement cannot be told from chance");
    return MetricValue.of(1 - observed / expected);
  }
}
