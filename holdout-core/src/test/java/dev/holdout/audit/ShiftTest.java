package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.drift.TwoSample;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShiftTest {
  private static NumberSample sample(double... v) {
    NumberSample s = new NumberSample();
    for (double x : v) s.add(x);
    return s;
  }

  @Test
  void a_small_hand_computed_case() {
    // train 1..10: deciles 1.9, 2.8, ..., 9.1 (linear), so one value a bin; eval 6..15 leaves train's first five bins empty.
    // KS: at 5, F_train = 0.5 and F_eval = 0. PSI: five bins at 0.1 against 1e-4, four at 0.1 against 0.1, the last at 0.1 against 0.6
    double[] train = new double[10];
    double[] eval = new double[10];
    for (int i = 0; i < 10; i++) {
      train[i] = i + 1;
      eval[i] = i + 6;
    }
    Shift.ColumnShift s = Shift.numeric("x", sample(train), sample(eval));
    assertThat(s.ks()).isEqualTo(0.5);
    double psi = 5 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1) + (0.6 - 0.1) * Math.log(0.6 / 0.1);
    assertThat(s.psi()).isCloseTo(psi, within(1e-12));
  }

  @Test
  void numeric_shift_is_psi_and_ks_as_holdout_drift_computes_them_on_all_values() {
    SplittableRandom r = new SplittableRandom(3);
    double[] train = new double[50_000];
    double[] eval = new double[30_000];
    for (int i = 0; i < train.length; i++) train[i] = Math.floor(r.nextGaussian() * 100) / 10;
    for (int i = 0; i < eval.length; i++) eval[i] = Math.floor((r.nextGaussian() + 0.1) * 100) / 10;
    Shift.ColumnShift s = Shift.numeric("x", sample(train), sample(eval));
    Arrays.sort(train);
    Arrays.sort(eval);
    double[] edges = TwoSample.decileEdges(train);
    assertThat(s.psi()).isEqualTo(TwoSample.psi(TwoSample.binCounts(train, edges), TwoSample.binCounts(eval, edges)));
    assertThat(s.ks()).isEqualTo(TwoSample.ksStatistic(train, eval));
  }

  @Test
  void a_side_without_numbers_has_no_shift() {
    assertThat(Shift.numeric("x", sample(), sample(1, 2))).isNull();
  }
}
