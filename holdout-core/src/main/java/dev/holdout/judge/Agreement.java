package dev.holdout.judge;

import dev.holdout.metric.MetricValue;

/**
 * How well the judge agrees with itself across repeats of the same answer, over the rows with at
 * least two successful repeats: the share of rows whose grades are all equal, the mean spread
 * (highest minus lowest grade of a row), and Krippendorff's alpha with the interval metric
 * (squared differences), which corrects for the agreement expected by chance from how often each
 * grade is given and allows rows with a failed repeat. Alpha is 1 for perfect agreement, about 0
 * for chance and below 0 for systematic disagreement; it is undefined when every grade is the
 * same, since agreement then cannot be told from chance.
 */
public record Agreement(int rows, MetricValue exact, MetricValue meanSpread, MetricValue alpha) {

  /** The agreement of {@code j}'s repeats. */
  public static Agreement of(Judgements j) {
    double[][] units = new double[j.rows()][];
    for (int i = 0; i < units.length; i++) units[i] = j.judged(i) ? j.validGrades(i) : new double[0];
    return of(units, j.repeats());
  }

  /** The agreement of rows of grades (each row one answer's successful repeats, any length). */
  public static Agreement of(double[][] units, int repeats) {
    if (repeats < 2) {
      MetricValue none = MetricValue.undefined("one judgement per answer (repeats: 1): nothing to compare");
      return new Agreement(0, none, none, none);
    }
    int rows = 0, same = 0;
    double spread = 0;
    // Krippendorff: observed disagreement within rows, expected disagreement among all pairable values.
    double within = 0, n = 0, sum = 0, sumSq = 0;
    for (double[] u : units) {
      int m = u.length;
      if (m < 2) continue;
      rows++;
      double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, s = 0, sq = 0;
      for (double v : u) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        s += v;
        sq += v * v;
      }
      if (lo == hi) same++;
      spread += hi - lo;
      // The sum over ordered pairs i != j of (v_i - v_j)^2 is 2 (m * sum v^2 - (sum v)^2).
      within += 2 * (m * sq - s * s) / (m - 1);
      n += m;
      sum += s;
      sumSq += sq;
    }
    if (rows == 0) {
      MetricValue none = MetricValue.undefined("no answer has two successful judgements");
      return new Agreement(0, none, none, none);
    }
    double observed = within / n;
    double expected = 2 * (n * sumSq - sum * sum) / (n * (n - 1));
    MetricValue alpha = expected == 0 ? MetricValue.undefined("every grade is the same, so agreement cannot be told from chance")
        : MetricValue.of(1 - observed / expected);
    return new Agreement(rows, MetricValue.of((double) same / rows), MetricValue.of(spread / rows), alpha);
  }
}
