package dev.holdout.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.metric.BinaryCells;
import dev.holdout.metric.BinaryMetrics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded coverage of paired-difference intervals, as {@code holdout compare} and min_lift form
 * them: both submissions resampled with the same weights, the interval the percentile interval of
 * the replicate differences. 800 evaluation sets each; a 95% interval's coverage then has a
 * standard error of 0.8 points. The outcome is deterministic.
 */
class PairedCoverageTest {
  private static final int DATASETS = 800;
  private static final int REPLICATES = 250;

  /**
   * 500 independent rows; submission A is right with probability 0.80, B with 0.75, and B copies
   * A's luck on 70% of rows (so the two are strongly paired): the true accuracy difference is 0.05.
   * Also the roc_auc difference of the same rows' scores (A's score is the signal plus noise of sd
   * 1, B's of sd 1.5, on labels with 30% positives): true difference Φ(1/√2) − Φ(1/√4.5).
   */
  @Test
  void paired_intervals_on_independent_rows_cover_the_true_difference_about_95_percent_of_the_time() {
    int n = 500;
    int accuracy = 0;
    int auc = 0;
    // scipy.stats.norm.cdf(1 / sqrt(2)) - scipy.stats.norm.cdf(1 / sqrt(4.5))
    double trueAucDifference = 0.7602499389065233 - 0.6813240558830315;
    for (int d = 0; d < DATASETS; d++) {
      SplittableRandom r = new SplittableRandom(40_000 + d);
      boolean[] positive = new boolean[n];
      double[] a = new double[n];
      double[] b = new double[n];
      boolean[] all = new boolean[n];
      double[] ra = new double[n];
      double[] rb = new double[n];
      for (int i = 0; i < n; i++) {
        double u = r.nextDouble();
        double v = r.nextDouble() < 0.7 ? u : r.nextDouble();
        all[i] = true;
        ra[i] = u < 0.80 ? 0.9 : 0.1;
        rb[i] = v < 0.75 ? 0.9 : 0.1;
        positive[i] = r.nextDouble() < 0.3;
        a[i] = (positive[i] ? 1 : 0) + r.nextGaussian();
        b[i] = (positive[i] ? 1 : 0) + 1.5 * r.nextGaussian();
      }
      BinaryCells right = BinaryCells.ofRows(all, ra, rb);
      double[][] accReps = Bootstrap.run(right.counts(), REPLICATES, d, "acc", w -> new double[] {
          BinaryMetrics.compute(right, 0, w, 0.5, null).get("accuracy").orNaN() - BinaryMetrics.compute(right, 1, w, 0.5, null).get("accuracy").orNaN()});
      if (Coverage.covers(Bootstrap.column(accReps, 0), 0.05)) accuracy++;
      BinaryCells scores = BinaryCells.ofRows(positive, a, b);
      double[][] aucReps = Bootstrap.run(scores.counts(), REPLICATES, d, "auc", w -> new double[] {
          BinaryMetrics.compute(scores, 0, w, 0.5, null).get("roc_auc").orNaN() - BinaryMetrics.compute(scores, 1, w, 0.5, null).get("roc_auc").orNaN()});
      if (Coverage.covers(Bootstrap.column(aucReps, 0), trueAucDifference)) auc++;
    }
    assertThat((double) accuracy / DATASETS).as("accuracy difference coverage").isBetween(0.93, 0.97);
    assertThat((double) auc / DATASETS).as("roc_auc difference coverage").isBetween(0.93, 0.97);
  }

  /**
   * 80 groups of 8 rows; each group has its own luck for A and for B (a customer one submission
   * handles well and the other badly; intra-group correlation about 0.3): the paired cluster
   * bootstrap covers the true accuracy difference about 95% of the time, the paired row bootstrap
   * falls short. A is right when 0.9 + g + e > 0, B when 0.6 + h + e' > 0, with g, h, e, e'
   * standard normal: true difference Φ(0.9/√2) − Φ(0.6/√2).
   */
  @Test
  void the_paired_cluster_bootstrap_covers_a_clustered_difference_and_the_row_bootstrap_falls_short() {
    int groups = 80;
    int per = 8;
    int n = groups * per;
    // scipy.stats.norm.cdf(0.9 / sqrt(2)) - scipy.stats.norm.cdf(0.6 / sqrt(2))
    double truth = 0.7377408598934618 - 0.6643133797295637;
    int byGroup = 0;
    int byRow = 0;
    for (int d = 0; d < DATASETS; d++) {
      SplittableRandom r = new SplittableRandom(60_000 + d);
      boolean[] all = new boolean[n];
      double[] ra = new double[n];
      double[] rb = new double[n];
      int[] group = new int[n];
      for (int g = 0; g < groups; g++) {
        double luckA = r.nextGaussian();
        double luckB = r.nextGaussian();
        for (int j = 0; j < per; j++) {
          int i = g * per + j;
          all[i] = true;
          ra[i] = 0.9 + luckA + r.nextGaussian() > 0 ? 0.9 : 0.1;
          rb[i] = 0.6 + luckB + r.nextGaussian() > 0 ? 0.9 : 0.1;
          group[i] = g;
        }
      }
      BinaryCells cells = BinaryCells.ofRows(all, ra, rb);
      java.util.function.Function<double[], double[]> diff = w -> new double[] {
          BinaryMetrics.compute(cells, 0, w, 0.5, null).get("accuracy").orNaN() - BinaryMetrics.compute(cells, 1, w, 0.5, null).get("accuracy").orNaN()};
      Clusters clusters = Clusters.of(group, cells.cellOfRow(n), cells.counts().length);
      if (Coverage.covers(Bootstrap.column(Bootstrap.run(cells.counts(), clusters, REPLICATES, d, "g", diff), 0), truth)) byGroup++;
      if (Coverage.covers(Bootstrap.column(Bootstrap.run(cells.counts(), null, REPLICATES, d, "g", diff), 0), truth)) byRow++;
    }
    assertThat((double) byGroup / DATASETS).as("paired cluster bootstrap").isBetween(0.93, 0.97);
    assertThat((double) byRow / DATASETS).as("paired row bootstrap").isLessThan(0.88);
  }

}
