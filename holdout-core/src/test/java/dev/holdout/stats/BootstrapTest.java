package dev.holdout.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  private static final double[] QS = {0, 2.5, 25, 50, 97.5, 100, 33.3};

  static double[] quantiles(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] out = new double[QS.length];
    for (int i = 0; i < QS.length; i++) out[i] = Bootstrap.quantile(sorted, QS[i] / 100);
    return out;
  }

  static void assertClose(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("q = %s", QS[i]).isCloseTo(expected[i], within(1e-12 * Math.max(1, Math.abs(expected[i]))));
    }
  }

  @Test
  void quantile_matches_numpy_percentile_with_linear_interpolation() {
    // [float(np.percentile(v, q)) for q in [0, 2.5, 25, 50, 97.5, 100, 33.3]] with numpy 1.24.2
    assertClose(quantiles(new double[] {3.1, -2.0, 0.5, 7.25, 0.5, 10.0, -4.75}),
        new double[] {-4.75, -4.3375, -0.75, 0.5, 9.587499999999999, 10.0, 0.49499999999999944});
    assertClose(quantiles(new double[] {1.0, 4.0}), new double[] {1.0, 1.075, 1.75, 2.5, 3.925, 4.0, 1.9989999999999999});
    assertClose(quantiles(new double[] {5.5}), new double[] {5.5, 5.5, 5.5, 5.5, 5.5, 5.5, 5.5});
    // big = [r.next()*100-30 for i in range(1000)] with Lcg(99)
    Lcg r = new Lcg(99);
    double[] big = new double[1000];
    for (int i = 0; i < big.length; i++) big[i] = r.next() * 100 - 30;
    assertClose(quantiles(big), new double[] {-29.96464708198083, -27.60271526664284, -7.357090366183623,
        16.837563569203073, 67.61644047277785, 69.86095058723366, 0.6268064648322796});
  }

  @Test
  void percentile_interval_is_the_two_tail_quantiles_and_null_without_values() {
    double[] v = {9, 1, 8, 2, 7, 3, 6, 4, 5, 0};
    double[] ci = Bootstrap.percentileInterval(v, 0.9);
    // np.percentile(range(10), [5, 95]) == [0.45, 8.55]
    assertThat(ci[0]).isCloseTo(0.45, within(1e-12));
    assertThat(ci[1]).isCloseTo(8.55, within(1e-12));
    assertThat(v[0]).isEqualTo(9); // the input is not sorted in place
    assertThat(Bootstrap.percentileInterval(new double[0], 0.95)).isNull();
  }

  @Test
  void column_drops_undefined_replicates() {
    double[][] values = {{1, Double.NaN}, {2, 5}, {Double.NaN, 6}};
    assertThat(Bootstrap.column(values, 0)).containsExactly(1, 2);
    assertThat(Bootstrap.column(values, 1)).containsExactly(5, 6);
  }

  @Test
  void p_value_counts_improvements_of_zero_or_less_with_the_plus_one_correction() {
    assertThat(Bootstrap.pValueNotPositive(new double[] {-1, 0, 1, 2})).isEqualTo(3.0 / 5);
    double[] allBetter = new double[999];
    Arrays.fill(allBetter, 0.01);
    assertThat(Bootstrap.pValueNotPositive(allBetter)).isEqualTo(1.0 / 1000);
    assertThat(Bootstrap.pValueNotPositive(new double[0])).isEqualTo(1.0);
  }

  @Test
  void settings_reject_nonsense() {
    assertThatThrownBy(() -> new Bootstrap.Settings(0, 0.95, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Bootstrap.Settings(100, 1.0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Bootstrap.Settings(100, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Bootstrap.Settings.DEFAULT).isEqualTo(new Bootstrap.Settings(1000, 0.95, 7));
  }

  private static final double[] COUNTS = {1, 1, 3, 0, 1, 20, 1, 2};
  private static final Function<double[], double[]> WEIGHTS = w -> w.clone();

  @Test
  void the_same_seed_and_stream_give_the_same_replicates() {
    double[][] a = Bootstrap.run(COUNTS, 200, 7, "overall", WEIGHTS);
    double[][] b = Bootstrap.run(COUNTS, 200, 7, "overall", WEIGHTS);
    assertThat(a).isDeepEqualTo(b);
    assertThat(Arrays.deepEquals(Bootstrap.run(COUNTS, 200, 8, "overall", WEIGHTS), a)).isFalse();
    assertThat(Arrays.deepEquals(Bootstrap.run(COUNTS, 200, 7, "slice:region:north", WEIGHTS), a)).isFalse();
  }

  @Test
  void replicates_do_not_depend_on_the_thread_count() throws Exception {
    double[][] parallel = Bootstrap.run(COUNTS, 300, 11, "overall", WEIGHTS);
    ForkJoinPool one = new ForkJoinPool(1);
    try {
      double[][] single = one.submit(() -> Bootstrap.run(COUNTS, 300, 11, "overall", WEIGHTS)).get();
      assertThat(single).isDeepEqualTo(parallel);
    } finally {
      one.shutdown();
    }
  }

  @Test
  void a_prefix_of_replicates_does_not_depend_on_how_many_are_drawn() {
    double[][] few = Bootstrap.run(COUNTS, 50, 3, "overall", WEIGHTS);
    double[][] many = Bootstrap.run(COUNTS, 500, 3, "overall", WEIGHTS);
    assertThat(Arrays.copyOf(many, 50)).isDeepEqualTo(few);
  }

  @Test
  void streams_whose_names_share_a_hash_code_are_still_different() {
    // "Aa".hashCode() == "BB".hashCode() == 2112: two slice groups so named must not share replicates.
    assertThat("slice:plan:Aa".hashCode()).isEqualTo("slice:plan:BB".hashCode());
    double[][] a = Bootstrap.run(COUNTS, 100, 7, "slice:plan:Aa", WEIGHTS);
    double[][] b = Bootstrap.run(COUNTS, 100, 7, "slice:plan:BB", WEIGHTS);
    assertThat(Arrays.deepEquals(a, b)).as("identical replicates").isFalse();
  }

  @Test
  void a_cell_of_m_rows_gets_a_poisson_m_weight() {
    int reps = 20_000;
    double[][] w = Bootstrap.run(COUNTS, reps, 5, "weights", WEIGHTS);
    for (int k = 0; k < COUNTS.length; k++) {
      double sum = 0;
      double sumSq = 0;
      for (double[] r : w) {
        assertThat(r[k]).isNotNegative().isEqualTo(Math.rint(r[k]));
        sum += r[k];
        sumSq += r[k] * r[k];
      }
      double mean = sum / reps;
      double variance = sumSq / reps - mean * mean;
      double m = COUNTS[k];
      if (m == 0) {
        assertThat(sum).isZero();
        continue;
      }
      assertThat(mean).as("mean weight of a cell of %s rows", m).isCloseTo(m, within(5 * Math.sqrt(m / reps)));
      assertThat(variance).as("weight variance of a cell of %s rows", m).isCloseTo(m, within(5 * Math.sqrt((m + 2 * m * m) / reps)));
    }
  }
}
