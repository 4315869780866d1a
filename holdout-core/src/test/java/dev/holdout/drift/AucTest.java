package dev.holdout.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.metric.BinaryMetrics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AucTest {
  @Test
  void equals_the_metric_packages_roc_auc_with_and_without_ties() {
    SplittableRandom r = new SplittableRandom(11);
    for (int round = 0; round < 50; round++) {
      int n = 2 + r.nextInt(3000);
      double[] score = new double[n];
      boolean[] positive = new boolean[n];
      boolean ties = round % 2 == 0;
      for (int i = 0; i < n; i++) {
        positive[i] = r.nextDouble() < 0.3 + 0.4 * (round % 3) / 2.0;
        double s = r.nextGaussian() + (positive[i] ? 0.4 : 0);
        score[i] = ties ? Math.round(s * 4) / 4.0 : s;
      }
      double expected = BinaryMetrics.rocAuc(score, positive);
      if (Double.isNaN(expected)) assertThat(Auc.rocAuc(score, positive)).isNaN();
      else assertThat(Auc.rocAuc(score, positive)).as("round " + round).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void small_cases_by_hand() {
    // scikit-learn: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75; all tied = 0.5
    assertThat(Auc.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true})).isEqualTo(0.75);
    assertThat(Auc.rocAuc(new double[] {1, 1, 1}, new boolean[] {true, false, false})).isEqualTo(0.5);
    assertThat(Auc.rocAuc(new double[] {1, 2}, new boolean[] {true, true})).isNaN();
  }
}
