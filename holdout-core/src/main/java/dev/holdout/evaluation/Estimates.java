package dev.holdout.evaluation;

import dev.holdout.metric.MetricValue;
import dev.holdout.result.Report;
import dev.holdout.stats.Bootstrap;
import java.util.List;

/** Point values and replicate columns into the report's {@link Report.Estimate}. */
final class Estimates {
  private Estimates() {}

  static Report.Estimate point(MetricValue v) {
    return v.defined() ? new Report.Estimate(v.value(), null, null, null, null) : new Report.Estimate(null, null, v.undefined(), null, null);
  }

  /**
   * The point value with the percentile interval of its replicates. The interval is left out when
   * fewer than half the replicates have a value (a slice too small to resample, say).
   */
  static Report.Estimate of(MetricValue v, double[] replicates, int total, double confidence) {
    if (!v.defined()) return point(v);
    int undefined = total - replicates.length;
    List<Double> ci = null;
    if (replicates.length * 2 >= total) {
      double[] i = Bootstrap.percentileInterval(replicates, confidence);
      if (i != null) ci = List.of(i[0], i[1]);
    }
    return new Report.Estimate(v.value(), ci, null, null, undefined > 0 ? undefined : null);
  }
}
