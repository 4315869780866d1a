package dev.holdout.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProfileTest {
  private static Profile empty() {
    return new Profile(List.of("x", "city"), new boolean[] {true, false});
  }

  @Test
  void empty_has_no_rows_and_no_values() {
    Profile p = empty();
    assertThat(p.rows()).isZero();
    assertThat(p.numbers(0).count()).isZero();
    assertThat(p.categories(1).count()).isZero();
  }

  @Test
  void missing_values_are_counted_apart() {
    Profile p = empty();
    p.row();
    p.add(0, Double.NaN);
    p.add(1, (CharSequence) null);
    p.row();
    p.add(0, 2.5);
    p.add(1, "paris");
    assertThat(p.numbers(0).missing()).isEqualTo(1);
    assertThat(p.numbers(0).count()).isEqualTo(1);
    assertThat(p.categories(1).missing()).isEqualTo(1);
    assertThat(p.categories(1).estimate("paris")).isEqualTo(1);
  }

  @Test
  void merge_of_two_halves_equals_one_pass() {
    SplittableRandom r = new SplittableRandom(4);
    Profile all = empty();
    Profile a = empty();
    Profile b = empty();
    // more categories than are kept pending, so both halves flush into their sketches along the way
    for (int i = 0; i < 50_000; i++) {
      double x = r.nextDouble();
      String city = "c" + r.nextInt(3_000);
      for (Profile p : new Profile[] {all, i % 2 == 0 ? a : b}) {
        p.row();
        p.add(0, x);
        p.add(1, city);
      }
    }
    a.merge(b);
    assertThat(a.rows()).isEqualTo(all.rows());
    assertThat(a.numbers(0).count()).isEqualTo(all.numbers(0).count());
    assertThat(a.numbers(0).mean()).isCloseTo(all.numbers(0).mean(), within(1e-12));
    assertThat(Sketched.ks(a.numbers(0), all.numbers(0))).isLessThan(4 * NumericSketch.RANK_ERROR);
    assertThat(a.categories(1).count()).isEqualTo(all.categories(1).count());
    double[][] cells = CategoricalSketch.counts(a.categories(1), all.categories(1));
    assertThat(TwoSample.jensenShannon(cells[0], cells[1])).isLessThan(0.01);
  }
}
