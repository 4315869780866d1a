package dev.holdout.plan;

import dev.holdout.base.Format;
import dev.holdout.metric.BinaryMetrics;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.stats.Bootstrap;
import dev.holdout.suite.Suite;

/** The model simulated for a metric at its expected value, one per metric family, or why there is none. */
final class Scenarios {
  private Scenarios() {}

  /** A scenario, or the reason there is none. */
  record Choice(Scenario scenario, String notPlanned) {}

  static Choice of(Suite suite, String metric, double expected, Population population) {
    return switch (suite.task()) {
      case BINARY_CLASSIFICATION -> binormal(suite, metric, expected, population);
      case MULTICLASS_CLASSIFICATION -> metric.equals("accuracy") || metric.equals("top_k_accuracy") ? new Choice(new Shares(expected, false), null)
          : new Choice(null, "no model for " + metric + " yet: multiclass plans cover accuracy and top_k_accuracy (each row right or wrong)");
      case REGRESSION -> metric.equals("mae") || metric.equals("rmse") ? new Choice(new Errors(metric, expected), null)
          : new Choice(null, "no model for " + metric + " yet: regression plans cover mae and rmse (normal errors)");
      case RETRIEVAL, TEXT_GENERATION -> {
        MetricCatalog.Bounds bounds = MetricCatalog.bounds(suite.task(), metric);
        yield bounds.lower() == 0 && bounds.upper() == 1 ? new Choice(new Shares(expected, true), null)
            : new Choice(null, "no model for " + metric + ": planned are means of per-row values between 0 and 1");
      }
      default -> new Choice(null, "no model for " + suite.task().key() + " suites yet");
    };
  }

  /**
   * The binormal model whose separation d gives {@code expected}: the metric is evaluated on a grid
   * of d from 0 to {@link Binormal#MAX_D} in steps of 0.25, and bisected to 1e-9 between the two
   * grid points that bracket the expected value.
   */
  private static Choice binormal(Suite suite, String metric, double expected, Population population) {
    double rate = population.positiveRate();
    double threshold = suite.predictions().threshold();
    Suite.Costs c = suite.costs();
    BinaryMetrics.Costs costs = c == null ? null : new BinaryMetrics.Costs(c.tp(), c.fp(), c.fn(), c.tn());
    boolean stratified = suite.bootstrap().stratify() == Bootstrap.Stratify.LABEL;
    int steps = (int) Math.round(Binormal.MAX_D * 4);
    double lowest = Double.NaN;
    double highest = Double.NaN;
    double prevD = Double.NaN;
    double prevV = Double.NaN;
    for (int k = 0; k <= steps; k++) {
      double d = k / 4.0;
      double v = new Binormal(rate, d, threshold, metric, costs, stratified).population();
      if (Double.isNaN(v)) continue;
      lowest = Double.isNaN(lowest) ? v : Math.min(lowest, v);
      highest = Double.isNaN(highest) ? v : Math.max(highest, v);
      if (!Double.isNaN(prevV) && (prevV - expected) * (v - expected) <= 0 && prevV != v) {
        double lo = prevD;
        double hi = d;
        boolean rising = v > prevV;
        for (int i = 0; i < 60 && hi - lo > 1e-9; i++) {
          double mid = (lo + hi) / 2;
          double m = new Binormal(rate, mid, threshold, metric, costs, stratified).population();
          if (Double.isNaN(m) || (m < expected) == rising) lo = mid; else hi = mid;
        }
        return new Choice(new Binormal(rate, (lo + hi) / 2, threshold, metric, costs, stratified), null);
      }
      prevD = d;
      prevV = v;
    }
    return new Choice(null, Double.isNaN(lowest) ? metric + " has no value under the binormal model at this positive rate and threshold"
        : "under the binormal model with this positive rate and threshold " + Format.plain(threshold) + ", " + metric + " only ranges from "
            + Format.number(lowest) + " to " + Format.number(highest));
  }
}
