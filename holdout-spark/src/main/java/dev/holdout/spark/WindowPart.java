package dev.holdout.spark;

import dev.holdout.base.Missing;
import dev.holdout.data.Decimals;
import dev.holdout.drift.Profile;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One partition of a drift window parsed where it lies, as compact columns: a numeric column's
 * values as a {@code double[]} (NaN for missing), a categorical column's counts per category in
 * order of first appearance (so the merged windows list categories in the order the single-JVM
 * reader codes them, and the bootstrap gives each cell the same weights). A value that does not fit
 * its column's type is kept as the part's failure rather than thrown, so the message reaches the
 * driver intact whatever the cluster does with a worker's exceptions.
 */
final class WindowPart implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean[] numeric;
  private final double[][] numbers;
  private final int[] size;
  private final LinkedHashMap<String, long[]>[] counts;
  private final long[] missing;
  private long rows;
  /** Per numeric column: whether every value is a whole number (a candidate id). */
  private final boolean[] whole;
  private String error;

  @SuppressWarnings("unchecked")
  WindowPart(boolean[] numeric) {
    this.numeric = numeric.clone();
    int k = numeric.length;
    numbers = new double[k][];
    size = new int[k];
    counts = new LinkedHashMap[k];
    missing = new long[k];
    whole = new boolean[k];
    for (int c = 0; c < k; c++) {
      if (numeric[c]) numbers[c] = new double[64];
      else counts[c] = new LinkedHashMap<>();
      whole[c] = true;
    }
  }

  /** Adds one row whose column {@code c} is {@code values[c]} (null: missing); {@code where} names the file and column for a message. */
  void add(String[] values, Where where) {
    if (error != null) return;
    rows++;
    for (int c = 0; c < values.length; c++) {
      String t = values[c];
      if (Missing.is(t)) {
        missing[c]++;
        if (numeric[c]) put(c, Double.NaN);
        continue;
      }
      if (!numeric[c]) {
        counts[c].computeIfAbsent(t, x -> new long[1])[0]++;
        continue;
      }
      double v = parse(t);
      if (Double.isNaN(v)) {
        error = where.unparseable(c, t);
        return;
      }
      if (v != Math.rint(v)) whole[c] = false;
      put(c, v);
    }
  }

  private void put(int c, double v) {
    if (size[c] == numbers[c].length) numbers[c] = Arrays.copyOf(numbers[c], numbers[c].length * 2);
    numbers[c][size[c]++] = v;
  }

  /** The first value that did not fit its column, as a message; null when none. */
  String error() {
    return error;
  }

  boolean whole(int column) {
    return whole[column];
  }

  /** Feeds this part's rows into {@code profile} (the same columns and types), values in the part's order. */
  void feed(Profile profile) {
    for (long r = 0; r < rows; r++) profile.row();
    for (int c = 0; c < numeric.length; c++) {
      if (numeric[c]) {
        for (int i = 0; i < size[c]; i++) profile.add(c, numbers[c][i]);
        continue;
      }
      for (Map.Entry<String, long[]> e : counts[c].entrySet()) {
        for (long i = 0; i < e.getValue()[0]; i++) profile.add(c, e.getKey());
      }
      for (long i = 0; i < missing[c]; i++) profile.add(c, (CharSequence) null);
    }
  }

  /** A number as holdout-core's drift reader reads it: finite, else NaN (not a number). */
  static double parse(String t) {
    try {
      double v = Decimals.parse(t);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Names a window's file and columns in messages. */
  record Where(String path, String[] names, String[] typedBy) implements Serializable {
    String unparseable(int c, String text) {
      return path + ", column '" + names[c] + "': expected a number, found '" + text + "'; the column is numeric from " + typedBy[c]
          + "; fix the value, or leave it empty for a missing value";
    }
  }
}
