package dev.holdout.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.metric.BinaryMetrics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeLongTest {
  /*
   * Worked by hand. Labels 1, 1, 0, 0; a = 0.9, 0.6, 0.7, 0.1; b = 0.8, 0.2, 0.5, 0.4.
   * a: the positive 0.9 outranks both negatives (V10 = 1), 0.6 one of two (1/2): roc_auc 3/4;
   *    the negative 0.7 is outranked by one positive of two (V01 = 1/2), 0.1 by both (1).
   * b: V10 = 1 and 0, roc_auc 1/2; V01 = 1/2 and 1/2. The difference is 1/4.
   * Centred differences: positives -1/4, +1/4 -> S10 = (1/16 + 1/16) / (2 * 1) = 1/16;
   * negatives -1/4, +1/4 -> S01 = 1/16. var = 1/8, z = (1/4) / sqrt(1/8) = 1/sqrt(2),
   * p = erfc(1/2) = 0.4795001221869535 (scipy.special.erfc(0.5)).
   * Clustered with groups {rows 0, 2} and {rows 1, 3}: group sums of D10/M + D01/N are
   * -1/8 - 1/8 = -1/4 and +1/4, var = 2/(2-1) * (1/16 + 1/16) = 1/4, z = 1/2,
   * p = erfc(1/(2 sqrt 2)) = 0.6170750774519738.
   */
  private static final boolean[] Y = {true, true, false, false};
  private static final double[] A = {0.9, 0.6, 0.7, 0.1};
  private static final double[] B = {0.8, 0.2, 0.5, 0.4};

  @Test
  void a_hand_worked_case_gives_z_of_one_over_root_two() {
    TestResult r = DeLong.test(Y, A, B, null);
    assertThat(r.defined()).isTrue();
    assertThat(r.statistic()).isCloseTo(1 / Math.sqrt(2), within(1e-12));
    assertThat(r.pValue()).isCloseTo(0.4795001221869535, within(1e-12));
    assertThat(r.detail()).startsWith("roc_auc 0.7500 and 0.5000");
  }

  @Test
  void the_clustered_variance_sums_placement_values_by_group() {
    TestResult r = DeLong.test(Y, A, B, new int[] {0, 1, 0, 1});
    assertThat(r.statistic()).isCloseTo(0.5, within(1e-12));
    assertThat(r.pValue()).isCloseTo(0.6170750774519738, within(1e-12));
  }

  @Test
  void placement_values_give_the_roc_auc_with_ties_counted_half() {
    PairedRows rows = PairedRows.of(300, 2024);
    int m = 0;
    for (boolean p : rows.positive()) if (p) m++;
    double[] v = DeLong.placements(rows.positive(), rows.a(), m, 300 - m);
    // sklearn.metrics.roc_auc_score on the same rows (holdout-bench/scripts/paired_tests.py)
    assertThat(v[300]).isCloseTo(0.6939151201552316, within(1e-12));
    assertThat(v[300]).isCloseTo(BinaryMetrics.rocAuc(rows.a(), rows.positive()), within(1e-12));
  }

  @Test
  void three_hundred_rows_with_ties_agree_with_the_quadratic_reference() {
    // holdout-bench/scripts/paired_tests.py: DeLong from the 101 x 199 comparison matrix,
    // z = 1.0350776921971614, p = 0.30063262959553394 (scipy.stats.norm.sf); Obuchowski's clustered
    // variance written out with S10, S01 and S11 over 60 groups of 5: z = 1.0177299562647204,
    // p = 0.308806306989615.
    PairedRows rows = PairedRows.of(300, 2024);
    TestResult r = DeLong.test(rows.positive(), rows.a(), rows.b(), null);
    assertThat(r.statistic()).isCloseTo(1.0350776921971614, within(1e-10));
    assertThat(r.pValue()).isCloseTo(0.30063262959553394, within(1e-10));
    TestResult c = DeLong.test(rows.positive(), rows.a(), rows.b(), rows.group());
    assertThat(c.statistic()).isCloseTo(1.0177299562647204, within(1e-10));
    assertThat(c.pValue()).isCloseTo(0.308806306989615, within(1e-10));
  }

  @Test
  void one_label_only_or_one_group_has_no_test() {
    assertThat(DeLong.test(new boolean[] {true, true}, new double[] {0.1, 0.2}, new double[] {0.3, 0.4}, null).undefined())
        .isEqualTo("roc_auc needs both labels among the rows; no negative row");
    assertThat(DeLong.test(Y, A, B, new int[] {3, 3, 3, 3}).undefined()).isEqualTo("the clustered variance needs at least two groups");
  }

  @Test
  void the_same_scores_twice_are_not_different() {
    TestResult r = DeLong.test(Y, A, A, null);
    assertThat(r.statistic()).isZero();
    assertThat(r.pValue()).isEqualTo(1.0);
  }

  @Test
  void under_the_null_the_test_rejects_about_five_percent_of_the_time() {
    // Two scores of equal true roc_auc (independent noise around one signal): 2,000 seeded
    // evaluation sets of 400 rows; a level-0.05 test should reject about 100 of them (binomial
    // standard error 10).
    int rejected = 0;
    int sets = 2_000;
    for (int s = 0; s < sets; s++) {
      SplittableRandom r = new SplittableRandom(31 + s);
      int n = 400;
      boolean[] y = new boolean[n];
      double[] a = new double[n];
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = r.nextDouble() < 0.3;
        double signal = (y[i] ? 1 : 0) + r.nextGaussian();
        a[i] = signal + r.nextGaussian();
        b[i] = signal + r.nextGaussian();
      }
      if (DeLong.test(y, a, b, null).pValue() < 0.05) rejected++;
    }
    assertThat(rejected).isBetween(70, 130);
  }
}
