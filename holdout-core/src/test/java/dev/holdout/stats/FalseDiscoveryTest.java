package dev.holdout.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FalseDiscoveryTest {
  @Test
  void adjusted_values_match_scipy_false_discovery_control() {
    // scipy 1.17: scipy.stats.false_discovery_control([0.01, 0.04, 0.03, 0.005, 0.2, 0.9, 0.04, 0.5])
    double[] adj = FalseDiscovery.adjust(new double[] {0.01, 0.04, 0.03, 0.005, 0.2, 0.9, 0.04, 0.5});
    double[] scipy = {0.04, 0.064, 0.064, 0.04, 0.26666666666666666, 0.9, 0.064, 0.5714285714285714};
    for (int i = 0; i < scipy.length; i++) assertThat(adj[i]).as("p[%d]", i).isCloseTo(scipy[i], within(1e-12));
  }

  @Test
  void benjamini_hochbergs_own_example_rejects_the_two_smallest_at_five_percent() {
    // first ten of the fifteen p-values in Benjamini & Hochberg (1995), section 4 shape; scipy gives
    // [0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.10571428571428571, 0.216, 0.216, 0.216]
    double[] p = {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216};
    double[] scipy = {0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.10571428571428571, 0.216, 0.216, 0.216};
    double[] adj = FalseDiscovery.adjust(p);
    for (int i = 0; i < p.length; i++) assertThat(adj[i]).isCloseTo(scipy[i], within(1e-12));
  }

  @Test
  void a_missing_test_takes_no_part() {
    double[] adj = FalseDiscovery.adjust(new double[] {Double.NaN, 0.02, 0.6});
    assertThat(adj[0]).isNaN();
    assertThat(adj[1]).isCloseTo(0.04, within(1e-12));
    assertThat(adj[2]).isCloseTo(0.6, within(1e-12));
    assertThat(FalseDiscovery.tested(new double[] {Double.NaN, 0.02, 0.6})).isEqualTo(2);
  }

  @Test
  void under_the_global_null_any_rejection_happens_in_about_five_percent_of_families() {
    SplittableRandom random = new SplittableRandom(15);
    int families = 4_000;
    int anyRaw = 0;
    int anyAdjusted = 0;
    for (int f = 0; f < families; f++) {
      double[] p = new double[10];
      for (int i = 0; i < p.length; i++) p[i] = random.nextDouble();
      double[] adj = FalseDiscovery.adjust(p);
      boolean raw = false;
      boolean adjusted = false;
      for (int i = 0; i < p.length; i++) {
        raw |= p[i] < 0.05;
        adjusted |= adj[i] < 0.05;
      }
      if (raw) anyRaw++;
      if (adjusted) anyAdjusted++;
    }
    // uncorrected: 1 - 0.95^10 = 40%; BH under the global null: exactly 5% in expectation
    assertThat((double) anyRaw / families).isGreaterThan(0.35);
    assertThat((double) anyAdjusted / families).isBetween(0.035, 0.065);
  }
}
