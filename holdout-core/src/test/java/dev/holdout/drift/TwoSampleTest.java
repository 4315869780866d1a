package dev.holdout.drift;

import dev.holdout.stats.Probability;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** Values typed in from SciPy 1.10.1 (Debian's python3-scipy), each with the call that produced it. */
class TwoSampleTest {
  private static final double[] A = {0.1, 0.5, 0.9, 1.3, 2.2, 2.8, 3.0, 4.1};
  private static final double[] B = {0.7, 1.9, 2.5, 3.3, 3.9, 4.4, 5.0, 5.2, 6.1, 7.0};

  private static double[] powers(int n, double power) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = Math.pow((double) i / (n - 1), power);
    return v;
  }

  @Test
  void ks_statistic_and_exact_p_value_match_scipy_on_a_small_case() {
    // stats.ks_2samp(A, B) -> (0.575, 0.07043283513871751)
    assertThat(TwoSample.ksStatistic(A, B)).isCloseTo(0.575, within(1e-12));
    assertThat(TwoSample.ksPValue(A, B)).isCloseTo(0.07043283513871751, within(1e-10));
  }

  @Test
  void ks_exact_p_value_matches_scipy_on_two_thousand_rows() {
    // x = np.linspace(0, 1, 2001)**2; y = np.linspace(0, 1, 1800)**2.1; stats.ks_2samp(x, y)
    //   -> (0.018462435448942195, 0.8949934464729755)
    double[] x = powers(2001, 2);
    double[] y = powers(1800, 2.1);
    assertThat(TwoSample.ksStatistic(x, y)).isCloseTo(0.018462435448942195, within(1e-12));
    assertThat(TwoSample.ksPValue(x, y)).isCloseTo(0.8949934464729755, within(1e-8));
  }

  @Test
  void ks_asymptotic_p_value_is_within_one_percent_of_scipy_above_ten_thousand_rows() {
    // x = np.linspace(0, 1, 12001)**1.02; y = np.linspace(0, 1, 15001); stats.ks_2samp(x, y, method='asymp')
    //   -> (0.007360107054163512, 0.8602980642399461)
    double[] x = powers(12001, 1.02);
    double[] y = powers(15001, 1);
    assertThat(TwoSample.ksStatistic(x, y)).isCloseTo(0.007360107054163512, within(1e-12));
    assertThat(TwoSample.ksPValue(x, y)).isCloseTo(0.8602980642399461, Percentage.withPercentage(1));
  }

  @Test
  void identical_samples_have_ks_zero_and_p_value_one() {
    assertThat(TwoSample.ksStatistic(A, A)).isZero();
    assertThat(TwoSample.ksPValue(A, A)).isEqualTo(1.0);
  }

  @Test
  void wasserstein_matches_scipy() {
    // stats.wasserstein_distance(A, B) -> 2.1374999999999997
    assertThat(TwoSample.wasserstein(A, B)).isCloseTo(2.1375, within(1e-12));
    // x = np.linspace(0, 1, 12001)**1.02; y = np.linspace(0, 1, 15001)
    // stats.wasserstein_distance(x, y) -> 0.004950119612704417; np.std(x) -> 0.2896328743375105
    double[] x = powers(12001, 1.02);
    double[] y = powers(15001, 1);
    assertThat(TwoSample.wasserstein(x, y)).isCloseTo(0.004950119612704417, within(1e-12));
    assertThat(TwoSample.std(x)).isCloseTo(0.2896328743375105, within(1e-12));
  }

  @Test
  void jensen_shannon_distance_in_base_e_matches_scipy_default_as_evidently_uses_it() {
    // scipy.spatial.distance.jensenshannon([10, 20, 30, 40], [25, 25, 25, 25]) -> 0.16692996572597962
    // (base 2 would give 0.2005033225314282, 1.2011 times larger)
    assertThat(TwoSample.jensenShannon(new double[] {10, 20, 30, 40}, new double[] {25, 25, 25, 25})).isCloseTo(0.16692996572597962, within(1e-12));
    // jensenshannon([5, 0, 5], [0, 5, 5]) -> 0.5887050112577373 (bins empty on one side)
    assertThat(TwoSample.jensenShannon(new double[] {5, 0, 5}, new double[] {0, 5, 5})).isCloseTo(0.5887050112577373, within(1e-12));
    // disjoint supports: the largest distance, sqrt(ln 2) = 0.8325546111576977
    assertThat(TwoSample.jensenShannon(new double[] {1, 0}, new double[] {0, 1})).isCloseTo(0.8325546111576977, within(1e-12));
  }

  @Test
  void chi_square_matches_scipy_contingency_without_correction() {
    // stats.chi2_contingency([[10, 20, 30, 40], [25, 25, 25, 25]], correction=False)[:3]
    //   -> (10.900210900210901, 0.012277894009958807, 3)
    TwoSample.ChiSquare c = TwoSample.chiSquare(new double[] {10, 20, 30, 40, 0}, new double[] {25, 25, 25, 25, 0});
    assertThat(c.statistic()).isCloseTo(10.900210900210901, within(1e-9));
    assertThat(c.dof()).isEqualTo(3);
    assertThat(c.pValue()).isCloseTo(0.012277894009958807, within(1e-12));
  }

  @Test
  void chi_square_and_normal_tails_match_scipy() {
    // stats.chi2.sf(3.5, 2) -> 0.1737739434504451; stats.chi2.sf(30.0, 7) -> 9.495972508134177e-05
    assertThat(Probability.chiSquareSurvival(3.5, 2)).isCloseTo(0.1737739434504451, within(1e-13));
    assertThat(Probability.chiSquareSurvival(30.0, 7)).isCloseTo(9.495972508134177e-05, within(1e-15));
    // stats.norm.ppf(0.975) -> 1.959963984540054
    assertThat(Probability.normalQuantile(0.975)).isCloseTo(1.959963984540054, within(1e-12));
  }

  @Test
  void psi_over_hand_computed_shares() {
    // shares (0.5, 0.5) vs (0.25, 0.75): (0.25-0.5)ln(0.5) + (0.75-0.5)ln(1.5) = 0.27465307...
    double expected = -0.25 * Math.log(0.5) + 0.25 * Math.log(1.5);
    assertThat(TwoSample.psi(new double[] {50, 50}, new double[] {25, 75})).isCloseTo(expected, within(1e-12));
    assertThat(TwoSample.psi(new double[] {50, 50}, new double[] {50, 50})).isZero();
  }

  @Test
  void decile_edges_follow_numpy_linear_quantiles() {
    // np.quantile(A, [0.1, 0.5, 0.9]) -> [0.38, 1.75, 3.33]
    double[] e = TwoSample.decileEdges(A);
    assertThat(e).hasSize(9);
    assertThat(e[0]).isCloseTo(0.38, within(1e-12));
    assertThat(e[4]).isCloseTo(1.75, within(1e-12));
    assertThat(e[8]).isCloseTo(3.33, within(1e-12));
  }
}
