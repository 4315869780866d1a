package dev.holdout.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RadixSortTest {
  private static void sortsAsArraysSortDoes(double[] values) {
    double[] expected = values.clone();
    Arrays.sort(expected);
    double[] actual = values.clone();
    RadixSort.sort(actual);
    // bit for bit: -0.0 before 0.0 and NaN last, as Arrays.sort orders them
    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToLongBits(actual[i])).as("index %d", i).isEqualTo(Double.doubleToLongBits(expected[i]));
    }
  }

  @Test
  void empty_and_one_value_are_sorted() {
    sortsAsArraysSortDoes(new double[0]);
    sortsAsArraysSortDoes(new double[] {3.5});
  }

  @Test
  void keys_keep_the_order_of_doubles_and_turn_back_into_them() {
    double[] v = {Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, 1,
        Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN};
    for (int i = 0; i < v.length; i++) {
      assertThat(Double.doubleToLongBits(RadixSort.value(RadixSort.key(v[i])))).isEqualTo(Double.doubleToLongBits(v[i]));
      if (i > 0) assertThat(Long.compare(RadixSort.key(v[i - 1]), RadixSort.key(v[i]))).as("%s < %s", v[i - 1], v[i]).isNegative();
    }
  }

  @Test
  void random_values_sort_as_arrays_sort_does() {
    SplittableRandom r = new SplittableRandom(11);
    double[] normal = new double[200_000];
    for (int i = 0; i < normal.length; i++) normal[i] = r.nextGaussian() * 1e3;
    sortsAsArraysSortDoes(normal);
    double[] bits = new double[50_000];  // any bit pattern: every exponent, subnormals, NaNs with payloads
    for (int i = 0; i < bits.length; i++) bits[i] = Double.longBitsToDouble(r.nextLong());
    sortsAsArraysSortDoes(bits);
  }

  @Test
  void ties_zeros_of_both_signs_infinities_and_nan_sort_as_arrays_sort_does() {
    SplittableRandom r = new SplittableRandom(12);
    double[] special = {-0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, 1, -1};
    double[] v = new double[100_000];
    for (int i = 0; i < v.length; i++) v[i] = r.nextInt(4) == 0 ? special[r.nextInt(special.length)] : r.nextInt(50) / 4.0 - 6;
    sortsAsArraysSortDoes(v);
  }

  @Test
  void one_repeated_value_and_already_sorted_input_stay_in_order() {
    double[] same = new double[10_000];
    Arrays.fill(same, 2.5);
    sortsAsArraysSortDoes(same);
    double[] ascending = new double[10_000];
    double[] descending = new double[10_000];
    for (int i = 0; i < ascending.length; i++) {
      ascending[i] = i * 0.1;
      descending[i] = -i * 0.1;
    }
    sortsAsArraysSortDoes(ascending);
    sortsAsArraysSortDoes(descending);
  }
}
