package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColumnProfilerTest {
  private static final Set<String> MARKERS = Set.of("na", "n/a", "null", "none", "nil", "nan", "?", "-");

  @Test
  void missing_markers_are_recognised_in_any_case_without_a_string() {
    List<String> texts = List.of("", "NA", "na", "Na", "N/A", "n/a", "NULL", "Null", "none", "NONE", "nil", "NaN", "nan", "?", "-",
        "n", "N", "no", "nab", "nul", "nulls", "-1", "--", "?!", "n/b", "noon", "nill", "abc", "0", "nA", "nOnE");
    for (String t : texts) {
      boolean want = t.isEmpty() || MARKERS.contains(t.toLowerCase(Locale.ROOT));
      assertThat(ColumnProfiler.isMissing(t)).as(t).isEqualTo(want);
      char[] buf = ("x" + t + "y").toCharArray();
      assertThat(ColumnProfiler.isMissing(buf, 1, t.length())).as(t).isEqualTo(want);
    }
  }

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
}
