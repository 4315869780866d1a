package dev.holdout.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.metric.BinaryCells;
import dev.holdout.metric.BinaryMetrics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StrataTest {
  @Test
  void every_replicate_keeps_each_strata_rows() {
    // stratum 0: cells of 40, 25 and 1 rows (66); stratum 1: cells of 3 and 2 rows (5)
    double[] counts = {40, 3, 25, 2, 1};
    Strata strata = Strata.of(new int[] {0, 1, 0, 1, 0}, counts);
    assertThat(strata.rows(0)).isEqualTo(66);
    assertThat(strata.rows(1)).isEqualTo(5);
    double[][] w = Bootstrap.run(counts, null, strata, 2_000, 11, "strata", x -> x.clone());
    boolean varies = false;
    for (double[] x : w) {
      assertThat(x[0] + x[2] + x[4]).isEqualTo(66.0);
      assertThat(x[1] + x[3]).isEqualTo(5.0);
      for (double v : x) assertThat(v).isNotNegative();
      varies |= x[0] != 40;
    }
    assertThat(varies).isTrue();
  }

  @Test
  void weights_within_a_stratum_are_multinomial() {
    // Multinomial(10; 0.2, 0.3, 0.5): means 2, 3, 5; variances 1.6, 2.1, 2.5; covariance of the first two -0.6.
    double[] counts = {2, 3, 5, 7};
    Strata strata = Strata.of(new int[] {0, 0, 0, 1}, counts);
    int reps = 40_000;
    double[][] w = Bootstrap.run(counts, null, strata, reps, 5, "multinomial", x -> x.clone());
    double[] mean = new double[3];
    double[] sq = new double[3];
    double cross = 0;
    for (double[] x : w) {
      for (int i = 0; i < 3; i++) {
        mean[i] += x[i] / reps;
        sq[i] += x[i] * x[i] / reps;
      }
      cross += x[0] * x[1] / reps;
      assertThat(x[3]).isEqualTo(7.0);
    }
    double[] expectedVariance = {1.6, 2.1, 2.5};
    for (int i = 0; i < 3; i++) {
      assertThat(mean[i]).isBetween(counts[i] - 0.03, counts[i] + 0.03);
      assertThat(sq[i] - mean[i] * mean[i]).isBetween(expectedVariance[i] * 0.96, expectedVariance[i] * 1.04);
    }
    assertThat(cross - mean[0] * mean[1]).isBetween(-0.66, -0.54);
  }

  @Test
  void with_four_positive_rows_the_stratified_bootstrap_never_loses_the_roc_auc() {
    int n = 400;
    boolean[] positive = new boolean[n];
    double[] score = new double[n];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      positive[i] = i < 4;
      score[i] = (positive[i] ? 1 : 0) + r.nextGaussian();
    }
    BinaryCells cells = BinaryCells.ofRows(positive, score);
    int[] label = new int[cells.size()];
    for (int i = 0; i < label.length; i++) label[i] = cells.positive(i) ? 1 : 0;
    java.util.function.Function<double[], double[]> auc = w -> new double[] {BinaryMetrics.compute(cells, 0, w, 0.5, null).get("roc_auc").orNaN()};
    double[][] poisson = Bootstrap.run(cells.counts(), null, null, 2_000, 1, "rare", auc);
    double[][] stratified = Bootstrap.run(cells.counts(), null, Strata.of(label, cells.counts()), 2_000, 1, "rare", auc);
    // P(no positive in a replicate) = e^-4 = 1.8%: about 37 of 2,000 Poisson replicates have no roc_auc
    assertThat(2_000 - Bootstrap.column(poisson, 0).length).isBetween(15, 60);
    assertThat(Bootstrap.column(stratified, 0)).hasSize(2_000);
  }

  @Test
  void cells_must_hold_whole_rows_and_strata_do_not_combine_with_groups() {
    assertThatThrownBy(() -> Strata.of(new int[] {0}, new double[] {1.5})).isInstanceOf(IllegalArgumentException.class);
    double[] counts = {1, 1};
    Clusters clusters = Clusters.of(new int[] {0, 1}, new int[] {0, 1}, 2);
    Strata strata = Strata.of(new int[] {0, 1}, counts);
    assertThatThrownBy(() -> Bootstrap.run(counts, clusters, strata, 10, 1, "x", w -> w)).hasMessage("groups and strata together");
  }
}
