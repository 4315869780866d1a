package dev.holdout.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each shape of a figure, at its ordinary values and at the edges where it changes notation. */
class FormatTest {
  @Test
  void a_metric_value_has_four_decimals_and_turns_scientific_only_when_tiny_or_huge() {
    assertThat(Format.number(0.85634)).isEqualTo("0.8563");
    assertThat(Format.number(20.38076)).isEqualTo("20.3808");
    assertThat(Format.number(0)).isEqualTo("0.0000");
    assertThat(Format.number(0.001)).isEqualTo("0.0010");
    assertThat(Format.number(0.00099)).isEqualTo("9.900e-04");
    assertThat(Format.number(2_500_000)).isEqualTo("2.500e+06");
    assertThat(Format.number(1.5e300)).as("a far outlier's distance is not a 300-digit figure").isEqualTo("1.500e+300");
    assertThat(Format.number(Double.NaN)).isEqualTo("NaN");
    assertThat(Format.number(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
  }

  @Test
  void a_difference_carries_its_sign_and_an_interval_its_brackets() {
    assertThat(Format.signed(0.0123)).isEqualTo("+0.0123");
    assertThat(Format.signed(-0.45)).isEqualTo("-0.4500");
    assertThat(Format.signed(1.234e-5)).isEqualTo("+1.234e-05");
    assertThat(Format.interval(0.85, 0.87)).isEqualTo("[0.8500, 0.8700]");
    assertThat(Format.signedInterval(-0.01, 0.03)).isEqualTo("[-0.0100, +0.0300]");
  }

  @Test
  void a_bound_and_a_level_read_as_the_user_wrote_them() {
    assertThat(Format.plain(0.8)).isEqualTo("0.8");
    assertThat(Format.plain(20)).isEqualTo("20");
    assertThat(Format.plain(1e-7)).isEqualTo("0.0000001");
    assertThat(Format.plain(Double.NaN)).isEqualTo("NaN");
    assertThat(Format.level(0.95)).isEqualTo("95%");
    assertThat(Format.level(0.975)).isEqualTo("97.5%");
    assertThat(Format.level(0.29)).as("not 28.999999999999996%").isEqualTo("29%");
  }

  @Test
  void a_score_has_three_significant_digits_and_separators_from_a_thousand() {
    assertThat(Format.score(0.14923)).isEqualTo("0.149");
    assertThat(Format.score(0.00099)).isEqualTo("0.000990");
    assertThat(Format.score(0.55)).isEqualTo("0.550");
    assertThat(Format.score(12.345)).isEqualTo("12.3");
    assertThat(Format.score(0)).isEqualTo("0.00");
    assertThat(Format.score(9.9e-5)).isEqualTo("9.90e-05");
    assertThat(Format.score(999.4)).isEqualTo("999");
    assertThat(Format.score(999.5)).as("rounds to a thousand: whole, with a separator").isEqualTo("1,000");
    assertThat(Format.score(-12_345.6)).isEqualTo("-12,346");
    assertThat(Format.score(1_500_000)).isEqualTo("1.50e+06");
  }

  @Test
  void counts_money_and_durations_group_thousands() {
    assertThat(Format.count(1_234_567L)).isEqualTo("1,234,567");
    assertThat(Format.count(2_599.4)).isEqualTo("2,599");
    assertThat(Format.money(-3_734.5)).isEqualTo("-3,734.50");
    assertThat(Format.millis(0.44)).isEqualTo("0.4 ms");
    assertThat(Format.millis(1_234.56)).isEqualTo("1,234.6 ms");
    assertThat(Format.seconds(4.2)).isEqualTo("4.20 s");
  }

  @Test
  void a_share_is_whole_when_it_is_whole_and_has_two_decimals_otherwise() {
    assertThat(Format.percent(0.5)).isEqualTo("50%");
    assertThat(Format.percent(0)).isEqualTo("0%");
    assertThat(Format.percent(0.29)).as("29 exactly, despite 0.29 * 100 in doubles").isEqualTo("29%");
    assertThat(Format.percent(0.7837)).isEqualTo("78.37%");
    assertThat(Format.percent(0.004)).isEqualTo("0.40%");
    assertThat(Format.percent(1 / 3.0)).isEqualTo("33.33%");
    assertThat(Format.percent(0.99999)).as("not all: no rounding up to a whole 100%").isEqualTo("100.00%");
  }

  @Test
  void a_count_takes_its_noun_in_the_right_number() {
    assertThat(Format.count(1, "row")).isEqualTo("1 row");
    assertThat(Format.count(0, "row")).isEqualTo("0 rows");
    assertThat(Format.count(12_345, "warning")).isEqualTo("12,345 warnings");
    assertThat(Format.count(2, "query")).isEqualTo("2 queries");
    assertThat(Format.count(1, "query")).isEqualTo("1 query");
    assertThat(Format.count(3, "day")).as("a vowel before the y keeps it").isEqualTo("3 days");
  }
}
