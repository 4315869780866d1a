package dev.holdout.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Multiclass CBPE against a hand-worked example and against simulations where the true performance is known. */
class MulticlassCbpeTest {
  @Test
  void two_rows_by_hand() {
    MulticlassCbpe c = new MulticlassCbpe(3);
    c.add(new double[] {0.7, 0.2, 0.1});
    c.add(new double[] {0.1, 0.6, 0.3});
    assertThat(c.accuracy()).isCloseTo(0.65, within(1e-12));
    // class 0: TP .7 FP .3 FN .1; class 1: TP .6 FP .4 FN .2; class 2: FN .4 only (f1 0, as NannyML counts it)
    assertThat(c.macroF1()).isCloseTo((1.4 / 1.8 + 1.2 / 1.8 + 0) / 3, within(1e-12));
    assertThat(c.macroPrecision()).isCloseTo((0.7 + 0.6) / 2, within(1e-12));
    assertThat(c.macroRecall()).isCloseTo((0.7 / 0.8 + 0.6 / 0.8 + 0) / 3, within(1e-12));
  }

  /** Calibrated probabilities drawn per row, the outcome drawn from them: the realized figures are known. */
  static final class Sim {
    final MulticlassCbpe cbpe = new MulticlassCbpe(3);
    final long[][] confusion = new long[3][3];
    long rows;

    Sim(int n, double shift, long seed) {
      Random r = new Random(seed);
      for (int i = 0; i < n; i++) {
        double x1 = r.nextGaussian() + shift;
        double x2 = r.nextGaussian();
        double[] logit = {1.5 * x1, 1.2 * x2, 0.3};
        double max = Math.max(logit[0], Math.max(logit[1], logit[2]));
        double[] p = new double[3];
        double sum = 0;
        for (int k = 0; k < 3; k++) sum += p[k] = Math.exp(logit[k] - max);
        for (int k = 0; k < 3; k++) p[k] /= sum;
        double u = r.nextDouble();
        int actual = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
        int predicted = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
        cbpe.add(p, predicted);
        confusion[actual][predicted]++;
        rows++;
      }
    }

    double accuracy() {
      return (double) (confusion[0][0] + confusion[1][1] + confusion[2][2]) / rows;
    }

    /** scikit-learn's f1_score(average="macro"). */
    double macroF1() {
      double sum = 0;
      for (int k = 0; k < 3; k++) {
        long tp = confusion[k][k];
        long fp = 0;
        long fn = 0;
        for (int j = 0; j < 3; j++) {
          if (j != k) {
            fp += confusion[j][k];
            fn += confusion[k][j];
          }
        }
        sum += 2.0 * tp / (2 * tp + fp + fn);
      }
      return sum / 3;
    }
  }

  @Test
  void on_calibrated_probabilities_the_estimates_follow_the_realized_values_under_a_covariate_shift() {
    for (double shift : new double[] {0, 1.0, -1.5}) {
      Sim s = new Sim(50_000, shift, 11 + (long) (shift * 10));
      System.out.printf("multiclass CBPE, shift %.1f: realized accuracy %.4f, estimated %.4f; realized macro f1 %.4f, estimated %.4f%n", shift,
          s.accuracy(), s.cbpe.accuracy(), s.macroF1(), s.cbpe.macroF1());
      assertThat(s.cbpe.accuracy()).as("shift " + shift).isCloseTo(s.accuracy(), within(0.01));
      assertThat(s.cbpe.macroF1()).as("shift " + shift).isCloseTo(s.macroF1(), within(0.01));
    }
    // the shift moves the true accuracy, and the estimate moves with it
    assertThat(new Sim(50_000, 1.0, 3).accuracy() - new Sim(50_000, 0, 4).accuracy()).isGreaterThan(0.03);
  }

  @Test
  void the_accuracy_interval_covers_the_realized_accuracy_about_95_percent_of_the_time() {
    int covered = 0;
    int runs = 200;
    for (int run = 0; run < runs; run++) {
      Sim s = new Sim(2_000, 0.3, 1000 + run);
      var ci = s.cbpe.estimates(0.95).get("accuracy").ci();
      if (s.accuracy() >= ci.get(0) && s.accuracy() <= ci.get(1)) covered++;
    }
    assertThat(covered / (double) runs).isBetween(0.91, 0.99);
  }
}
