package dev.holdout.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows without a value for one metric (NaN, such as an answer the judge could not grade) leave only that metric's mean. */
class MeanCellsGapsTest {
  @Test
  void a_metric_with_gaps_is_the_mean_of_the_rows_that_have_a_value() {
    double nan = Double.NaN;
    // Rows (a, b): (1, 4), (0, NaN), (1, 2), (0, NaN). a = 2/4, b = (4 + 2) / 2 = 3.
    MeanCells cells = MeanCells.of(List.of("a", "b"), 4, new double[][] {{1, 4, 0, nan, 1, 2, 0, nan}}, new String[1]);
    var point = cells.compute(0, cells.counts());
    assertThat(point.get("a").value()).isEqualTo(0.5);
    assertThat(point.get("b").value()).isEqualTo(3.0);
    // Identical rows with a gap share one cell: (0, NaN) twice.
    assertThat(cells.size()).isEqualTo(3);
    // Weights 2, 0, 1 on the three cells (the first row twice, the gap rows not at all): a = 3/3, b = (2*4 + 2) / 3.
    double[] w = new double[cells.size()];
    w[0] = 2;
    w[2] = 1;
    var weighted = cells.compute(0, w);
    assertThat(weighted.get("a").value()).isEqualTo(1.0);
    assertThat(weighted.get("b").value()).isCloseTo(10.0 / 3, within(1e-12));
  }

  @Test
  void a_metric_no_row_has_is_undefined() {
    MeanCells cells = MeanCells.of(List.of("a", "b"), 2, new double[][] {{1, Double.NaN, 0, Double.NaN}}, new String[1]);
    var point = cells.compute(0, cells.counts());
    assertThat(point.get("a").value()).isEqualTo(0.5);
    assertThat(point.get("b").defined()).isFalse();
    assertThat(point.get("b").undefined()).startsWith("no row has a value");
  }
}
