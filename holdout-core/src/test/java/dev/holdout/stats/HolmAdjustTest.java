package dev.holdout.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HolmAdjustTest {
  @Test
  void adjusted_values_are_multiplied_by_the_remaining_count_and_never_decrease() {
    // statsmodels.stats.multitest.multipletests([0.01, 0.04, 0.03, 0.5], method='holm')[1]
    // == [0.04, 0.09, 0.09, 0.5]
    double[] adj = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.5});
    assertThat(adj[0]).isCloseTo(0.04, within(1e-12));
    assertThat(adj[1]).isCloseTo(0.09, within(1e-12));
    assertThat(adj[2]).isCloseTo(0.09, within(1e-12));
    assertThat(adj[3]).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void a_missing_test_takes_no_part() {
    double[] adj = Holm.adjust(new double[] {Double.NaN, 0.02, 0.6});
    assertThat(adj[0]).isNaN();
    assertThat(adj[1]).isCloseTo(0.04, within(1e-12));
    assertThat(adj[2]).isCloseTo(0.6, within(1e-12));
  }
}
