package dev.holdout.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Prediction-powered inference: hand-worked figures, and coverage by seeded simulation. */
class PpiTest {
  /**
   * Graded: judge 4, 2, 5 and people 3, 2, 4 (n = 3); ungraded judge 5, 3 (N = 2). mean(y) = 3,
   * mean(f graded) = 11/3, mean(f ungraded) = 4; cov(y, f) = (0 * 1/3 + (-1)(-5/3) + 1 * 4/3) / 2 = 1.5;
   * var(f all: 4, 2, 5, 5, 3) = (0.04 + 3.24 + 1.44 + 1.44 + 0.64) / 4 = 1.7; lambda = 1.5 / (2.5 * 1.7)
   * = 0.352941; theta = 3 + 0.352941 * (4 - 11/3) = 3.117647.
   */
  @Test
  void a_hand_worked_estimate() {
    Ppi p = Ppi.of(new double[] {5, 3}, new double[] {4, 2, 5}, new double[] {3, 2, 4});
    assertThat(p.lambda()).isCloseTo(1.5 / (2.5 * 1.7), within(1e-12));
    assertThat(p.value()).isCloseTo(3 + p.lambda() / 3, within(1e-12));
    assertThat(p.graded()).isEqualTo(3);
    assertThat(p.ungraded()).isEqualTo(2);
  }

  @Test
  void fewer_than_two_graded_answers_give_no_estimate() {
    assertThat(Ppi.of(new double[] {1, 2, 3}, new double[] {4}, new double[] {4})).isNull();
  }

  /**
   * 2,000 answers whose true grade y is 1 to 5; a judge that grades everything 0.8 too high with
   * noise; people grade 150 of them. The judge's own mean misses the true mean by 0.8, far outside
   * any interval; PPI's 95% interval covers the true mean about 95% of the time over 1,000 seeded
   * evaluations (standard error of the coverage 0.7 points), and is narrower than the interval of
   * the 150 human grades alone.
   */
  @Test
  void the_interval_covers_the_mean_human_grade_about_95_percent_of_the_time() {
    int evaluations = 1_000;
    int covered = 0;
    double ppiWidth = 0;
    double humanWidth = 0;
    double trueMean = 3.0;
    for (int e = 0; e < evaluations; e++) {
      SplittableRandom r = new SplittableRandom(500 + e);
      int total = 2_000;
      int graded = 150;
      double[] fu = new double[total - graded];
      double[] fl = new double[graded];
      double[] y = new double[graded];
      for (int i = 0; i < total; i++) {
        double truth = 1 + r.nextInt(5);
        double judge = Math.max(1, Math.min(5, Math.rint(truth + 0.8 + 0.7 * r.nextGaussian())));
        if (i < graded) {
          fl[i] = judge;
          y[i] = truth;
        } else {
          fu[i - graded] = judge;
        }
      }
      Ppi p = Ppi.of(fu, fl, y);
      double[] ci = p.interval(0.95);
      if (ci[0] <= trueMean && trueMean <= ci[1]) covered++;
      ppiWidth += ci[1] - ci[0];
      Ppi humansOnly = Ppi.of(new double[0], fl, y);
      double[] h = humansOnly.interval(0.95);
      humanWidth += h[1] - h[0];
    }
    assertThat((double) covered / evaluations).isBetween(0.93, 0.97);
    assertThat(ppiWidth).isLessThan(0.9 * humanWidth);
  }
}
