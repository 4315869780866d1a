package dev.holdout.drift;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.function.IntFunction;

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
   * happen in the same passes, so a column is copied once. Each pass is its own small method: the
   * JIT compiles a small loop once, where one large method was compiled again for each loop in it.
   */
  static double[] sortedPresent(NumberColumn values) {
    return sortedPresent(values, double[]::new);
  }

  /** As {@link #sortedPresent(NumberColumn)}, into an array of the present values' count from {@code arrays}, which may hold anything. */
  static double[] sortedPresent(NumberColumn values, IntFunction<double[]> arrays) {
    Range r = range(values);
    int n = r.present;
    double[] out = arrays.apply(n);
    if (n < SMALL) {
      copyPresent(values, out);
      Arrays.sort(out);
      return out;
    }
    long min = r.min;
    long max = r.max;
    if (min == max) {  // one value throughout (bit for bit)
      Arrays.fill(out, value(min));
      return out;
    }
    double scale = r.decimals <= MAX_DECIMALS ? POW10[r.decimals] : 0;
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
    long[][] scratch = SCRATCH.get();
    if (scratch[0].length < n) {
      scratch[0] = new long[n];
      scratch[1] = new long[n];
    }
    long[] keys = scratch[0];
    long[] other = scratch[1];
    int[][] counts = new int[passes][1 << width];
    keys(values, scale, min, keys, counts, width);
    int mask = (1 << width) - 1;
    int last = passes - 1;
    while (counts[last][(int) (keys[0] >>> (last * width)) & mask] == n) last--;  // min != max: some pass differs
    for (int p = 0; p < last; p++) {
      int shift = p * width;
      if (counts[p][(int) (keys[0] >>> shift) & mask] == n) continue;  // one digit for all: the order stands
      scatter(keys, n, other, offsets(counts[p]), shift, mask);
      long[] t = keys;
      keys = other;
      other = t;
    }
    writeValues(keys, n, out, offsets(counts[last]), last * width, mask, scale, min);
    return out;
  }

  /** What the first pass learns of a column: present values, smallest and largest key, decimal places (or more than the most). */
  private record Range(int present, long min, long max, int decimals) {}

  private static Range range(NumberColumn values) {
    int n = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int decimals = 0;  // places every value so far is a decimal of; above MAX_DECIMALS: not decimal
    for (int b = 0; b < values.blockCount(); b++) {
      DoubleBuffer block = values.block(b);
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
    return new Range(n, min, max, decimals);
  }

  private static void copyPresent(NumberColumn values, double[] out) {
    int i = 0;
    for (int b = 0; b < values.blockCount(); b++) {
      DoubleBuffer block = values.block(b);
      for (int o = 0, len = values.blockLength(b); o < len; o++) {
        double v = block.get(o);
        if (v == v) out[i++] = v;
      }
    }
  }

  /** Each present value's key, as an unsigned offset from {@code min}, and every pass's digit counts. */
  private static void keys(NumberColumn values, double scale, long min, long[] keys, int[][] counts, int width) {
    int mask = (1 << width) - 1;
    int passes = counts.length;
    int i = 0;
    for (int b = 0; b < values.blockCount(); b++) {
      DoubleBuffer block = values.block(b);
      for (int o = 0, len = values.blockLength(b); o < len; o++) {
        double v = block.get(o);
        if (v != v) continue;
        long k = (scale > 0 ? (long) Math.rint(v * scale) : key(v)) - min;
        keys[i++] = k;
        for (int p = 0; p < passes; p++) counts[p][(int) (k >>> (p * width)) & mask]++;
      }
    }
  }

  /** Digit counts turned into each digit's first position. */
  private static int[] offsets(int[] counts) {
    int sum = 0;
    for (int d = 0; d < counts.length; d++) {
      int t = counts[d];
      counts[d] = sum;
      sum += t;
    }
    return counts;
  }

  private static void scatter(long[] keys, int n, long[] to, int[] at, int shift, int mask) {
    for (int j = 0; j < n; j++) {
      long k = keys[j];
      to[at[(int) (k >>> shift) & mask]++] = k;
    }
  }

  /** The last pass, which writes the values themselves. */
  private static void writeValues(long[] keys, int n, double[] out, int[] at, int shift, int mask, double scale, long min) {
    if (scale > 0) {
      for (int j = 0; j < n; j++) {
        long k = keys[j];
        out[at[(int) (k >>> shift) & mask]++] = (k + min) / scale;
      }
    } else {
      for (int j = 0; j < n; j++) {
        long k = keys[j];
        out[at[(int) (k >>> shift) & mask]++] = value(k + min);
      }
    }
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
