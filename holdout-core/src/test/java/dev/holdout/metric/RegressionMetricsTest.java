package dev.holdout.metric;

import static dev.holdout.metric.BinaryMetricsTest.assertMetric;
import static dev.holdout.metric.BinaryMetricsTest.assertUndefined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.stats.Lcg;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Regression metrics against scikit-learn 1.2.1 (Debian's /usr/bin/python3). rmse is
 * {@code math.sqrt(mean_squared_error(y, p))}; smape, which scikit-learn lacks, is the
 * RegressionMetrics javadoc's {@code mean(2|y - p| / (|y| + |p|))} with 0 where both are 0,
 * computed with numpy.
 */
class RegressionMetricsTest {
  private static final double[] QUANTILES = {0.1, 0.9};

  @Test
  void ten_rows_match_scikit_learn_with_the_two_middle_errors_averaged() {
    double[] y = {3.0, -0.5, 2.0, 7.0, 4.2, -1.3, 10.0, 0.8, 5.5, 2.5};
    double[] p = {2.5, 0.0, 2.0, 8.0, 3.9, -1.0, 12.5, 1.0, 5.1, 2.6};
    double[] q1 = {1.0, -2.0, 1.5, 5.0, 4.5, -3.0, 8.0, 1.2, 4.0, 2.5};
    double[] q9 = {4.0, 1.0, 2.0, 9.0, 4.0, 0.5, 11.0, 0.5, 7.0, 3.0};
    Map<String, MetricValue> m = metrics(y, p, q1, q9);
    assertMetric(m, "mae", 0.5800000000000001); // mean_absolute_error(y, p)
    assertMetric(m, "rmse", 0.9022194854911969); // math.sqrt(mean_squared_error(y, p))
    assertMetric(m, "mape", 0.22244488844488847); // mean_absolute_percentage_error(y, p)
    assertMetric(m, "r2", 0.9249741925969621); // r2_score(y, p)
    assertMetric(m, "median_ae", 0.3500000000000003); // median_absolute_error(y, p): (0.3 + 0.4) / 2
    assertMetric(m, "max_error", 2.5); // max_error(y, p)
    assertMetric(m, "smape", 0.3209226983275142);
    assertMetric(m, "pinball_q0.1", 0.175); // mean_pinball_loss(y, q1, alpha=0.1)
    assertMetric(m, "pinball_q0.9", 0.138); // mean_pinball_loss(y, q9, alpha=0.9)
  }

  @Test
  void eleven_rows_match_scikit_learn_with_the_middle_error_as_median() {
    double[] y = {1.5, 2.5, -3.0, 4.0, 0.25, 6.0, -7.5, 8.0, 9.0, 1.0, 2.0};
    double[] p = {1.0, 3.2, -2.0, 4.0, 0.5, 5.0, -7.1, 10.0, 9.6, -1.0, 2.0};
    double[] q1 = {0.5, 2.0, -4.0, 3.5, 0.0, 5.0, -8.0, 7.0, 8.0, 0.0, 1.0};
    double[] q9 = {2.0, 3.0, -2.5, 5.0, 1.0, 7.0, -7.0, 9.0, 10.0, 2.0, 3.0};
    Map<String, MetricValue> m = metrics(y, p, q1, q9);
    assertMetric(m, "mae", 0.7681818181818181); // mean_absolute_error(y, p)
    assertMetric(m, "rmse", 1.014553193193034); // math.sqrt(mean_squared_error(y, p))
    assertMetric(m, "mape", 0.4075757575757576); // mean_absolute_percentage_error(y, p)
    assertMetric(m, "r2", 0.9495733589756566); // r2_score(y, p)
    assertMetric(m, "median_ae", 0.5999999999999996); // median_absolute_error(y, p)
    assertMetric(m, "max_error", 2.0); // max_error(y, p)
    assertMetric(m, "smape", 0.3850574323068176);
    assertMetric(m, "pinball_q0.1", 0.07954545454545454); // mean_pinball_loss(y, q1, alpha=0.1)
    assertMetric(m, "pinball_q0.9", 0.07954545454545453); // mean_pinball_loss(y, q9, alpha=0.9)
  }

  /**
   * 1,000 rows from {@link Lcg} seed 4242, generated identically in Python:
   * <pre>
   * a = 20*r.next()-5; e = (r.next()-0.5)*4 + (r.next()-0.5)*2
   * y = a; p = a+e; q1 = a+e-1.5; q9 = a+e+1.5
   * </pre>
   */
  @Test
  void seeded_thousand_rows_match_scikit_learn() {
    Lcg r = new Lcg(4242);
    int n = 1000;
    double[] y = new double[n], p = new double[n], q1 = new double[n], q9 = new double[n];
    for (int i = 0; i < n; i++) {
      double a = 20 * r.next() - 5;
      double e = (r.next() - 0.5) * 4 + (r.next() - 0.5) * 2;
      y[i] = a;
      p[i] = a + e;
      q1[i] = a + e - 1.5;
      q9[i] = a + e + 1.5;
    }
    assertThat(y[0]).isEqualTo(6.407950064105766);
    assertThat(p[0]).isEqualTo(6.144347118794769);
    Map<String, MetricValue> m = metrics(y, p, q1, q9);
    double tol = 1e-12;
    assertMetric(m, "mae", 1.072640955392004); // mean_absolute_error(y, p)
    assertMetric(m, "rmse", 1.3026539991708368); // math.sqrt(mean_squared_error(y, p))
    // mean_absolute_percentage_error(y, p): actual values near 0 make terms up to ~1e2, so 1e-12 relative
    assertThat(m.get("mape").value()).isCloseTo(1.3601804877141477, within(1.3601804877141477 * tol));
    assertMetric(m, "r2", 0.9484900303660863); // r2_score(y, p)
    assertMetric(m, "median_ae", 0.9795961929178656); // median_absolute_error(y, p)
    assertMetric(m, "max_error", 2.9496318327560846); // max_error(y, p)
    assertMetric(m, "smape", 0.38038555613362024);
    assertMetric(m, "pinball_q0.1", 0.22675926006708394); // mean_pinball_loss(y, q1, alpha=0.1)
    assertMetric(m, "pinball_q0.9", 0.2269673667578813); // mean_pinball_loss(y, q9, alpha=0.9)
  }

  @Test
  void mape_is_undefined_when_an_actual_value_is_0_and_smape_is_not() {
    // mean_absolute_percentage_error([3, 0, 1], [2, 0.5, 1]) == 750599937895082.9: divided by eps
    Map<String, MetricValue> m = metrics(new double[] {3.0, 0.0, 1.0}, new double[] {2.0, 0.5, 1.0}, null, null);
    assertUndefined(m, "mape");
    assertMetric(m, "smape", 0.7999999999999999); // mean([2/5, 2*0.5/0.5, 0])
    assertMetric(m, "mae", 0.5);
  }

  @Test
  void smape_is_0_where_actual_and_prediction_are_both_0() {
    Map<String, MetricValue> m = metrics(new double[] {0.0, 2.0}, new double[] {0.0, 2.0}, null, null);
    assertMetric(m, "smape", 0.0);
    assertUndefined(m, "mape");
  }

  @Test
  void r2_is_undefined_for_constant_actual_values() {
    // r2_score([5.0]*4, ...) prints 0.0 or 1.0; r2_score([0.1]*7, p) prints -4.450540164458424e+31.
    assertUndefined(metrics(new double[] {5, 5, 5, 5}, new double[] {4, 5, 6, 5}, null, null), "r2");
    assertUndefined(metrics(new double[] {5, 5, 5}, new double[] {5, 5, 5}, null, null), "r2");
    double[] tenths = new double[7];
    Arrays.fill(tenths, 0.1);
    Map<String, MetricValue> m = metrics(tenths, new double[] {0.1, 0.2, 0.0, 0.1, 0.1, 0.3, 0.1}, null, null);
    assertUndefined(m, "r2");
    assertMetric(m, "mae", (0.1 + 0.1 + 0.2) / 7);
  }

  @Test
  void r2_is_undefined_when_bootstrap_weights_leave_one_distinct_actual_value() {
    RegressionCells c = RegressionCells.ofRows(new double[] {0.1, 0.1, 0.7, 0.1}, new double[0],
        new double[][] {{0.2, 0.1, 0.5, 0.0}}, new double[][][] {{}});
    assertUndefined(RegressionMetrics.compute(c, 0, new double[] {2, 1, 0, 3}), "r2");
    assertThat(RegressionMetrics.compute(c, 0, new double[] {2, 1, 1, 3}).get("r2").defined()).isTrue();
  }

  @Test
  void all_zero_weights_make_every_metric_undefined() {
    RegressionCells c = RegressionCells.ofRows(new double[] {1, 2, 3}, new double[0], new double[][] {{1, 2, 4}}, new double[][][] {{}});
    Map<String, MetricValue> m = RegressionMetrics.compute(c, 0, new double[3]);
    assertThat(m.keySet()).containsAll(java.util.List.of("mae", "rmse", "mape", "smape", "r2", "median_ae", "max_error"));
    assertThat(m.values()).noneMatch(MetricValue::defined);
    assertThat(m.values()).allMatch(v -> !v.undefined().isBlank());
  }

  @Test
  void a_single_row_has_errors_but_no_r2() {
    Map<String, MetricValue> m = metrics(new double[] {4.0}, new double[] {3.0}, new double[] {2.0}, new double[] {5.0});
    assertMetric(m, "mae", 1.0);
    assertMetric(m, "rmse", 1.0);
    assertMetric(m, "mape", 0.25);
    assertMetric(m, "smape", 2.0 / 7);
    assertMetric(m, "median_ae", 1.0);
    assertMetric(m, "max_error", 1.0);
    assertMetric(m, "pinball_q0.1", 0.2); // 0.1 * (4 - 2)
    assertMetric(m, "pinball_q0.9", 0.1); // (1 - 0.9) * (5 - 4)
    assertUndefined(m, "r2");
  }

  @Test
  void whole_number_weights_give_the_weighted_median() {
    // Errors 1, 2, 3, 4 with weights 1, 0, 2, 1: the rows 1, 3, 3, 4 -> median (3 + 3) / 2 = 3.
    RegressionCells c = RegressionCells.ofRows(new double[] {10, 10, 10, 10}, new double[0],
        new double[][] {{9, 8, 7, 6}}, new double[][][] {{}});
    assertThat(RegressionMetrics.compute(c, 0, new double[] {1, 0, 2, 1}).get("median_ae").value()).isEqualTo(3.0);
    // Weights 1, 1, 0, 1: rows 1, 2, 4 -> 2.
    assertThat(RegressionMetrics.compute(c, 0, new double[] {1, 1, 0, 1}).get("median_ae").value()).isEqualTo(2.0);
    // Weights 2, 0, 0, 2: rows 1, 1, 4, 4 -> 2.5.
    assertThat(RegressionMetrics.compute(c, 0, new double[] {2, 0, 0, 2}).get("median_ae").value()).isEqualTo(2.5);
  }

  @Test
  void a_set_without_quantile_predictions_has_no_pinball_metric() {
    RegressionCells c = RegressionCells.ofRows(new double[] {1, 2}, QUANTILES, new double[][] {{1, 2}}, new double[][][] {{null, null}});
    assertThat(RegressionMetrics.compute(c, 0, c.counts())).doesNotContainKeys("pinball_q0.1", "pinball_q0.9");
  }

  @Test
  void compress_returns_the_same_cells_within_budget() {
    RegressionCells c = RegressionCells.ofRows(new double[] {1, 2}, new double[0], new double[][] {{1, 2}}, new double[][][] {{}});
    assertThat(c.compress(2)).isSameAs(c);
  }

  @Test
  void compress_of_200k_rows_keeps_every_mean_error_and_r2_exact_to_1e_9_relative() {
    int n = 200_000;
    SplittableRandom r = new SplittableRandom(5);
    double[] y = new double[n], p = new double[n], base = new double[n], q1 = new double[n], q9 = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      y[i] = 1 + r.nextDouble() * 50;
      p[i] = y[i] + r.nextGaussian() * 3;
      q1[i] = p[i] - 4;
      q9[i] = p[i] + 4;
      mean += y[i] / n;
    }
    Arrays.fill(base, mean + 2); // a constant baseline, off by 2: r2 about -0.02
    RegressionCells c = RegressionCells.ofRows(y, QUANTILES, new double[][] {p, base}, new double[][][] {{q1, q9}, {}});
    RegressionCells z = c.compress(16_384);
    assertThat(z.size()).isLessThanOrEqualTo(16_384 + 256);
    for (int set = 0; set < 2; set++) {
      Map<String, MetricValue> exact = RegressionMetrics.compute(c, set, c.counts());
      Map<String, MetricValue> binned = RegressionMetrics.compute(z, set, z.counts());
      for (String name : new String[] {"mae", "rmse", "mape", "smape", "r2", "max_error", "pinball_q0.1", "pinball_q0.9"}) {
        if (!exact.containsKey(name)) continue;
        double e = exact.get(name).value();
        assertThat(binned.get(name).value()).as("set %d %s", set, name).isCloseTo(e, within(1e-9 * Math.abs(e)));
      }
    }
  }

  @Test
  void compress_keeps_mape_undefined_when_an_actual_value_is_0() {
    int n = 50_000;
    double[] y = new double[n], p = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i == 12_345 ? 0.0 : 1 + i % 97;
      p[i] = y[i] + (i % 7) - 3;
    }
    RegressionCells c = RegressionCells.ofRows(y, new double[0], new double[][] {p}, new double[][][] {{}});
    RegressionCells z = c.compress(1_000);
    assertThat(z.size()).isLessThan(n);
    assertUndefined(RegressionMetrics.compute(z, 0, z.counts()), "mape");
  }

  @Test
  void compress_of_constant_tenths_keeps_r2_undefined() {
    // Cell means of many copies of 0.1 are not all exactly 0.1; that rounding must not turn into
    // a tiny variance and an r2 of about -1e30.
    int n = 200_000;
    double[] y = new double[n], p = new double[n];
    SplittableRandom r = new SplittableRandom(6);
    Arrays.fill(y, 0.1);
    for (int i = 0; i < n; i++) p[i] = 0.1 + r.nextGaussian() * 0.05;
    RegressionCells c = RegressionCells.ofRows(y, new double[0], new double[][] {p}, new double[][][] {{}});
    assertUndefined(RegressionMetrics.compute(c, 0, c.counts()), "r2");
    RegressionCells z = c.compress(16_384);
    assertThat(z.size()).isLessThan(n);
    assertUndefined(RegressionMetrics.compute(z, 0, z.counts()), "r2");
  }

  static Map<String, MetricValue> metrics(double[] y, double[] p, double[] q1, double[] q9) {
    double[] quantiles = q1 == null ? new double[0] : QUANTILES;
    double[][] qp = q1 == null ? new double[0][] : new double[][] {q1, q9};
    RegressionCells c = RegressionCells.ofRows(y, quantiles, new double[][] {p}, new double[][][] {qp});
    return RegressionMetrics.compute(c, 0, c.counts());
  }
}
