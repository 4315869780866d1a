package dev.holdout.stats;

/**
 * Sort orders of primitive arrays without boxing: an LSD radix sort on the IEEE bit pattern,
 * stable, in linear time. Used to order ten million scores in well under a second.
 */
public final class Sorting {
  private static final int BITS = 11;
  private static final int RADIX = 1 << BITS;

  private Sorting() {}

  /** Indices of {@code values} in ascending order; ties keep index order. NaN is not allowed. */
  public static int[] order(double[] values) {
    int n = values.length;
    long[] keys = new long[n];
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = sortable(values[i]);
      idx[i] = i;
    }
    radix(keys, idx);
    return idx;
  }

  /** Indices of the given subset {@code rows} ordered by {@code values[row]} ascending; stable. */
  public static int[] order(double[] values, int[] rows) {
    long[] keys = new long[rows.length];
    int[] idx = rows.clone();
    for (int i = 0; i < rows.length; i++) keys[i] = sortable(values[rows[i]]);
    radix(keys, idx);
    return idx;
  }

  static long sortable(double v) {
    long bits = Double.doubleToLongBits(v == 0.0 ? 0.0 : v);
    return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
  }

  private static void radix(long[] keys, int[] idx) {
    int n = keys.length;
    long[] k2 = new long[n];
    int[] i2 = new int[n];
    int[] count = new int[RADIX];
    for (int shift = 0; shift < 64; shift += BITS) {
      java.util.Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) count[(int) ((keys[i] >>> shift) & (RADIX - 1))]++;
      boolean single = false;
      for (int c : count) {
        if (c == n) {
          single = true;
          break;
        }
        if (c != 0) break;
      }
      if (single || n == 0) continue;
      int sum = 0;
      for (int d = 0; d < RADIX; d++) {
        int c = count[d];
        count[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        int d = (int) ((keys[i] >>> shift) & (RADIX - 1));
        int to = count[d]++;
        k2[to] = keys[i];
        i2[to] = idx[i];
      }
      System.arraycopy(k2, 0, keys, 0, n);
      System.arraycopy(i2, 0, idx, 0, n);
    }
  }
}
