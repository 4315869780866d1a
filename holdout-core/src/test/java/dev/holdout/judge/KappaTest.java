package dev.holdout.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.stats.Bootstrap;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Cohen's kappa against hand-worked tables and against scikit-learn 1.2.1's
 * {@code cohen_kappa_score(a, b, labels=range(min, max + 1), weights=None | "quadratic")} (values
 * printed once by /usr/bin/python3 and pasted here).
 */
class KappaTest {
  private static final Bootstrap.Settings BOOT = new Bootstrap.Settings(200, 0.95, 3);

  private static Kappa.Result kappa(int[] a, int[] b, int min, int max) {
    return Kappa.of(a, b, min, max, BOOT);
  }

  @Test
  void two_grades_by_hand() {
    // Table [[1, 1], [0, 2]]: p_o = 3/4; rows 2, 2 and columns 1, 3 give p_e = (2*1 + 2*3) / 16 = 1/2;
    // kappa = (3/4 - 1/2) / (1 - 1/2) = 0.5. On two grades the quadratic weights are the unweighted ones.
    Kappa.Result r = kappa(new int[] {1, 1, 2, 2}, new int[] {1, 2, 2, 2}, 1, 2);
    assertThat(r.rows()).isEqualTo(4);
    assertThat(r.kappa().value()).isCloseTo(0.5, within(1e-12));
    assertThat(r.quadratic().value()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void quadratic_weights_by_hand() {
    // a = 1 2 3, b = 1 3 3. Unweighted: p_o = 2/3, p_e = (1*1 + 1*0 + 1*2) / 9 = 1/3, kappa = (1/3) / (2/3) = 0.5.
    // Quadratic: observed sum w*C = (2-3)^2 = 1; rows (1, 1, 1), columns (1, 0, 2), expected E = row*col/3 and
    // sum w*E = (0 + 2*4 + 1 + 2*1 + 4 + 0) / 3 = 15/3 = 5, so kappa = 1 - 1/5 = 0.8.
    Kappa.Result r = kappa(new int[] {1, 2, 3}, new int[] {1, 3, 3}, 1, 3);
    assertThat(r.kappa().value()).isCloseTo(0.5, within(1e-12));
    assertThat(r.quadratic().value()).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void agrees_with_scikit_learn() {
    int[] a = {1, 2, 3, 3, 4, 5, 5, 2, 4, 3, 1, 4, 2, 5, 3};
    int[] b = {1, 2, 3, 4, 4, 5, 4, 2, 3, 3, 2, 4, 1, 5, 2};
    Kappa.Result r = kappa(a, b, 1, 5);
    assertThat(r.kappa().value()).isCloseTo(0.4972067039106145, within(1e-12));
    assertThat(r.quadratic().value()).isCloseTo(0.88, within(1e-12));
    // The judge-versus-human case of JudgeCommandTest: 0.75 and 16/17.
    Kappa.Result small = kappa(new int[] {5, 4, 2, 3, 2}, new int[] {5, 4, 1, 3, 2}, 1, 5);
    assertThat(small.kappa().value()).isCloseTo(0.75, within(1e-12));
    assertThat(small.quadratic().value()).isCloseTo(0.9411764705882353, within(1e-12));
  }

  @Test
  void the_whole_scale_sets_the_distances() {
    // Grades 1, 2 and 4 only: scikit-learn without labels measures 1 to 4 as two steps (0.4444...);
    // with labels=range(1, 6) it is three steps, as here.
    Kappa.Result r = kappa(new int[] {1, 1, 4, 4, 2}, new int[] {1, 4, 4, 4, 1}, 1, 5);
    assertThat(r.quadratic().value()).isCloseTo(0.5192307692307692, within(1e-12));
  }

  @Test
  void one_shared_grade_is_undefined_not_a_number() {
    Kappa.Result r = kappa(new int[] {3, 3, 3}, new int[] {3, 3, 3}, 1, 5);
    assertThat(r.kappa().defined()).isFalse();
    assertThat(r.kappa().undefined()).contains("same grade");
    assertThat(r.quadratic().defined()).isFalse();
    Kappa.Result none = kappa(new int[0], new int[0], 1, 5);
    assertThat(none.rows()).isZero();
    assertThat(none.kappa().undefined()).isEqualTo("no row has both grades");
  }

  @Test
  void interval_replicates_are_seeded_and_surround_the_estimate() {
    int[] a = {1, 2, 3, 3, 4, 5, 5, 2, 4, 3, 1, 4, 2, 5, 3};
    int[] b = {1, 2, 3, 4, 4, 5, 4, 2, 3, 3, 2, 4, 1, 5, 2};
    Kappa.Result r = kappa(a, b, 1, 5);
    Kappa.Result again = kappa(a, b, 1, 5);
    assertThat(r.kappaReplicates()).containsExactly(again.kappaReplicates());
    assertThat(r.kappaReplicates().length).isGreaterThan(150);
    double[] ci = Bootstrap.percentileInterval(r.quadraticReplicates(), 0.95);
    assertThat(ci[0]).isLessThan(0.88);
    assertThat(ci[1]).isGreaterThan(0.88).isLessThanOrEqualTo(1.0);
    assertThat(Arrays.stream(r.kappaReplicates()).max().getAsDouble()).isLessThanOrEqualTo(1.0);
  }

  @Test
  void unweighted_kappa_is_the_textbook_formula_on_random_grades() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rnd.nextInt(40);
      int[] a = new int[n];
      int[] b = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = 1 + rnd.nextInt(4);
        b[i] = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(4) : a[i];
      }
      // (p_o - p_e) / (1 - p_e), p_e from each rater's share of each grade.
      double po = 0, pe = 0;
      for (int i = 0; i < n; i++) if (a[i] == b[i]) po++;
      po /= n;
      for (int g = 1; g <= 4; g++) {
        double sa = 0, sb = 0;
        for (int i = 0; i < n; i++) {
          if (a[i] == g) sa++;
          if (b[i] == g) sb++;
        }
        pe += sa / n * (sb / n);
      }
      Kappa.Result r = Kappa.of(a, b, 1, 4, new Bootstrap.Settings(1, 0.95, 1));
      if (pe == 1) {
        assertThat(r.kappa().defined()).isFalse();
      } else {
        assertThat(r.kappa().value()).as("trial " + trial).isCloseTo((po - pe) / (1 - pe), within(1e-9));
      }
    }
  }
}
