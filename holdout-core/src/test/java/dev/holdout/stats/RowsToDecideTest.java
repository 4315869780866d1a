package dev.holdout.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Extra rows from the 1/sqrt(n) rule; inputs are exact binary fractions so ceil is not at the mercy of rounding. */
class RowsToDecideTest {
  @Test
  void a_half_width_twice_the_distance_needs_three_times_the_rows_more() {
    // (0.5 / 0.25)^2 = 4 times the rows: 3 x 1,000 more.
    assertThat(RowsToDecide.estimate(1_000, 0.75, 0.5, 0.5)).hasValue(3_000);
    // The side of the threshold does not matter.
    assertThat(RowsToDecide.estimate(1_000, 0.25, 0.5, 0.5)).hasValue(3_000);
  }

  @Test
  void a_fractional_factor_rounds_up() {
    // (0.375 / 0.25)^2 = 2.25: 1.25 x 801 = 1001.25 -> 1002.
    assertThat(RowsToDecide.estimate(801, 0.75, 0.5, 0.375)).hasValue(1_002);
  }

  @Test
  void an_observation_on_the_threshold_or_no_interval_gives_no_estimate() {
    assertThat(RowsToDecide.estimate(1_000, 0.8, 0.8, 0.05)).isEqualTo(OptionalLong.empty());
    assertThat(RowsToDecide.estimate(1_000, 0.9, 0.8, 0.0)).isEmpty();
    assertThat(RowsToDecide.estimate(1_000, 0.9, 0.8, Double.NaN)).isEmpty();
  }

  @Test
  void the_estimate_is_at_least_one_row() {
    assertThat(RowsToDecide.estimate(1_000, 0.75, 0.5, 0.125)).hasValue(1);
    assertThat(RowsToDecide.estimate(1_000, 0.75, 0.5, 0.25)).hasValue(1);
  }
}
