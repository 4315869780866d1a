package dev.holdout.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CategoricalSketchTest {
  @Test
  void an_empty_sketch_counts_nothing() {
    CategoricalSketch s = CategoricalSketch.create();
    s.update(null);
    assertThat(s.count()).isZero();
    assertThat(s.missing()).isEqualTo(1);
    assertThat(s.categories()).isEmpty();
    assertThat(s.isExact()).isTrue();
  }

  @Test
  void few_categories_are_counted_exactly_and_merge_by_addition() {
    CategoricalSketch a = CategoricalSketch.create();
    a.update("paris");
    a.update("lyon", 3);
    CategoricalSketch b = CategoricalSketch.create();
    b.update("paris", 2);
    b.update(null);
    a.merge(b);
    assertThat(a.estimate("paris")).isEqualTo(3);
    assertThat(a.estimate("lyon")).isEqualTo(3);
    assertThat(a.estimate("nice")).isZero();
    assertThat(a.count()).isEqualTo(6);
    assertThat(a.missing()).isEqualTo(1);
    assertThat(a.maximumError()).isZero();
    double[][] c = CategoricalSketch.counts(a, b);
    assertThat(c[0].length).isEqualTo(2);  // exact on both sides: no "other" cell
  }

  @Test
  void many_categories_switch_to_frequent_items_within_the_stated_error_and_merge() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 1_000_000;
    int categories = 20_000;
    long[] exact = new long[categories];
    CategoricalSketch whole = CategoricalSketch.create();
    CategoricalSketch first = CategoricalSketch.create();
    CategoricalSketch second = CategoricalSketch.create();
    for (int i = 0; i < n; i++) {
      // a geometric head (cat0 about 10%) over a long uniform tail
      int c = r.nextDouble() < 0.6 ? (int) Math.min(categories - 1, Math.floor(-Math.log(1 - r.nextDouble()) * 10)) : r.nextInt(categories);
      exact[c]++;
      whole.update("cat" + c);
      (i % 2 == 0 ? first : second).update("cat" + c);
    }
    first.merge(second);
    for (CategoricalSketch s : new CategoricalSketch[] {whole, first}) {
      assertThat(s.isExact()).isFalse();
      assertThat(s.count()).isEqualTo(n);
      assertThat((double) s.maximumError()).isLessThanOrEqualTo(CategoricalSketch.EPSILON * n);
      for (int c = 0; c < 50; c++) {
        assertThat((double) s.estimate("cat" + c)).as("cat" + c).isCloseTo(exact[c], within(CategoricalSketch.EPSILON * n));
      }
    }
    double[][] cells = CategoricalSketch.counts(whole, first);
    int k = cells[0].length;
    assertThat(TwoSample.sum(cells[0])).isCloseTo(n, within(1e-6));  // the "other" cell takes the rows not listed
    assertThat(TwoSample.jensenShannon(cells[0], cells[1])).isLessThan(0.01);
    assertThat(k).isGreaterThan(10);
  }
}
