package dev.holdout.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinaryCurvesTest {
  private static final boolean[] Y = {true, false, true, true, false, false, true, false};
  private static final double[] P = {0.9, 0.8, 0.8, 0.6, 0.4, 0.3, 0.2, 0.1};

  @Test
  void roc_points_follow_the_thresholds_from_the_top() {
    BinaryCurves.Points roc = BinaryCurves.curves(BinaryCells.ofRows(Y, P), 0, null, 100)[0];
    // thresholds: none, 0.9, 0.8 (a tie of one positive and one negative), 0.6, 0.4, 0.3, 0.2, 0.1
    assertThat(roc.x()).containsExactly(0, 0, 0.25, 0.25, 0.5, 0.75, 0.75, 1.0);
    assertThat(roc.y()).containsExactly(0, 0.25, 0.5, 0.75, 0.75, 0.75, 1.0, 1.0);
    assertThat(roc.t()[0]).isNaN();
    assertThat(roc.t()[1]).isEqualTo(0.9);
  }

  @Test
  void gains_and_lift_follow_the_thresholds_from_the_top() {
    BinaryCurves.Points[] g = BinaryCurves.gains(BinaryCells.ofRows(Y, P), 0, 100);
    // 8 rows, 4 positive; thresholds: none, 0.9, 0.8 (two rows, one positive), 0.6, 0.4, 0.3, 0.2, 0.1
    assertThat(g[0].x()).containsExactly(0, 0.125, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0);
    assertThat(g[0].y()).containsExactly(0, 0.25, 0.5, 0.75, 0.75, 0.75, 1.0, 1.0);
    assertThat(g[0].t()[0]).isNaN();
    // lift: the positive rate of the rows taken over 0.5; no point before any threshold
    assertThat(g[1].x()).containsExactly(0.125, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0);
    assertThat(g[1].y()[0]).isCloseTo(2.0, within(1e-12));
    assertThat(g[1].y()[1]).isCloseTo((2.0 / 3) / 0.5, within(1e-12));
    assertThat(g[1].y()[6]).isCloseTo(1.0, within(1e-12));
    assertThat(g[1].t()).containsExactly(0.9, 0.8, 0.6, 0.4, 0.3, 0.2, 0.1);
  }

  @Test
  void a_gains_point_at_a_whole_budget_is_its_recall_and_the_lift_point_its_lift() {
    SplittableRandom r = new SplittableRandom(13);
    int n = 2000;
    boolean[] y = new boolean[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.25;
      p[i] = r.nextDouble() * 0.5 + (y[i] ? 0.3 : 0);
    }
    BinaryCells cells = BinaryCells.ofRows(y, p);
    BinaryCurves.Points[] g = BinaryCurves.gains(cells, 0, Integer.MAX_VALUE);
    // distinct scores: point i takes the top i rows; 5% of 2,000 is point 100
    BinaryMetrics.AtBudget at = BinaryMetrics.atBudget(cells, 0, cells.counts(), 0.05);
    assertThat(g[0].x()[100]).isEqualTo(0.05);
    assertThat(g[0].y()[100]).isCloseTo(at.recall().value(), within(1e-12));
    assertThat(g[1].y()[99]).isCloseTo(at.lift().value(), within(1e-12));
    assertThat(g[0].t()[100]).isEqualTo(at.threshold());
  }

  @Test
  void gains_and_lift_are_absent_without_a_positive_and_thinned_to_the_limit() {
    assertThat(BinaryCurves.gains(BinaryCells.ofRows(new boolean[] {false, false}, new double[] {0.1, 0.2}), 0, 100)).containsOnlyNulls();
    SplittableRandom r = new SplittableRandom(2);
    boolean[] y = new boolean[10_000];
    double[] p = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = r.nextBoolean();
      p[i] = r.nextDouble();
    }
    BinaryCurves.Points[] g = BinaryCurves.gains(BinaryCells.ofRows(y, p), 0, 400);
    assertThat(g[0].x()).hasSize(400);
    assertThat(g[0].x()[0]).isEqualTo(0.0);
    assertThat(g[0].x()[399]).isEqualTo(1.0);
    assertThat(g[0].y()[399]).isEqualTo(1.0);
    assertThat(g[1].x()).hasSize(399);
  }

  @Test
  void trapezoids_under_the_full_roc_curve_equal_roc_auc() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 3000;
    boolean[] y = new boolean[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.3;
      p[i] = Math.round((y[i] ? 0.6 : 0.4) * 100 + r.nextGaussian() * 20) / 100.0;
      p[i] = Math.min(1, Math.max(0, p[i]));
    }
    BinaryCells cells = BinaryCells.ofRows(y, p);
    BinaryCurves.Points roc = BinaryCurves.curves(cells, 0, null, Integer.MAX_VALUE)[0];
    double area = 0;
    for (int i = 1; i < roc.x().length; i++) area += (roc.x()[i] - roc.x()[i - 1]) * (roc.y()[i] + roc.y()[i - 1]) / 2;
    double auc = BinaryMetrics.compute(cells, 0, cells.counts(), 0.5, null).get("roc_auc").value();
    assertThat(area).isCloseTo(auc, within(1e-12));
  }

  @Test
  void thinned_curves_keep_both_ends_and_at_most_the_limit() {
    SplittableRandom r = new SplittableRandom(9);
    int n = 50_000;
    boolean[] y = new boolean[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.2;
      p[i] = r.nextDouble();
    }
    BinaryCurves.Points[] c = BinaryCurves.curves(BinaryCells.ofRows(y, p), 0, new BinaryMetrics.Costs(-1, 1, 5, 0), 400);
    BinaryCurves.Points roc = c[0];
    int last = roc.x().length - 1;
    assertThat(roc.x().length).isBetween(400, 401);
    assertThat(roc.x()[0]).isZero();
    assertThat(roc.y()[0]).isZero();
    assertThat(roc.x()[last]).isEqualTo(1.0);
    assertThat(roc.y()[last]).isEqualTo(1.0);
    assertThat(c[1].x()[0]).isZero();
    assertThat(c[1].y()[0]).isEqualTo(1.0);
    assertThat(c[2].x()).hasSizeLessThanOrEqualTo(400);
  }

  @Test
  void a_thinned_cost_curve_still_holds_the_cheapest_threshold() {
    SplittableRandom r = new SplittableRandom(11);
    int n = 20_000;
    boolean[] y = new boolean[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.2;
      p[i] = Math.min(1, Math.max(0, (y[i] ? 0.6 : 0.35) + 0.2 * r.nextGaussian()));
    }
    BinaryMetrics.Costs costs = new BinaryMetrics.Costs(-40, 10, 60, 0);
    BinaryCells cells = BinaryCells.ofRows(y, p);
    BinaryCurves.Points cost = BinaryCurves.curves(cells, 0, costs, 50)[2];
    BinaryMetrics.CostOptimum optimum = BinaryMetrics.costOptimum(cells, 0, costs);
    int best = 0;
    for (int i = 1; i < cost.y().length; i++) if (cost.y()[i] < cost.y()[best]) best = i;
    assertThat(cost.x()[best]).isEqualTo(optimum.threshold());
    assertThat(cost.y()[best]).isCloseTo(optimum.expectedCost() * 1000, within(1e-9));
  }

  @Test
  void the_cost_curve_at_its_lowest_full_resolution_point_is_the_cost_optimum() {
    BinaryMetrics.Costs costs = new BinaryMetrics.Costs(-3, 2, 7, 0);
    BinaryCells cells = BinaryCells.ofRows(Y, P);
    BinaryCurves.Points cost = BinaryCurves.curves(cells, 0, costs, 100)[2];
    int best = 0;
    for (int i = 1; i < cost.y().length; i++) if (cost.y()[i] < cost.y()[best]) best = i;
    BinaryMetrics.CostOptimum optimum = BinaryMetrics.costOptimum(cells, 0, costs);
    assertThat(cost.x()[best]).isEqualTo(optimum.threshold());
    assertThat(cost.y()[best]).isCloseTo(optimum.expectedCost() * 1000, within(1e-9));
  }

  @Test
  void when_predicting_no_positive_is_cheapest_the_thinned_curves_gain_no_threshold_point() {
    SplittableRandom r = new SplittableRandom(13);
    int n = 20_000;
    boolean[] y = new boolean[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.2;
      p[i] = r.nextDouble();
    }
    // every positive call costs 100 whether right or wrong, a missed positive nothing: calling none is cheapest
    BinaryMetrics.Costs costs = new BinaryMetrics.Costs(100, 100, 0, 0);
    BinaryCells cells = BinaryCells.ofRows(y, p);
    assertThat(BinaryMetrics.costOptimum(cells, 0, costs).predictsNoPositive()).isTrue();
    BinaryCurves.Points[] c = BinaryCurves.curves(cells, 0, costs, 400);
    // the cheapest rule is point 0 ("no positive"), which thinning always keeps; a sweep that skipped
    // it used to add the cheapest threshold (the highest score) as a 401st point
    assertThat(c[0].x()).hasSize(400);
    double highest = java.util.Arrays.stream(p).max().orElseThrow();
    assertThat(c[0].t()[1]).isLessThan(highest);
    assertThat(BinaryMetrics.cheapestRank(cells, 0, costs)).isZero();
  }

  @Test
  void calibration_bins_count_every_row_and_histograms_split_by_label() {
    BinaryCells cells = BinaryCells.ofRows(Y, P);
    double[][] cal = BinaryCurves.calibration(cells, 0);
    assertThat(java.util.Arrays.stream(cal[0]).sum()).isEqualTo(8.0);
    assertThat(cal[0][8]).isEqualTo(2.0);
    assertThat(cal[2][8]).isEqualTo(1.0);
    double[][] h = BinaryCurves.histogram(cells, 0, 10);
    assertThat(java.util.Arrays.stream(h[1]).sum()).isEqualTo(4.0);
    assertThat(java.util.Arrays.stream(h[0]).sum()).isEqualTo(4.0);
  }
}
