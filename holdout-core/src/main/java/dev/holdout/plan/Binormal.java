package dev.holdout.plan;

import dev.holdout.base.Format;
import dev.holdout.metric.BinaryCells;
import dev.holdout.metric.BinaryMetrics;
import dev.holdout.stats.Probability;
import java.util.TreeSet;

/**
 * Binary classification's model: a latent score that is standard normal on negative rows and
 * normal with mean d on positive rows (the equal-variance binormal model), binned into
 * {@link #BINS} intervals, each scored with its calibrated probability of the positive class, so
 * every binary metric (roc_auc, recall at the suite's threshold, log_loss ...) has one population
 * value for each d. The positive rate is the evaluation set's. d is chosen so the metric's
 * population value is the expected one; roc_auc is Φ(d/√2) before binning, and binning ties about
 * 1% of the rows' pairs, which the fit absorbs.
 */
final class Binormal implements Scenario {
  static final int BINS = 100;
  /** The largest separation tried: roc_auc about 0.9999996, recall near 1 at any threshold below 1. */
  static final double MAX_D = 7;

  private final double positiveRate;
  private final double d;
  private final double threshold;
  private final String metric;
  private final BinaryMetrics.Costs costs;
  private final boolean stratified;
  private final double[] probability;
  private final int[] strata;
  private final BinaryCells cells;

  Binormal(double positiveRate, double d, double threshold, String metric, BinaryMetrics.Costs costs, boolean stratified) {
    this.positiveRate = positiveRate;
    this.d = d;
    this.threshold = threshold;
    this.metric = metric;
    this.costs = costs;
    this.stratified = stratified;
    double[] edges = edges(d, positiveRate, threshold);
    int bins = edges.length - 1;
    probability = new double[2 * bins];
    double[] score = new double[2 * bins];
    boolean[] positive = new boolean[2 * bins];
    strata = new int[2 * bins];
    for (int j = 0; j < bins; j++) {
      double a = edges[j];
      double b = edges[j + 1];
      double neg = (1 - positiveRate) * (phi(b) - phi(a));
      double pos = positiveRate * (phi(b - d) - phi(a - d));
      double s = neg + pos > 0 ? pos / (neg + pos) : positiveRate;
      // cells in ascending score order, the negative before the positive of each bin
      probability[2 * j] = neg;
      probability[2 * j + 1] = pos;
      score[2 * j] = s;
      score[2 * j + 1] = s;
      positive[2 * j + 1] = true;
      strata[2 * j + 1] = 1;
    }
    for (int i = 1; i < score.length; i++) score[i] = Math.max(score[i], score[i - 1]);
    cells = BinaryCells.ofWeightedRows(positive, null, score);
  }

  /**
   * The bins' edges: −∞, {@link #BINS} − 1 edges evenly from −4.5 to d + 4.5, +∞, and the latent
   * score whose calibrated probability is the threshold, so no bin straddles the threshold and
   * threshold metrics move continuously with d.
   */
  private static double[] edges(double d, double positiveRate, double threshold) {
    double lo = -4.5;
    double hi = d + 4.5;
    TreeSet<Double> edges = new TreeSet<>();
    edges.add(Double.NEGATIVE_INFINITY);
    edges.add(Double.POSITIVE_INFINITY);
    for (int k = 0; k < BINS - 1; k++) edges.add(lo + (hi - lo) * k / (BINS - 2.0));
    if (d > 0 && threshold > 0 && threshold < 1) {
      // posterior = threshold where d x - d²/2 = logit(threshold) - logit(positive rate)
      double x = (Math.log(threshold / (1 - threshold)) - Math.log(positiveRate / (1 - positiveRate)) + d * d / 2) / d;
      if (Double.isFinite(x)) edges.add(x);
    }
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Φ(x), the standard normal distribution function. */
  static double phi(double x) {
    if (x == Double.NEGATIVE_INFINITY) return 0;
    if (x == Double.POSITIVE_INFINITY) return 1;
    return 0.5 * Probability.erfc(-x / Math.sqrt(2));
  }

  @Override
  public double[] probabilities() {
    return probability;
  }

  @Override
  public int[] strata() {
    return stratified ? strata : null;
  }

  @Override
  public double metric(double[] weights) {
    var v = BinaryMetrics.compute(cells, 0, weights, threshold, costs).get(metric);
    return v == null ? Double.NaN : v.orNaN();
  }

  /** The metric's population value. */
  double population() {
    double[] w = new double[probability.length];
    for (int i = 0; i < w.length; i++) w[i] = probability[i] * 1e6;
    return metric(w);
  }

  @Override
  public String describe() {
    return "binormal scores (negatives N(0, 1), positives N(" + Format.number(d) + ", 1)) in " + probability.length / 2
        + " bins, calibrated, " + Format.percent(positiveRate) + " positive rows"
        + (stratified ? " (fixed in every set and replicate: bootstrap.stratify: label)" : "");
  }
}
