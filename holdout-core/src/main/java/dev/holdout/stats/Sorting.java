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

  /**
   * Indices of {@code keys} in ascending unsigned order; stable. The keys array is reordered in
   * place along with the indices.
   */
  public static int[] orderByKey(long[] keys) {
    int[] idx = new int[keys.length];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    radix(keys, idx);
    return idx;
  }

  static long sortable(double v) {
    long bits = Double.doubleToLongBits(v == 0.0 ? 0.0 : v);
    return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
  }

  private static void radix(long[] keys, int[] idx) {
    int n = keys.length;
    if (n < 2) return;
    int passes = (64 + BITS - 1) / BITS;
    int[][] counts = new int[passes][RADIX];
    for (long k : keys) {
      for (int p = 0; p < passes; p++) counts[p][(int) ((k >>> (p * BITS)) & (RADIX - 1))]++;
    }
    long[] srcK = keys;
    int[] srcI = idx;
    long[] dstK = new long[n];
    int[] dstI = new int[n];
    for (int p = 0; p < passes; p++) {
      int[] count = counts[p];
      int shift = p * BITS;
      if (count[(int) ((srcK[0] >>> shift) & (RADIX - 1))] == n) continue;
      int sum = 0;
      for (int d = 0; d < RADIX; d++) {
        int c = count[d];
        count[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        long k = srcK[i];
        int to = count[(int) ((k >>> shift) & (RADIX - 1))]++;
        dstK[to] = k;
        dstI[to] = srcI[i];
      }
      long[] tk = srcK;
      srcK = dstK;
      dstK = tk;
      int[] ti = srcI;
      srcI = dstI;
      dstI = ti;
    }
    if (srcK != keys) {
      System.arraycopy(srcK, 0, keys, 0, n);
      System.arraycopy(srcI, 0, idx, 0, n);
    }
  }
}
