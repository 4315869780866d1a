package dev.holdout.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Agreement between a judge's repeats, against values worked out by hand. */
class AgreementTest {
  @Test
  void krippendorff_alpha_by_hand() {
    // Rows 1 1 1 | 2 3 (a repeat failed) | 4 4 5 | 5 5 5: n = 11 pairable values.
    // Within rows, ordered pairs of squared differences over (m - 1): 0 + 2/1 + 4/2 + 0 = 4, so D_o = 4/11.
    // All values: sum 36, sum of squares 148; ordered pairs 2 * (11 * 148 - 36^2) = 664, so D_e = 664 / (11 * 10).
    // alpha = 1 - (4/11) / (664/110) = 1 - 40/664 = 78/83.
    Agreement a = Agreement.of(new double[][] {{1, 1, 1}, {2, 3}, {4, 4, 5}, {5, 5, 5}}, 3);
    assertThat(a.rows()).isEqualTo(4);
    assertThat(a.alpha().value()).isCloseTo(78.0 / 83, within(1e-12));
    assertThat(a.exact().value()).isEqualTo(0.5);
    assertThat(a.meanSpread().value()).isEqualTo(0.5);
  }

  @Test
  void rows_with_fewer_than_two_grades_do_not_count() {
    Agreement a = Agreement.of(new double[][] {{1, 1, 1}, {2}, {}, {4, 4, 5}, {5, 5, 5}, {2, 3}}, 3);
    assertThat(a.rows()).isEqualTo(4);
    assertThat(a.alpha().value()).isCloseTo(78.0 / 83, within(1e-12));
  }

  @Test
  void perfect_agreement_is_one_and_opposite_pairs_go_below_zero() {
    assertThat(Agreement.of(new double[][] {{1, 1}, {5, 5}, {3, 3}}, 2).alpha().value()).isEqualTo(1.0);
    // Rows 1 5 and 5 1: D_o = (2 * 16 + 2 * 16) / 4 = 16; all values 1 5 5 1: sum 12, squares 52,
    // pairs 2 * (4 * 52 - 144) = 128, D_e = 128 / 12; alpha = 1 - 16 * 12 / 128 = -0.5.
    assertThat(Agreement.of(new double[][] {{1, 5}, {5, 1}}, 2).alpha().value()).isCloseTo(-0.5, within(1e-12));
  }

  @Test
  void undefined_cases_say_why() {
    Agreement same = Agreement.of(new double[][] {{4, 4, 4}, {4, 4, 4}}, 3);
    assertThat(same.exact().value()).isEqualTo(1.0);
    assertThat(same.alpha().undefined()).contains("every grade is the same");
    assertThat(Agreement.of(new double[][] {{4}, {3}}, 1).alpha().undefined()).contains("repeats: 1");
    assertThat(Agreement.of(new double[][] {{4}, {}}, 3).exact().undefined()).isEqualTo("no answer has two successful judgements");
  }

  /** Krippendorff's alpha from the coincidence matrix, as in Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability". */
  private static double slowAlpha(double[][] units, int min, int max) {
    int k = max - min + 1;
    double[][] o = new double[k][k];
    for (double[] u : units) {
      int m = u.length;
      if (m < 2) continue;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          if (i != j) o[(int) u[i] - min][(int) u[j] - min] += 1.0 / (m - 1);
        }
      }
    }
    double[] nc = new double[k];
    double n = 0;
    for (int c = 0; c < k; c++) {
      for (int d = 0; d < k; d++) nc[c] += o[c][d];
      n += nc[c];
    }
    double observed = 0, expected = 0;
    for (int c = 0; c < k; c++) {
      for (int d = 0; d < k; d++) {
        double delta = (double) (c - d) * (c - d);
        observed += o[c][d] * delta;
        expected += nc[c] * nc[d] * delta;
      }
    }
    return 1 - (n - 1) * observed / expected;
  }

  @Test
  void agrees_with_the_coincidence_matrix_on_random_grades() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(8);
    int compared = 0;
    for (int trial = 0; trial < 200; trial++) {
      int rows = 1 + r.nextInt(30);
      double[][] units = new double[rows][];
      for (int i = 0; i < rows; i++) {
        int m = r.nextInt(5);
        int base = 1 + r.nextInt(5);
        units[i] = new double[m];
        // Mostly near a row's own grade, so alpha spans useful values rather than sitting near 0.
        for (int j = 0; j < m; j++) units[i][j] = Math.max(1, Math.min(5, base + (r.nextInt(4) == 0 ? r.nextInt(3) - 1 : 0)));
      }
      Agreement a = Agreement.of(units, 4);
      if (!a.alpha().defined()) continue;
      assertThat(a.alpha().value()).as("trial " + trial).isCloseTo(slowAlpha(units, 1, 5), within(1e-9));
      compared++;
    }
    assertThat(compared).isGreaterThan(150);
  }
}
