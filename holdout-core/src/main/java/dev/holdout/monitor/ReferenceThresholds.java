package dev.holdout.monitor;

/**
 * Alert thresholds from the reference period's own variability, as NannyML derives them: the
 * reference is cut into chunks the size of a monitoring window, the metric is computed (or
 * estimated) on each, and a window alerts when its value leaves mean ± 3 standard deviations of
 * those chunk values (NannyML's {@code StandardDeviationThreshold}, population standard deviation,
 * {@code std_lower_multiplier = std_upper_multiplier = 3}). A metric bounded to [0, 1] keeps its
 * bounds. So a metric that wobbles by ±0.02 from chunk to chunk in the reference does not alert on
 * a wobble of 0.02 in production, and one that is steady alerts on a smaller move.
 */
public record ReferenceThresholds(double lower, double upper, double mean, double sd, int chunks) {
  /** NannyML's default multiplier. */
  public static final double MULTIPLIER = 3;

  /** The band of the chunk values, clipped to [{@code min}, {@code max}]; needs at least two chunks. */
  public static ReferenceThresholds of(double[] chunkValues, double min, double max) {
    int n = 0;
    double sum = 0;
    for (double v : chunkValues) {
      if (!Double.isNaN(v)) {
        n++;
        sum += v;
      }
    }
    if (n < 2) throw new IllegalArgumentException("the reference gives " + n + " chunk value(s); thresholds need at least two chunks");
    double mean = sum / n;
    double ss = 0;
    for (double v : chunkValues) if (!Double.isNaN(v)) ss += (v - mean) * (v - mean);
    double sd = Math.sqrt(ss / n);
    return new ReferenceThresholds(Math.max(min, mean - MULTIPLIER * sd), Math.min(max, mean + MULTIPLIER * sd), mean, sd, n);
  }

  /** Whether {@code value} leaves the band (a missing value never alerts). */
  public boolean alerts(double value) {
    return !Double.isNaN(value) && (value < lower || value > upper);
  }
}
