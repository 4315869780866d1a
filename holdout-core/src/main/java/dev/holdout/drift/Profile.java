package dev.holdout.drift;

import dev.holdout.data.Dictionary;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One window's columns as mergeable sketches, fed a row at a time while a file streams past: a
 * {@link NumericSketch} per numeric column, a {@link CategoricalSketch} per categorical one. Memory
 * is bounded by the sketches (about 120 KB per numeric column at a million values, growing with the
 * logarithm of the count) and a dictionary of at most {@value #FLUSH_CATEGORIES} pending categories
 * per categorical column, whatever the row count. Mutable and not thread-safe; {@link #merge} parts.
 */
public final class Profile {
  /** A categorical column's pending counts go into its sketch when they reach this many categories. */
  static final int FLUSH_CATEGORIES = 2_048;
  private static final int BUFFER = 1_024;

  private final List<String> names;
  private final boolean[] numeric;
  private final NumericSketch[] numbers;
  private final CategoricalSketch[] categories;
  private final double[][] pending;
  private final int[] pendingCount;
  private final Dictionary[] codes;
  private final long[][] codeCounts;
  private final long[] missing;
  private long rows;

  /** An empty profile of the named columns; {@code numeric[i]} says how column i is summarised. Each numeric sketch has coins of its own. */
  public Profile(List<String> names, boolean[] numeric) {
    this(names, numeric, null);
  }

  /**
   * As above, with every numeric sketch flipping its compaction coins from {@code coins} (null: each
   * its own): profiles that share a source are reproducible when fed in a fixed order on one thread.
   */
  public Profile(List<String> names, boolean[] numeric, Random coins) {
    this.names = List.copyOf(names);
    this.numeric = numeric.clone();
    int n = names.size();
    numbers = new NumericSketch[n];
    categories = new CategoricalSketch[n];
    pending = new double[n][];
    pendingCount = new int[n];
    codes = new Dictionary[n];
    codeCounts = new long[n][];
    missing = new long[n];
    for (int i = 0; i < n; i++) {
      if (numeric[i]) {
        numbers[i] = coins == null ? NumericSketch.create() : NumericSketch.create(coins);
        pending[i] = new double[BUFFER];
      } else {
        categories[i] = CategoricalSketch.create();
        codes[i] = new Dictionary();
        codeCounts[i] = new long[64];
      }
    }
  }

  public List<String> names() {
    return names;
  }

  public boolean numeric(int column) {
    return numeric[column];
  }

  /** Counts one more row (call once per row, besides the values). */
  public void row() {
    rows++;
  }

  public long rows() {
    return rows;
  }

  /** Adds a number to numeric column {@code column}; NaN is missing. */
  public void add(int column, double value) {
    double[] buf = pending[column];
    buf[pendingCount[column]++] = value;
    if (pendingCount[column] == BUFFER) flushNumbers(column);
  }

  /** Adds a category to categorical column {@code column}; null is missing. Looks the text up without keeping it. */
  public void add(int column, CharSequence value) {
    if (value == null) {
      missing[column]++;
      return;
    }
    int code = codes[column].code(value);
    long[] counts = codeCounts[column];
    if (code >= counts.length) codeCounts[column] = counts = Arrays.copyOf(counts, counts.length * 2);
    counts[code]++;
    if (codes[column].size() >= FLUSH_CATEGORIES) flushCategories(column);
  }

  private void flushNumbers(int column) {
    numbers[column].update(pending[column], 0, pendingCount[column]);
    pendingCount[column] = 0;
  }

  private void flushCategories(int column) {
    List<String> values = codes[column].values();
    long[] counts = codeCounts[column];
    for (int c = 0; c < values.size(); c++) categories[column].update(values.get(c), counts[c]);
    categories[column].update(null, missing[column]);
    missing[column] = 0;
    codes[column] = new Dictionary();
    codeCounts[column] = new long[64];
  }

  /** Moves every pending value into the sketches; call before reading them. */
  public void flush() {
    for (int i = 0; i < names.size(); i++) {
      if (numeric[i]) {
        if (pendingCount[i] > 0) flushNumbers(i);
      } else if (codes[i].size() > 0 || missing[i] > 0) {
        flushCategories(i);
      }
    }
  }

  /** Column {@code column}'s numeric sketch, pending values included. */
  public NumericSketch numbers(int column) {
    if (pendingCount[column] > 0) flushNumbers(column);
    return numbers[column];
  }

  /** Column {@code column}'s categorical sketch, pending values included. */
  public CategoricalSketch categories(int column) {
    if (codes[column].size() > 0 || missing[column] > 0) flushCategories(column);
    return categories[column];
  }

  /** Adds {@code other}'s rows and values (same columns, same types); {@code other} is unchanged apart from being flushed. */
  public void merge(Profile other) {
    if (!other.names.equals(names)) throw new IllegalArgumentException("different columns: " + other.names + " and " + names);
    for (int i = 0; i < names.size(); i++) {
      if (numeric[i] != other.numeric[i]) throw new IllegalArgumentException("column " + names.get(i) + " differs in type");
      if (numeric[i]) numbers(i).merge(other.numbers(i));
      else categories(i).merge(other.categories(i));
    }
    rows += other.rows;
  }
}
