package dev.holdout.audit;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A uniform sample of at most {@link Leakage#SAMPLE} evaluation rows (reservoir sampling, Algorithm
 * R, seeded, so the statistics on it are the same every run): each row's feature values and its
 * label code. A row's values are kept as its characters in one array with their offsets and lengths
 * (-1 when missing) in another, rather than a String each, so the ~10^6 rows that pass through the
 * sample of a large file leave little for the collector. Not thread-safe.
 */
final class LeakageSample {
  private static final long SEED = 7;
  private final int capacity;
  private final char[][] chars;
  private final int[][] cuts;
  private final int[] labels;
  private final SplittableRandom random = new SplittableRandom(SEED);
  private int size;

  LeakageSample() {
    this(Leakage.SAMPLE);
  }

  /** A sample of at most {@code capacity} rows (tests use small ones). */
  LeakageSample(int capacity) {
    this.capacity = capacity;
    chars = new char[capacity][];
    cuts = new int[capacity][];
    labels = new int[capacity];
  }

  /** The slot row {@code row} (0-based, offered in order) takes, or -1 when it is not taken. */
  int slot(long row) {
    if (row < capacity) {
      size++;
      return (int) row;
    }
    long j = random.nextLong(row + 1L);
    return j >= capacity ? -1 : (int) j;
  }

  /**
   * Puts a row in {@code slot}: its feature values' characters, where feature k's text starts
   * ({@code rowCuts[2k]}) and how long it is ({@code rowCuts[2k + 1]}, -1 when missing), and its
   * label code (-1 when missing).
   */
  void put(int slot, char[] rowChars, int[] rowCuts, int label) {
    chars[slot] = rowChars;
    cuts[slot] = rowCuts;
    labels[slot] = label;
  }

  /** Rows held. */
  int size() {
    return size;
  }

  /** Feature {@code k} of slot {@code i}, null when missing. */
  String value(int i, int k) {
    int len = cuts[i][2 * k + 1];
    return len < 0 ? null : new String(chars[i], cuts[i][2 * k], len);
  }

  /** Feature {@code k} of every row held, by slot. */
  String[] column(int k) {
    String[] v = new String[size];
    for (int i = 0; i < size; i++) v[i] = value(i, k);
    return v;
  }

  /** The label code of every row held, by slot (-1: missing). */
  int[] labels() {
    return Arrays.copyOf(labels, size);
  }
}
