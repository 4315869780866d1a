package dev.holdout.metric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regression metrics over {@link RegressionCells}, by scikit-learn's definitions, with two
 * deliberate differences: mape is undefined when an actual value is 0 (scikit-learn divides by
 * machine epsilon and prints an astronomically large number), and r2 is undefined when the actual
 * values are constant (scikit-learn prints 0 or 1). smape is mean(2|y - ŷ| / (|y| + |ŷ|)) in
 * [0, 2], with 0 where both are 0. median_ae is the median of absolute errors with the two middle
 * values averaged, as numpy's median.
 */
public final class RegressionMetrics {
  private RegressionMetrics() {}

  public static Map<String, MetricValue> compute(RegressionCells c, int set, double[] w) {
    Map<String, MetricValue> out = new LinkedHashMap<>();
    double total = 0, abs = 0, sq = 0, pct = 0, sym = 0, sy = 0, max = 0;
    double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY, within = 0;
    long zeroRows = 0;
    double[] a = c.absError[set], s2 = c.sqError[set], p = c.pctError[set], sp = c.symPctError[set], mx = c.maxAbsError[set];
    for (int i = 0; i < c.size; i++) {
      double wi = w[i];
      if (wi == 0) continue;
      total += wi;
      abs += wi * a[i];
      sq += wi * s2[i];
      pct += wi * p[i];
      sym += wi * sp[i];
      sy += wi * c.y[i];
      within += wi * c.yVariance[i];
      yMin = Math.min(yMin, c.y[i]);
      yMax = Math.max(yMax, c.y[i]);
      if (mx[i] > max) max = mx[i];
      if (c.zeroActual[i]) zeroRows++;
    }
    if (total == 0) {
      for (String name : MetricCatalog.names(Task.REGRESSION)) out.put(name, MetricValue.undefined("no rows"));
      return out;
    }
    out.put("mae", MetricValue.of(abs / total));
    out.put("rmse", MetricValue.of(Math.sqrt(sq / total)));
    out.put("mape", zeroRows == 0 ? MetricValue.of(pct / total)
        : MetricValue.undefined("some actual values are 0, where a percentage error is infinite; judge mae or smape instead"));
    out.put("smape", MetricValue.of(sym / total));
    double mean = sy / total;
    double sst = within;
    for (int i = 0; i < c.size; i++) {
      double d = c.y[i] - mean;
      sst += w[i] * d * d;
    }
    boolean constant = yMin == yMax && within == 0;
    out.put("r2", !constant ? MetricValue.of(1 - sq / sst)
        : MetricValue.undefined("the actual values are constant, so there is no variance to explain"));
    out.put("median_ae", MetricValue.of(weightedMedian(a, c.byAbsError[set], w, total)));
    out.put("max_error", MetricValue.of(max));
    for (int q = 0; q < c.quantiles.length; q++) {
      double[] pin = c.pinball[set][q];
      if (pin == null) continue;
      double sum = 0;
      for (int i = 0; i < c.size; i++) sum += w[i] * pin[i];
      out.put(MetricCatalog.pinballName(c.quantiles[q]), MetricValue.of(sum / total));
    }
    return out;
  }

  /** The median of values with whole-number weights, averaging the two middle values when the total is even. */
  static double weightedMedian(double[] values, int[] order, double[] w, double total) {
    double lowRank = Math.floor((total - 1) / 2);
    double highRank = Math.ceil((total - 1) / 2);
    double seen = 0;
    double low = Double.NaN;
    for (int k : order) {
      double wk = w[k];
      if (wk == 0) continue;
      if (Double.isNaN(low) && seen + wk > lowRank) low = values[k];
      if (seen + wk > highRank) return (low + values[k]) / 2;
      seen += wk;
    }
    return low;
  }
}
