package dev.holdout.metric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.stats.Bootstrap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulation: 95% intervals of a mean over rows (every retrieval and text metric) cover the
 * true mean about 95% of the time, also when identical rows share one Poisson(count) cell.
 */
class MeanCellsCoverageTest {
  private static double coverage(DoubleSupplier draw, double truth, long seed) {
    int sims = 400;
    int rows = 120;
    int covered = 0;
    for (int s = 0; s < sims; s++) {
      double[] v = new double[rows];
      for (int i = 0; i < rows; i++) v[i] = draw.getAsDouble();
      MeanCells cells = MeanCells.of(List.of("m"), rows, new double[][] {v}, new String[1]);
      double[][] reps = Bootstrap.run(cells.counts(), 400, seed + s, "coverage", w -> new double[] {cells.compute(0, w).get("m").orNaN()});
      double[] ci = Bootstrap.percentileInterval(Bootstrap.column(reps, 0), 0.95);
      if (ci[0] <= truth && truth <= ci[1]) covered++;
    }
    return (double) covered / sims;
  }

  @Test
  void continuous_per_row_values_cover_about_95_percent() {
    SplittableRandom r = new SplittableRandom(11);
    // u^2 for u uniform on [0, 1] has mean 1/3 and a skewed distribution, like ndcg or token_f1.
    assertThat(coverage(() -> Math.pow(r.nextDouble(), 2), 1.0 / 3, 100)).isBetween(0.92, 0.98);
  }

  @Test
  void shared_cells_of_identical_rows_cover_about_95_percent() {
    SplittableRandom r = new SplittableRandom(12);
    // Three values only (0, 0.5, 1 with probabilities 0.5, 0.3, 0.2): 120 rows share 3 cells. Mean 0.35.
    assertThat(coverage(() -> {
      double u = r.nextDouble();
      return u < 0.5 ? 0 : u < 0.8 ? 0.5 : 1;
    }, 0.35, 200)).isBetween(0.92, 0.98);
  }
}
