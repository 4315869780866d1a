package dev.holdout.drift;

import java.util.Arrays;

/**
 * Sorts doubles into the order of {@link Arrays#sort(double[])} (−0.0 before 0.0), by a
 * least-significant-digit radix sort on integer keys that keep the doubles' order. Only the bits
 * that differ between the smallest and largest key are sorted, in digits of at most 12 bits.
 *
 * <p>Two kinds of key. A column whose values are all decimals of at most {@link #MAX_DECIMALS}
 * places (prices, measurements, counts: what CSV files mostly hold) is sorted on the values times
 * a power of ten, as whole numbers: 0 to 100 in steps of 0.0001 is 20 bits, two passes. Any other
 * column is sorted on its IEEE bit patterns, which span the exponents too: five or six passes.
 * The first kind is only taken when every value comes back bit for bit from its whole number.
 *
 * <p>Linear time: on a million values several times faster than {@code Arrays.sort}, which is why
 * {@code holdout drift} can afford exact statistics on windows of millions of rows. Needs two
 * scratch arrays of {@code long}, 16 bytes per value, kept per thread. Small arrays, where the
 * counting tables cost more than the sort, go to {@code Arrays.sort}.
 */
final class RadixSort {
  private static final int MAX_BITS = 12;
  private static final int SMALL = 4_096;
  /** Most decimal places for whole-number keys. */
  static final int MAX_DECIMALS = 9;
  private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  /** A value times 10^places is a whole number only below 2^53, where every integer is a double. */
  private static final double MAX_WHOLE = 0x1p53;
  /**
   * Below 2^50 a value that is a decimal of d places is also one of any more places: its product
   * with the larger power of ten is off the whole number by less than a half, so it rounds to it, and
   * that number over the power of ten rounds to the same double.
   */
  private static final double EXACT_WHOLE = 0x1p50;

  private RadixSort() {}

  /**
   * Scratch keys per thread, kept for the next column: allocating (and so zeroing) 16 bytes per value
   * for every sort cost as much as a pass of the sort. Holds at most the largest array sorted on
   * that thread.
   */
  private static final ThreadLocal<long[][]> SCRATCH = ThreadLocal.withInitial(() -> new long[2][0]);

  /**
   * The values that are not NaN, sorted, as a new array: dropping the missing values and sorting
   * happen in the same passes, so a column is copied once.
   */
  static double[] sortedPresent(Numbers values) {
    int n = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int decimals = 0;  // places every value so far is a decimal of; above MAX_DECIMALS: not decimal
    for (int b = 0; b < values.blockCount(); b++) {
      java.nio.DoubleBuffer block = values.block(b);
      for (int o = 0, len = values.blockLength(b); o < len; o++) {
        double v = block.get(o);
        if (v != v) continue;
        n++;
        long k = key(v);
        min = Math.min(min, k);
        max = Math.max(max, k);
        while (decimals <= MAX_DECIMALS && !wholeAt(v, decimals)) decimals++;
      }
    }
    double[] out = new double[n];
    if (n < SMALL) {
      int i = 0;
      for (int b = 0; b < values.blockCount(); b++) {
        java.nio.DoubleBuffer block = values.block(b);
        for (int o = 0, len = values.blockLength(b); o < len; o++) if (block.get(o) == block.get(o)) out[i++] = block.get(o);
      }
      Arrays.sort(out);
      return out;
    }
    if (min == max) {  // one value throughout (bit for bit)
      Arrays.fill(out, value(min));
      return out;
    }
    double scale = decimals <= MAX_DECIMALS ? POW10[decimals] : 0;
    double lo = value(min);
    double hi = value(max);
    if (!(Math.max(-lo, hi) * scale < EXACT_WHOLE)) scale = 0;
    if (scale > 0) {  // whole-number keys, offsets from the smallest
      min = (long) Math.rint(lo * scale);
      max = (long) Math.rint(hi * scale);
    }
    int bits = 64 - Long.numberOfLeadingZeros(max - min);  // the range, unsigned
    int passes = (bits + MAX_BITS - 1) / MAX_BITS;
    int width = (bits + passes - 1) / passes;
    int mask = (1 << width) - 1;
    long[][] scratch = SCRATCH.get();
    if (scratch[0].length < n) {
      scratch[0] = new long[n];
      scratch[1] = new long[n];
    }
    long[] keys = scratch[0];
    long[] other = scratch[1];
    int[][] counts = new int[passes][1 << width];
    int i = 0;
    for (int b = 0; b < values.blockCount(); b++) {
      java.nio.DoubleBuffer block = values.block(b);
      for (int o = 0, len = values.blockLength(b); o < len; o++) {
        double v = block.get(o);
        if (v != v) continue;
        long k = (scale > 0 ? (long) Math.rint(v * scale) : key(v)) - min;  // from here on unsigned offsets
        keys[i++] = k;
        for (int p = 0; p < passes; p++) counts[p][(int) (k >>> (p * width)) & mask]++;
      }
    }
    int last = passes - 1;
    while (counts[last][(int) (keys[0] >>> (last * width)) & mask] == n) last--;  // min != max: some pass differs
    for (int p = 0; p <= last; p++) {
      int[] c = counts[p];
      int shift = p * width;
      if (p < last && c[(int) (keys[0] >>> shift) & mask] == n) continue;  // one digit for all: the order stands
      int sum = 0;
      for (int d = 0; d < c.length; d++) {
        int t = c[d];
        c[d] = sum;
        sum += t;
      }
      if (p == last) {  // the last pass writes the values themselves
        for (int j = 0; j < n; j++) {
          long k = keys[j];
          out[c[(int) (k >>> shift) & mask]++] = scale > 0 ? (k + min) / scale : value(k + min);
        }
        return out;
      }
      for (int j = 0; j < n; j++) {
        long k = keys[j];
        other[c[(int) (k >>> shift) & mask]++] = k;
      }
      long[] t = keys;
      keys = other;
      other = t;
    }
    throw new AssertionError("the last pass returns");
  }

  /**
   * True when {@code v} is a decimal of {@code places} places that comes back bit for bit from its
   * whole number: rint(v · 10^places) / 10^places == v (−0.0 does not, so it keeps the bit-pattern
   * path and its place before 0.0). Such whole numbers are in the order of their values, because
   * dividing by a positive power of ten is monotone.
   */
  static boolean wholeAt(double v, int places) {
    if (places > MAX_DECIMALS) return false;
    double scale = POW10[places];
    double scaled = v * scale;
    if (!(Math.abs(scaled) < MAX_WHOLE)) return false;
    return Double.doubleToRawLongBits((long) Math.rint(scaled) / scale) == Double.doubleToRawLongBits(v);  // as the sort turns it back
  }

  /**
   * A long whose signed order is the doubles' total order: negative values have every bit but the
   * sign flipped. NaN is made canonical first, so every NaN sorts last as in {@code Arrays.sort}.
   */
  static long key(double v) {
    long bits = Double.doubleToLongBits(v);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  static double value(long key) {
    return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
  }
}
