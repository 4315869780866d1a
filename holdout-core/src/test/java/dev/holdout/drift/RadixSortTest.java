package dev.holdout.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RadixSortTest {
  private static void sortsAsArraysSortDoes(double[] values) {
    double[] expected = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    Arrays.sort(expected);
    double[] actual = RadixSort.sortedPresent(NumberColumn.of(values));
    // bit for bit: -0.0 before 0.0, as Arrays.sort orders them; NaN (missing) left out
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
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

  @Test
  void missing_values_are_left_out_even_when_nothing_else_varies() {
    double[] allMissing = new double[10_000];
    Arrays.fill(allMissing, Double.NaN);
    assertThat(RadixSort.sortedPresent(NumberColumn.of(allMissing))).isEmpty();
    double[] sameWithGaps = new double[10_000];
    for (int i = 0; i < sameWithGaps.length; i++) sameWithGaps[i] = i % 3 == 0 ? Double.NaN : -7.25;
    sortsAsArraysSortDoes(sameWithGaps);
    assertThat(RadixSort.sortedPresent(NumberColumn.of(sameWithGaps))).hasSize(6_666).containsOnly(-7.25);
  }

  @Test
  void decimals_of_few_places_sort_as_arrays_sort_does() {
    SplittableRandom r = new SplittableRandom(13);
    double[] prices = new double[100_000];  // 0 to 100 in steps of 0.0001, as a CSV export writes them
    for (int i = 0; i < prices.length; i++) prices[i] = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.4f", r.nextDouble() * 100));
    sortsAsArraysSortDoes(prices);
    double[] signed = new double[50_000];  // negative, whole and missing values, two places
    for (int i = 0; i < signed.length; i++) signed[i] = i % 10 == 0 ? Double.NaN : (r.nextInt(2_000_001) - 1_000_000) / 100.0;
    sortsAsArraysSortDoes(signed);
    double[] counts = new double[50_000];
    for (int i = 0; i < counts.length; i++) counts[i] = r.nextInt(5000);
    sortsAsArraysSortDoes(counts);
    double[] mixed = prices.clone();  // one value with many places: bit patterns for the whole column
    mixed[77_777] = Math.PI;
    sortsAsArraysSortDoes(mixed);
    double[] huge = prices.clone();  // too large for whole-number keys at four places
    huge[5] = 3e12;
    sortsAsArraysSortDoes(huge);
    double[] negativeZero = prices.clone();
    negativeZero[9] = -0.0;
    negativeZero[10] = 0.0;
    sortsAsArraysSortDoes(negativeZero);
  }

  @Test
  void a_decimal_of_few_places_is_one_of_more_places_too() {
    SplittableRandom r = new SplittableRandom(14);
    for (int i = 0; i < 200_000; i++) {
      int places = r.nextInt(RadixSort.MAX_DECIMALS + 1);
      double v = (r.nextLong(2_000_000_000_000L) - 1_000_000_000_000L) / Math.pow(10, places);
      if (Math.abs(v) * 1e9 >= 0x1p50) continue;
      assertThat(RadixSort.wholeAt(v, places)).as("%s at %d", v, places).isTrue();
      for (int more = places; more <= RadixSort.MAX_DECIMALS; more++) assertThat(RadixSort.wholeAt(v, more)).as("%s at %d", v, more).isTrue();
    }
  }
}
