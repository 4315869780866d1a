package dev.holdout.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** DLE against simulations where the true error is known: a model whose error grows with a feature, and a shift towards it. */
class DleTest {
  /** y = 2·x1 + ε with ε's spread 0.3 + |x2|; the model predicts 2·x1, so its error is ε. */
  record Sim(double[][] x, double[] prediction, double[] actual) {
    static Sim of(int n, double x2Mean, long seed) {
      Random r = new Random(seed);
      double[][] x = new double[n][2];
      double[] pred = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i][0] = r.nextGaussian();
        x[i][1] = x2Mean + r.nextGaussian();
        pred[i] = 2 * x[i][0];
        y[i] = pred[i] + (0.3 + Math.abs(x[i][1])) * r.nextGaussian();
      }
      return new Sim(x, pred, y);
    }

    double mae() {
      double s = 0;
      for (int i = 0; i < actual.length; i++) s += Math.abs(actual[i] - prediction[i]);
      return s / actual.length;
    }

    double rmse() {
      double s = 0;
      for (int i = 0; i < actual.length; i++) s += (actual[i] - prediction[i]) * (actual[i] - prediction[i]);
      return Math.sqrt(s / actual.length);
    }
  }

  @Test
  void the_estimated_mae_and_rmse_follow_a_shift_towards_rows_where_the_model_is_worse() {
    Sim reference = Sim.of(20_000, 0, 1);
    Dle mae = Dle.fit(reference.x(), reference.prediction(), reference.actual(), Dle.Loss.ABSOLUTE);
    Dle rmse = Dle.fit(reference.x(), reference.prediction(), reference.actual(), Dle.Loss.SQUARED);
    Sim same = Sim.of(10_000, 0, 2);
    Sim shifted = Sim.of(10_000, 1.5, 3);
    // the shift makes the model much worse; a reference figure would miss it
    assertThat(shifted.mae()).isGreaterThan(1.5 * reference.mae());
    System.out.printf("DLE: reference mae %.4f; same inputs: realized mae %.4f, estimated %.4f, realized rmse %.4f, estimated %.4f; "
        + "shifted: realized mae %.4f, estimated %.4f, realized rmse %.4f, estimated %.4f%n", reference.mae(), same.mae(),
        mae.estimate(same.x(), same.prediction()), same.rmse(), rmse.estimate(same.x(), same.prediction()), shifted.mae(),
        mae.estimate(shifted.x(), shifted.prediction()), shifted.rmse(), rmse.estimate(shifted.x(), shifted.prediction()));
    assertThat(mae.estimate(same.x(), same.prediction())).isCloseTo(same.mae(), within(0.04 * same.mae()));
    assertThat(mae.estimate(shifted.x(), shifted.prediction())).isCloseTo(shifted.mae(), within(0.06 * shifted.mae()));
    assertThat(rmse.estimate(same.x(), same.prediction())).isCloseTo(same.rmse(), within(0.05 * same.rmse()));
    assertThat(rmse.estimate(shifted.x(), shifted.prediction())).isCloseTo(shifted.rmse(), within(0.08 * shifted.rmse()));
  }

  @Test
  void a_model_of_constant_error_estimates_that_constant() {
    Random r = new Random(5);
    int n = 5_000;
    double[][] x = new double[n][1];
    double[] p = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = r.nextGaussian();
      p[i] = x[i][0];
      y[i] = p[i] + (r.nextBoolean() ? 1 : -1);
    }
    Dle d = Dle.fit(x, p, y, Dle.Loss.ABSOLUTE);
    assertThat(d.estimate(x, p)).isCloseTo(1.0, within(1e-9));
  }
}
