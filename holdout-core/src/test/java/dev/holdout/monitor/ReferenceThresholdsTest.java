package dev.holdout.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** NannyML's thresholds: mean ± 3 population standard deviations of the reference chunks. */
class ReferenceThresholdsTest {
  @Test
  void the_band_is_mean_plus_minus_three_population_sd() {
    // numpy: np.mean = 0.8, np.std (ddof 0) = 0.0141421356
    ReferenceThresholds t = ReferenceThresholds.of(new double[] {0.80, 0.82, 0.78, 0.81, 0.79}, 0, 1);
    assertThat(t.mean()).isCloseTo(0.8, within(1e-12));
    assertThat(t.sd()).isCloseTo(0.0141421356, within(1e-9));
    assertThat(t.lower()).isCloseTo(0.8 - 3 * 0.0141421356, within(1e-9));
    assertThat(t.upper()).isCloseTo(0.8 + 3 * 0.0141421356, within(1e-9));
    assertThat(ReferenceThresholds.of(new double[] {0.99, 0.97, 0.995}, 0, 1).upper()).isEqualTo(1);
  }

  @Test
  void estimated_accuracy_of_reference_chunks_sets_a_band_clean_windows_stay_in_and_a_shift_leaves() {
    double[] chunks = new double[20];
    for (int c = 0; c < chunks.length; c++) chunks[c] = new MulticlassCbpeTest.Sim(2_000, 0, 500 + c).cbpe.accuracy();
    ReferenceThresholds band = ReferenceThresholds.of(chunks, 0, 1);
    int alerts = 0;
    for (int w = 0; w < 30; w++) if (band.alerts(new MulticlassCbpeTest.Sim(2_000, 0, 900 + w).cbpe.accuracy())) alerts++;
    assertThat(alerts).as("clean windows outside the band").isLessThanOrEqualTo(1);
    // a shift that lowers the estimated accuracy by several reference sds leaves the band
    assertThat(band.alerts(new MulticlassCbpeTest.Sim(2_000, -1.0, 77).cbpe.accuracy())).isTrue();
  }
}
