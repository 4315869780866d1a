package dev.holdout.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumericSketchTest {
  private static double normal(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static double[] sample(SplittableRandom r, int n, String dist, double shift) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = switch (dist) {
        case "normal" -> normal(r) + shift;
        case "lognormal" -> Math.exp(normal(r) + shift);
        default -> -Math.log(1 - r.nextDouble()) + shift;
      };
    }
    return x;
  }

  private static double[] sorted(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s;
  }

  @Test
  void an_empty_sketch_has_no_spread_and_no_statistics() {
    NumericSketch s = NumericSketch.create();
    s.update(Double.NaN);
    assertThat(s.count()).isZero();
    assertThat(s.missing()).isEqualTo(1);
    assertThat(s.std()).isNaN();
    assertThat(s.mean()).isNaN();
    assertThatThrownBy(() -> Sketched.ks(s, NumericSketch.of(new double[] {1}))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void one_value_has_zero_spread_and_is_a_few_valued_column() {
    NumericSketch s = NumericSketch.of(new double[] {3.5});
    assertThat(s.count()).isEqualTo(1);
    assertThat(s.mean()).isEqualTo(3.5);
    assertThat(s.std()).isZero();
    assertThat(s.fewValues()).isTrue();
    assertThat(s.valueCount(3.5)).isEqualTo(1);
  }

  @Test
  void a_small_hand_computed_case_is_exact() {
    // a = {1, 2, 3}, b = {2, 4}: F_a - F_b is 1/3 on [1, 2), 1/6 on [2, 3), 1/2 on [3, 4): W1 = 1/3 + 1/6 + 1/2 = 1
    NumericSketch a = NumericSketch.of(new double[] {3, 1, Double.NaN, 2});
    NumericSketch b = NumericSketch.of(new double[] {4, 2});
    assertThat(Sketched.wasserstein(a, b)).isCloseTo(1.0, within(1e-12));
    assertThat(Sketched.ks(a, b)).isCloseTo(0.5, within(1e-12));
    assertThat(a.std()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-12));
    assertThat(a.missing()).isEqualTo(1);
  }

  @Test
  void below_k_values_the_sketch_statistics_equal_the_exact_ones() {
    SplittableRandom r = new SplittableRandom(1);
    double[] a = sorted(sample(r, 3000, "normal", 0));
    double[] b = sorted(sample(r, 2000, "normal", 0.3));
    NumericSketch sa = NumericSketch.of(a);
    NumericSketch sb = NumericSketch.of(b);
    assertThat(Sketched.ks(sa, sb)).isCloseTo(TwoSample.ksStatistic(a, b), within(1e-12));
    assertThat(Sketched.wasserstein(sa, sb)).isCloseTo(TwoSample.wasserstein(a, b), within(1e-9));
    assertThat(sa.std()).isCloseTo(TwoSample.std(a), within(1e-12));
    assertThat(Sketched.binCounts(sb, TwoSample.decileEdges(a))).containsExactly(TwoSample.binCounts(b, TwoSample.decileEdges(a)), within(1e-6));
  }

  @Test
  void few_distinct_values_are_counted_exactly_and_merge() {
    NumericSketch a = NumericSketch.of(new double[] {0, 1, 1, 0, 1});
    NumericSketch b = NumericSketch.of(new double[] {1, 2, Double.NaN});
    a.merge(b);
    assertThat(a.fewValues()).isTrue();
    assertThat(a.valueCount(1)).isEqualTo(4);
    assertThat(a.valueCount(2)).isEqualTo(1);
    assertThat(a.missing()).isEqualTo(1);
    a.merge(NumericSketch.of(new double[] {3, 4, 5}));
    assertThat(a.fewValues()).isFalse();
  }

  @Test
  void merge_of_two_halves_equals_one_pass_within_the_rank_error() {
    SplittableRandom r = new SplittableRandom(2);
    double[] x = sample(r, 1_000_000, "lognormal", 0);
    double[] y = sorted(sample(r, 1_000_000, "lognormal", 0.05));
    NumericSketch whole = NumericSketch.of(x);
    NumericSketch first = NumericSketch.create();
    first.update(x, 0, x.length / 2);
    NumericSketch second = NumericSketch.create();
    second.update(x, x.length / 2, x.length);
    first.merge(second);
    assertThat(first.count()).isEqualTo(whole.count());
    assertThat(first.mean()).isCloseTo(whole.mean(), within(1e-12 * Math.abs(whole.mean())));
    assertThat(first.std()).isCloseTo(whole.std(), within(1e-9 * whole.std()));
    NumericSketch sy = NumericSketch.of(y);
    double eps = NumericSketch.RANK_ERROR;
    // each is within 2ε of the exact statistic, so within 4ε of each other
    assertThat(Sketched.ks(first, sy)).isCloseTo(Sketched.ks(whole, sy), within(4 * eps));
    assertThat(Sketched.ks(first, sy)).isCloseTo(TwoSample.ksStatistic(sorted(x), y), within(2 * eps));
    assertThat(Sketched.ks(first, whole)).isLessThanOrEqualTo(2 * eps);
  }

  @Test
  void on_a_million_rows_ks_is_within_twice_the_rank_error_and_wasserstein_within_a_hundredth_of_the_spread() {
    SplittableRandom r = new SplittableRandom(3);
    double eps = NumericSketch.RANK_ERROR;
    for (String dist : new String[] {"normal", "lognormal", "exponential"}) {
      double[] a = sample(r, 1_000_000, dist, 0);
      double[] b = sample(r, 1_000_000, dist, 0.1);
      NumericSketch sa = NumericSketch.of(a);
      NumericSketch sb = NumericSketch.of(b);
      a = sorted(a);
      b = sorted(b);
      double sd = TwoSample.std(a);
      assertThat(Sketched.ks(sa, sb)).as(dist).isCloseTo(TwoSample.ksStatistic(a, b), within(2 * eps));
      assertThat(Sketched.wasserstein(sa, sb) / sd).as(dist).isCloseTo(TwoSample.wasserstein(a, b) / sd, within(0.01));
      double[] edges = TwoSample.decileEdges(a);
      double[] exact = TwoSample.binCounts(b, edges);
      double[] sketched = Sketched.binCounts(sb, edges);
      for (int k = 0; k < exact.length; k++) {
        assertThat(sketched[k] / b.length).as(dist + " bin " + k).isCloseTo(exact[k] / b.length, within(NumericSketch.PMF_ERROR));
      }
      double[] sketchEdges = Sketched.decileEdges(sa);
      for (int k = 0; k < edges.length; k++) {
        // the sketch's decile edge sits within the rank error of the true decile
        double rank = (double) TwoSample.upperBound(a, sketchEdges[k], 0) / a.length;
        assertThat(rank).as(dist + " edge " + k).isCloseTo((k + 1) / 10.0, within(eps));
      }
    }
  }
}
