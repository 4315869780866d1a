package dev.holdout.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference values from statsmodels 0.13's mcnemar (holdout-bench/scripts/paired_tests.py). */
class McNemarTest {
  @Test
  void the_exact_test_matches_statsmodels() {
    // mcnemar([[0, b], [c, 0]], exact=True): (statistic, pvalue)
    assertThat(McNemar.exact(3, 9).pValue()).isCloseTo(0.14599609375, within(1e-12));
    assertThat(McNemar.exact(3, 9).statistic()).isEqualTo(3.0);
    assertThat(McNemar.exact(0, 5).pValue()).isCloseTo(0.0625, within(1e-12));
    assertThat(McNemar.exact(12, 12).pValue()).isEqualTo(1.0);
    assertThat(McNemar.exact(2, 20).pValue()).isCloseTo(0.00012111663818359375, within(1e-15));
    assertThat(McNemar.exact(64, 66).pValue()).isCloseTo(0.9301553393082154, within(1e-12));
  }

  @Test
  void the_chi_square_test_with_continuity_correction_matches_statsmodels() {
    // mcnemar([[0, b], [c, 0]], exact=False, correction=True)
    assertThat(McNemar.chiSquare(30, 12).statistic()).isCloseTo(6.880952380952381, within(1e-12));
    assertThat(McNemar.chiSquare(30, 12).pValue()).isCloseTo(0.008711912962379598, within(1e-12));
    assertThat(McNemar.chiSquare(20, 20).pValue()).isCloseTo(0.8743670611628918, within(1e-12));
    assertThat(McNemar.chiSquare(100, 71).pValue()).isCloseTo(0.03225682356242142, within(1e-12));
    assertThat(McNemar.chiSquare(0, 0).pValue()).isEqualTo(1.0);
  }

  @Test
  void small_discordant_counts_use_the_exact_test_and_large_ones_the_chi_square() {
    PairedRows rows = PairedRows.of(300, 2024);
    McNemar.Outcome o = McNemar.test(rows.right(rows.a()), rows.right(rows.b()), null);
    // 64 and 66 discordant rows: statistic 0.007692307692307693, p 0.9301105081236055
    assertThat(o.variant()).isEqualTo(McNemar.Variant.CHI_SQUARE);
    assertThat(o.result().statistic()).isCloseTo(0.007692307692307693, within(1e-12));
    assertThat(o.result().pValue()).isCloseTo(0.9301105081236055, within(1e-12));
    assertThat(o.result().detail()).isEqualTo("64 rows right only by the first, 66 right only by the second");
    boolean[] a = {true, true, true, false, true};
    boolean[] b = {false, false, true, false, true};
    McNemar.Outcome small = McNemar.test(a, b, null);
    assertThat(small.variant()).isEqualTo(McNemar.Variant.EXACT);
    assertThat(small.result().pValue()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void the_clustered_statistic_is_durkalskis() {
    // Durkalski et al. (2003) over 60 groups of 5 rows, written out in numpy: 0.03125, p 0.8596837951986661
    PairedRows rows = PairedRows.of(300, 2024);
    McNemar.Outcome o = McNemar.test(rows.right(rows.a()), rows.right(rows.b()), rows.group());
    assertThat(o.variant()).isEqualTo(McNemar.Variant.CLUSTERED);
    assertThat(o.result().statistic()).isCloseTo(0.03125, within(1e-12));
    assertThat(o.result().pValue()).isCloseTo(0.8596837951986661, within(1e-12));
  }
}
