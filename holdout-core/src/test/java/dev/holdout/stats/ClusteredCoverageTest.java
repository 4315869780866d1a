package dev.holdout.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.metric.BinaryCells;
import dev.holdout.metric.BinaryMetrics;
import dev.holdout.metric.RegressionCells;
import dev.holdout.metric.RegressionMetrics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded coverage simulation on clustered evaluation sets: 80 groups (customers, questions) of 8
 * rows each, with a group effect that makes rows of one group alike (intra-group correlation about
 * 0.3 for correctness, 0.5 for errors). 95% intervals that resample groups should cover the truth
 * about 95% of the time; resampling rows treats 640 rows as independent when they are worth about
 * 200, and falls well short. With 800 sets the standard error of a 95% coverage is 0.8 points.
 * Seeds are fixed, so the outcome is deterministic.
 */
class ClusteredCoverageTest {
  private static final int DATASETS = 800;
  private static final int GROUPS = 80;
  private static final int PER_GROUP = 8;
  private static final int REPLICATES = 250;
  // A row is answered correctly when a + u_g + e > 0, u_g and e standard normal: P = Phi(a / sqrt(2)).
  // scipy.stats.norm.cdf(0.5 / math.sqrt(2)) == 0.6381631950841185
  private static final double A = 0.5;
  private static final double TRUE_ACCURACY = 0.6381631950841185;
  // Regression error u_g + e with u_g ~ N(0, 1), e ~ N(0, 1): |N(0, sqrt 2)| has mean sqrt(2) * sqrt(2 / pi) = 2 / sqrt(pi).
  private static final double TRUE_MAE = 2 / Math.sqrt(Math.PI);

  @Test
  void resampling_groups_covers_the_true_accuracy_about_95_percent_of_the_time_and_rows_fall_short() {
    int grouped = 0;
    int rows = 0;
    int n = GROUPS * PER_GROUP;
    for (int d = 0; d < DATASETS; d++) {
      SplittableRandom r = new SplittableRandom(7_000 + d);
      boolean[] positive = new boolean[n];
      double[] score = new double[n];
      int[] group = new int[n];
      for (int g = 0; g < GROUPS; g++) {
        double u = r.nextGaussian();
        for (int j = 0; j < PER_GROUP; j++) {
          int i = g * PER_GROUP + j;
          positive[i] = true;
          score[i] = A + u + r.nextGaussian() > 0 ? 0.9 : 0.1;
          group[i] = g;
        }
      }
      BinaryCells cells = BinaryCells.ofRows(positive, score);
      Clusters clusters = Clusters.of(group, cells.cellOfRow(n), cells.counts().length);
      assertThat(clusters.groups()).isEqualTo(GROUPS);
      double[][] byGroup = Bootstrap.run(cells.counts(), clusters, REPLICATES, d, "coverage",
          w -> new double[] {BinaryMetrics.compute(cells, 0, w, 0.5, null).get("accuracy").orNaN()});
      double[][] byRow = Bootstrap.run(cells.counts(), null, REPLICATES, d, "coverage",
          w -> new double[] {BinaryMetrics.compute(cells, 0, w, 0.5, null).get("accuracy").orNaN()});
      if (Coverage.covers(Bootstrap.column(byGroup, 0), TRUE_ACCURACY)) grouped++;
      if (Coverage.covers(Bootstrap.column(byRow, 0), TRUE_ACCURACY)) rows++;
    }
    assertThat((double) grouped / DATASETS).as("coverage resampling groups").isBetween(0.93, 0.97);
    assertThat((double) rows / DATASETS).as("coverage resampling rows").isLessThan(0.85);
  }

  @Test
  void resampling_groups_through_compressed_cells_covers_the_true_mae() {
    int grouped = 0;
    int n = GROUPS * PER_GROUP;
    for (int d = 0; d < DATASETS; d++) {
      SplittableRandom r = new SplittableRandom(90_000 + d);
      double[] y = new double[n];
      double[] pred = new double[n];
      int[] group = new int[n];
      for (int g = 0; g < GROUPS; g++) {
        double u = r.nextGaussian();
        for (int j = 0; j < PER_GROUP; j++) {
          int i = g * PER_GROUP + j;
          y[i] = 20 + 5 * r.nextGaussian();
          pred[i] = y[i] + u + r.nextGaussian();
          group[i] = g;
        }
      }
      // 640 rows into at most 200 cells: cells hold rows of several groups, so group weights are spread by row.
      // Coarser cells (64) fall to about 90%: a cell averages the values of its rows, hiding part of the
      // between-group spread; the evaluation keeps 8,192 cells, whose values are far narrower.
      RegressionCells cells = RegressionCells.ofRows(y, new double[0], new double[][] {pred}, new double[][][] {{}}).compress(200);
      assertThat(cells.counts().length).isLessThan(n / 2);
      Clusters clusters = Clusters.of(group, cells.cellOfRow(n), cells.counts().length);
      double[][] reps = Bootstrap.run(cells.counts(), clusters, REPLICATES, d, "coverage",
          w -> new double[] {RegressionMetrics.compute(cells, 0, w).get("mae").orNaN()});
      if (Coverage.covers(Bootstrap.column(reps, 0), TRUE_MAE)) grouped++;
    }
    assertThat((double) grouped / DATASETS).as("mae coverage resampling groups").isBetween(0.93, 0.97);
  }

  @Test
  void one_row_per_group_weights_cells_as_the_row_bootstrap_does_in_distribution() {
    int n = 2_000;
    int[] group = new int[n];
    int[] cell = new int[n];
    for (int i = 0; i < n; i++) {
      group[i] = i;
      cell[i] = i % 10;
    }
    Clusters clusters = Clusters.of(group, cell, 10);
    double[] counts = new double[10];
    java.util.Arrays.fill(counts, 200);
    double[][] w = Bootstrap.run(counts, clusters, 2_000, 3, "same", x -> x.clone());
    // Each cell's weight is a sum of 200 Poisson(1): mean 200, variance 200.
    double mean = 0;
    double sq = 0;
    for (double[] x : w) {
      mean += x[0];
      sq += x[0] * x[0];
    }
    mean /= w.length;
    double variance = sq / w.length - mean * mean;
    assertThat(mean).isBetween(198.0, 202.0);
    assertThat(variance).isBetween(180.0, 220.0);
  }

}
