package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnProfilerTest {
  @Test
  void a_column_over_the_exact_limit_is_estimated_and_keeps_exact_numbers() {
    ColumnProfiler p = new ColumnProfiler("x");
    double sum = 0;
    for (int i = 0; i < 30_000; i++) {
      p.add(Integer.toString(i % 20_000), () -> "line");
      sum += i % 20_000;
    }
    p.add("NA", () -> "line");
    ColumnProfile c = p.profile();
    assertThat(c.distinctExact()).isFalse();
    assertThat(c.distinct()).isBetween(19_000L, 21_000L); // HLL, about 1.6% relative standard error
    assertThat(c.missing()).isEqualTo(1);
    assertThat(c.numeric().count()).isEqualTo(30_000);
    assertThat(c.numeric().mean()).isEqualTo(sum / 30_000);
    assertThat(c.numeric().max()).isEqualTo(19_999);
    assertThat(c.type()).isEqualTo(ColumnType.NUMERIC);
  }

  @Test
  void an_estimated_distinct_count_stays_between_the_values_counted_and_the_values_present() {
    // HyperLogLog estimates 12,000 and 20,000 distinct integers at 12,056 and 20,051
    for (int n : new int[] {12_000, 20_000}) {
      ColumnProfiler p = new ColumnProfiler("x");
      for (int i = 0; i < n; i++) p.add(Integer.toString(i), () -> "line");
      p.add("", () -> "line");
      ColumnProfile c = p.profile();
      assertThat(c.distinctExact()).isFalse();
      assertThat(c.distinct()).as("%d values", n).isBetween(ColumnProfiler.EXACT_DISTINCT + 1L, (long) n);
    }
  }
}
