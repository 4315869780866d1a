package dev.holdout.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The radix sort order against a stable comparison sort of boxed indices, the slow obvious way. */
class SortingTest {
  /** Stable sort by numeric value, so -0.0 and 0.0 are equal (as == says) and keep index order. */
  static int[] reference(double[] values, int[] rows) {
    List<Integer> idx = new ArrayList<>();
    for (int r : rows) idx.add(r);
    idx.sort(Comparator.comparing(i -> values[i], (a, b) -> a < b ? -1 : a > b ? 1 : 0));
    return idx.stream().mapToInt(Integer::intValue).toArray();
  }

  static int[] all(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) rows[i] = i;
    return rows;
  }

  @Test
  void random_doubles_with_negatives_zeros_duplicates_and_extremes_sort_stably() {
    SplittableRandom r = new SplittableRandom(17);
    double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0, -1.0, 0.5, Double.MIN_NORMAL, 1e-310};
    for (int round = 0; round < 20; round++) {
      int n = 1 + r.nextInt(5_000);
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        int kind = r.nextInt(10);
        v[i] = switch (kind) {
          case 0 -> special[r.nextInt(special.length)];
          case 1, 2 -> v[r.nextInt(Math.max(1, i))]; // a duplicate of an earlier value
          case 3 -> Math.floor(r.nextDouble() * 10) - 5; // small integers, many ties
          default -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20) - 10);
        };
      }
      assertThat(Sorting.order(v)).as("round %d", round).containsExactly(reference(v, all(n)));
    }
  }

  @Test
  void negative_zero_and_zero_are_tied_and_keep_index_order() {
    double[] v = {0.0, -0.0, -1.0, 0.0, -0.0, 1.0};
    assertThat(Sorting.order(v)).containsExactly(2, 0, 1, 3, 4, 5);
  }

  @Test
  void equal_values_keep_index_order() {
    double[] v = new double[1000];
    java.util.Arrays.fill(v, 0.3);
    assertThat(Sorting.order(v)).containsExactly(all(1000));
  }

  @Test
  void empty_and_single_arrays_sort() {
    assertThat(Sorting.order(new double[0])).isEmpty();
    assertThat(Sorting.order(new double[] {-2.5})).containsExactly(0);
  }

  @Test
  void a_large_random_array_matches_the_comparison_sort() {
    SplittableRandom r = new SplittableRandom(3);
    double[] v = new double[100_000];
    for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
    assertThat(Sorting.order(v)).containsExactly(reference(v, all(v.length)));
  }

  @Test
  void a_subset_of_rows_sorts_by_value_and_keeps_the_given_order_on_ties() {
    double[] v = {5, -1, 3, 3, -0.0, 0.0, 9, 3};
    int[] rows = {7, 0, 2, 5, 4, 3};
    int[] expected = reference(v, rows);
    assertThat(expected).containsExactly(5, 4, 7, 2, 3, 0);
    assertThat(Sorting.order(v, rows)).containsExactly(expected);
    assertThat(rows).containsExactly(7, 0, 2, 5, 4, 3); // not modified
  }
}
