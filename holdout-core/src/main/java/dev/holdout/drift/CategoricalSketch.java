package dev.holdout.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * A mergeable summary of one categorical column in one window: exact counts per category while there
 * are at most {@value #EXACT_CATEGORIES} categories (exact counts merge by addition), then an Apache
 * DataSketches frequent items sketch ({@code maxMapSize} {@value #MAX_MAP_SIZE}).
 *
 * <p>Accuracy: exact up to {@value #EXACT_CATEGORIES} categories. Beyond, each category's count is
 * off by at most {@link #maximumError()}, which is at most {@link #EPSILON} = 3.5 / 4,096 = 0.085% of
 * the window's rows (DataSketches' {@code ItemsSketch.getEpsilon(4096)}); categories rarer than that
 * are not listed, and their rows are counted together as one "other" category. A null value
 * is missing: counted, left out.
 *
 * <p>Memory: the exact map of at most {@value #EXACT_CATEGORIES} entries, or 18·4,096 bytes plus the
 * items. Mutable and not thread-safe; {@link #merge} parts.
 */
public final class CategoricalSketch {
  /** Up to this many categories, counts are exact. */
  public static final int EXACT_CATEGORIES = 1_000;
  /** The frequent items sketch's map size, above {@value #EXACT_CATEGORIES} categories. */
  public static final int MAX_MAP_SIZE = 4096;
  /** Largest error of a category's count beyond the exact limit, as a share of the window's rows: 0.000854. */
  public static final double EPSILON = ItemsSketch.getEpsilon(MAX_MAP_SIZE);

  private Map<String, long[]> exact = new HashMap<>();
  private ItemsSketch<String> items;
  private long count;
  private long missing;

  private CategoricalSketch() {}

  /** An empty sketch. */
  public static CategoricalSketch create() {
    return new CategoricalSketch();
  }

  /** Adds one value; null is missing. */
  public void update(String value) {
    update(value, 1);
  }

  /** Adds {@code times} rows of {@code value}; null is missing. */
  public void update(String value, long times) {
    if (times < 0) throw new IllegalArgumentException("times must not be negative: " + times);
    if (times == 0) return;
    if (value == null) {
      missing += times;
      return;
    }
    count += times;
    if (items != null) {
      items.update(value, times);
      return;
    }
    exact.computeIfAbsent(value, v -> new long[1])[0] += times;
    if (exact.size() > EXACT_CATEGORIES) toItems();
  }

  private void toItems() {
    items = new ItemsSketch<>(MAX_MAP_SIZE);
    for (var e : exact.entrySet()) items.update(e.getKey(), e.getValue()[0]);
    exact = null;
  }

  /** Adds {@code other}'s values to this sketch; {@code other} is unchanged. */
  public void merge(CategoricalSketch other) {
    missing += other.missing;
    if (other.items != null) {
      if (items == null) toItems();
      count += other.count;
      items.merge(other.items);
      return;
    }
    for (var e : other.exact.entrySet()) update(e.getKey(), e.getValue()[0]);
  }

  /** Non-missing values seen. */
  public long count() {
    return count;
  }

  /** Missing values seen. */
  public long missing() {
    return missing;
  }

  /** True while counts are exact (at most {@value #EXACT_CATEGORIES} categories). */
  public boolean isExact() {
    return items == null;
  }

  /** The largest error of any category's count: 0 while exact. */
  public long maximumError() {
    return items == null ? 0 : items.getMaximumError();
  }

  /**
   * The categories with a count: all of them while exact, else those surely more frequent than the
   * sketch's error (no false positives). Rarer ones are left to an "other" cell: listing them would
   * compare two windows' noise, since each sketch keeps a different handful of rare items.
   */
  public List<String> categories() {
    if (items == null) return new ArrayList<>(exact.keySet());
    List<String> out = new ArrayList<>();
    for (ItemsSketch.Row<String> row : items.getFrequentItems(ErrorType.NO_FALSE_POSITIVES)) out.add(row.getItem());
    return out;
  }

  /** The count of {@code category}: exact while {@link #isExact()}, else within {@link #maximumError()}. */
  public long estimate(String category) {
    if (items == null) {
      long[] c = exact.get(category);
      return c == null ? 0 : c[0];
    }
    return items.getEstimate(category);
  }

  /**
   * Counts of both windows over the same cells: the categories either side holds, then, when a side
   * is not exact, one "other" cell with the rows not in a listed category. Row i of the result is
   * {@code reference}, {@code current}.
   */
  static double[][] counts(CategoricalSketch reference, CategoricalSketch current) {
    Set<String> cats = new LinkedHashSet<>(reference.categories());
    cats.addAll(current.categories());
    boolean other = !reference.isExact() || !current.isExact();
    int k = cats.size() + (other ? 1 : 0);
    double[] r = new double[k];
    double[] c = new double[k];
    int i = 0;
    for (String cat : cats) {
      r[i] = Math.min(reference.estimate(cat), reference.count);
      c[i] = Math.min(current.estimate(cat), current.count);
      i++;
    }
    if (other) {
      r[i] = Math.max(0, reference.count - TwoSample.sum(Arrays.copyOf(r, i)));
      c[i] = Math.max(0, current.count - TwoSample.sum(Arrays.copyOf(c, i)));
    }
    return new double[][] {r, c};
  }
}
