package dev.holdout.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.datasketches.kll.KllSketch;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {
  private static double[] values(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = Math.exp(r.nextDouble() * 4) + (r.nextInt(10) == 0 ? 1e6 : 0);
    return x;
  }

  @Test
  void its_rank_error_is_the_one_datasketches_states_for_the_same_algorithm() {
    for (int k : new int[] {200, 1000, 4000}) {
      assertThat(QuantileSketch.rankError(k, false)).isEqualTo(KllSketch.getNormalizedRankError(k, false));
      assertThat(QuantileSketch.rankError(k, true)).isEqualTo(KllSketch.getNormalizedRankError(k, true));
    }
    assertThat(QuantileSketch.rankError(4000, false)).isCloseTo(0.00072, within(0.000005));
  }

  @Test
  void up_to_k_values_it_holds_them_all_and_answers_exactly() {
    double[] x = {5, 1, 3, 3, 9};
    QuantileSketch s = new QuantileSketch(8, new Random(1));
    s.update(x, 0, x.length);
    assertThat(s.exact()).isTrue();
    assertThat(s.sortedValues()).containsExactly(1, 3, 3, 5, 9);
    assertThat(s.cumulativeWeights()).containsExactly(1, 2, 3, 4, 5);
    // inclusive: the smallest value with at least rank·n values at most it
    assertThat(s.quantiles(new double[] {0, 0.2, 0.5, 0.6, 1})).containsExactly(1, 1, 3, 3, 9);
    assertThat(s.cdf(new double[] {3, 6}, true)).containsExactly(0.6, 0.8, 1.0);
    assertThat(s.cdf(new double[] {3, 6}, false)).containsExactly(0.2, 0.8, 1.0);
  }

  @Test
  void the_same_values_and_the_same_coins_give_the_same_sketch_every_time() {
    double[] x = values(1, 300_000);
    double[][] runs = new double[2][];
    long[][] weights = new long[2][];
    for (int run = 0; run < 2; run++) {
      QuantileSketch a = new QuantileSketch(200, new Random(42));
      QuantileSketch b = new QuantileSketch(200, new Random(43));
      a.update(x, 0, 100_000);
      b.update(x, 100_000, 200_000);
      a.merge(b);
      assertThat(a.exact()).isFalse();
      runs[run] = a.sortedValues();
      weights[run] = a.cumulativeWeights();
    }
    assertThat(runs[1]).containsExactly(runs[0]);
    assertThat(weights[1]).containsExactly(weights[0]);
  }

  @Test
  void a_merged_sketch_counts_every_value_and_keeps_the_exact_extremes() {
    double[] x = values(2, 50_000);
    QuantileSketch a = new QuantileSketch(200, new Random(1));
    QuantileSketch b = new QuantileSketch(200, new Random(2));
    a.update(x, 0, 20_000);
    b.update(x, 20_000, 30_000);
    a.merge(b);
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    assertThat(a.n()).isEqualTo(50_000);
    assertThat(a.cumulativeWeights()[a.cumulativeWeights().length - 1]).isEqualTo(50_000);
    assertThat(a.quantiles(new double[] {0, 1})).containsExactly(sorted[0], sorted[sorted.length - 1]);
    double eps = QuantileSketch.rankError(200, false);
    for (double p : new double[] {0.1, 0.25, 0.5, 0.9}) {
      double q = a.quantiles(new double[] {p})[0];
      double rank = (double) TwoSample.upperBound(sorted, q, 0) / sorted.length;
      assertThat(rank).as("rank of the %s quantile", p).isCloseTo(p, within(eps));
    }
  }
}
