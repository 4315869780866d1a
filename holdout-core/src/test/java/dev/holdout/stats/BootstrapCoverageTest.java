package dev.holdout.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.metric.BinaryCells;
import dev.holdout.metric.BinaryMetrics;
import dev.holdout.metric.MetricValue;
import dev.holdout.metric.RegressionCells;
import dev.holdout.metric.RegressionMetrics;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded coverage simulation: draw many independent evaluation sets from a population whose
 * metric values are known, compute the 95% percentile interval of the Poisson bootstrap on each,
 * and count how often the interval covers the truth. With 400 sets the standard error of a 95%
 * coverage is 1.1 points, so [92%, 98%] is about +-2.7 standard errors. Seeds are fixed, so the
 * outcome is deterministic.
 */
class BootstrapCoverageTest {
  private static final int DATASETS = 400;
  private static final int ROWS = 500;
  private static final int REPLICATES = 400;
  private static final double CONFIDENCE = 0.95;

  // Positives 40% of rows; latent score N(1, 1) for positives and N(0, 1) for negatives, reported
  // as the probability 1 / (1 + exp(-x)) (monotone, so the ranking and AUC are the latent ones).
  private static final double POSITIVE_SHARE = 0.4;
  private static final double SEPARATION = 1.0;
  // True AUC = Phi(d / sqrt(2)): scipy.stats.norm.cdf(1 / math.sqrt(2)) == 0.7602499389065233
  private static final double TRUE_AUC = 0.7602499389065233;
  // True accuracy at threshold 0.5 (x >= 0): 0.4 * norm.cdf(1) + 0.6 * 0.5 == 0.6365378984274173
  private static final double TRUE_ACCURACY = 0.6365378984274173;
  // Regression errors N(0, 2^2): true MAE = 2 * sqrt(2 / pi) == 1.5957691216057308
  private static final double ERROR_SD = 2.0;
  private static final double TRUE_MAE = 1.5957691216057308;

  @Test
  void binary_percentile_intervals_cover_the_true_auc_and_accuracy_about_95_percent_of_the_time() {
    int aucCovered = 0;
    int accuracyCovered = 0;
    for (int d = 0; d < DATASETS; d++) {
      SplittableRandom r = new SplittableRandom(1_000 + d);
      boolean[] y = new boolean[ROWS];
      double[] p = new double[ROWS];
      for (int i = 0; i < ROWS; i++) {
        y[i] = r.nextDouble() < POSITIVE_SHARE;
        double x = r.nextGaussian() + (y[i] ? SEPARATION : 0);
        p[i] = 1 / (1 + Math.exp(-x));
      }
      BinaryCells cells = BinaryCells.ofRows(y, p);
      double[][] reps = Bootstrap.run(cells.counts(), REPLICATES, d, "coverage", w -> {
        Map<String, MetricValue> m = BinaryMetrics.compute(cells, 0, w, 0.5, null);
        return new double[] {m.get("roc_auc").orNaN(), m.get("accuracy").orNaN()};
      });
      if (covers(Bootstrap.column(reps, 0), TRUE_AUC)) aucCovered++;
      if (covers(Bootstrap.column(reps, 1), TRUE_ACCURACY)) accuracyCovered++;
    }
    assertThat((double) aucCovered / DATASETS).as("roc_auc coverage").isBetween(0.92, 0.98);
    assertThat((double) accuracyCovered / DATASETS).as("accuracy coverage").isBetween(0.92, 0.98);
  }

  @Test
  void regression_percentile_intervals_cover_the_true_mae_about_95_percent_of_the_time() {
    int covered = 0;
    for (int d = 0; d < DATASETS; d++) {
      SplittableRandom r = new SplittableRandom(50_000 + d);
      double[] y = new double[ROWS];
      double[] pred = new double[ROWS];
      for (int i = 0; i < ROWS; i++) {
        y[i] = 10 + 5 * r.nextGaussian();
        pred[i] = y[i] + ERROR_SD * r.nextGaussian();
      }
      RegressionCells cells = RegressionCells.ofRows(y, new double[0], new double[][] {pred}, new double[][][] {{}});
      double[][] reps = Bootstrap.run(cells.counts(), REPLICATES, d, "coverage", w ->
          new double[] {RegressionMetrics.compute(cells, 0, w).get("mae").orNaN()});
      if (covers(Bootstrap.column(reps, 0), TRUE_MAE)) covered++;
    }
    assertThat((double) covered / DATASETS).as("mae coverage").isBetween(0.92, 0.98);
  }

  private static boolean covers(double[] replicates, double truth) {
    assertThat(replicates.length).isGreaterThan(REPLICATES / 2);
    double[] ci = Bootstrap.percentileInterval(replicates, CONFIDENCE);
    return ci[0] <= truth && truth <= ci[1];
  }
}
