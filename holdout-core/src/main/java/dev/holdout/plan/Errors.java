package dev.holdout.plan;

import dev.holdout.base.Format;
import dev.holdout.stats.Probability;

/**
 * Regression errors that are normal with mean 0 and the spread that gives the expected mae
 * (σ = mae √(π/2)) or rmse (σ = rmse), binned into {@link #BINS} equally likely intervals of the
 * absolute error, each keeping its exact conditional mean of |e| and of e², so the population
 * mae and rmse are exact.
 */
final class Errors implements Scenario {
  static final int BINS = 200;

  private final String metric;
  private final double sigma;
  private final double[] probability = new double[BINS];
  private final double[] absolute = new double[BINS];
  private final double[] square = new double[BINS];

  Errors(String metric, double expected) {
    this.metric = metric;
    this.sigma = metric.equals("mae") ? expected * Math.sqrt(Math.PI / 2) : expected;
    double a = 0;
    for (int j = 0; j < BINS; j++) {
      double b = j == BINS - 1 ? Double.POSITIVE_INFINITY : Probability.normalQuantile((1 + (j + 1.0) / BINS) / 2);
      double p = 2 * (Binormal.phi(b) - Binormal.phi(a));
      probability[j] = 1.0 / BINS;
      absolute[j] = sigma * 2 * (density(a) - density(b)) / p;
      square[j] = sigma * sigma * (1 + 2 * (a * density(a) - (Double.isInfinite(b) ? 0 : b * density(b))) / p);
      a = b;
    }
  }

  private static double density(double x) {
    return Double.isInfinite(x) ? 0 : Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  }

  @Override
  public double[] probabilities() {
    return probability;
  }

  @Override
  public int[] strata() {
    return null;
  }

  @Override
  public double metric(double[] w) {
    double total = 0;
    double sum = 0;
    double[] v = metric.equals("mae") ? absolute : square;
    for (int j = 0; j < BINS; j++) {
      total += w[j];
      sum += w[j] * v[j];
    }
    if (!(total > 0)) return Double.NaN;
    return metric.equals("mae") ? sum / total : Math.sqrt(sum / total);
  }

  @Override
  public String describe() {
    return "errors normal with mean 0 and standard deviation " + Format.number(sigma) + " in " + BINS + " bins";
  }
}
