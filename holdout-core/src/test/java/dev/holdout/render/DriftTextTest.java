package dev.holdout.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DriftTextTest {
  @Test
  void scores_print_readably_at_every_size() {
    assertThat(DriftText.num(0)).isEqualTo("0");
    assertThat(DriftText.num(0.25)).isEqualTo("0.25");
    assertThat(DriftText.num(3e-6)).isEqualTo("3.0e-06");
    assertThat(DriftText.num(123456.75)).isEqualTo("123456.75");
    assertThat(DriftText.num(1.5e300)).isEqualTo("1.5e+300");  // a value of 1e308 in one window: not a 300-digit figure
  }
}
