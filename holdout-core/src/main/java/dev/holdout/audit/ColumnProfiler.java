package dev.holdout.audit;

import dev.holdout.base.Missing;
import dev.holdout.data.Decimals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * Accumulates one column's profile in one pass. Values are counted exactly while the column has at
 * most {@link #EXACT_DISTINCT} distinct values; beyond that only a HyperLogLog sketch (lgK = 12,
 * about 1.6% relative standard error, deterministic) counts them, its estimate kept between the
 * values counted exactly and the values present (so never above the rows), and no top categories
 * are kept. While counted
 * exactly, each distinct value is parsed and its words counted once. Quartiles come from a uniform
 * sample of {@link NumberSample#CAPACITY} numbers (exact up to that many, else within about 0.29%
 * of rank in 99% of runs); min, max and mean are exact. Missing values are {@link Missing}'s. Not thread-safe.
 */
public final class ColumnProfiler {
  /** Distinct values counted exactly before switching to the HyperLogLog estimate. */
  public static final int EXACT_DISTINCT = 10_000;
  /** A column whose most frequent value holds this share of non-missing rows is near-constant. */
  public static final double NEAR_CONSTANT_SHARE = 0.99;
  /** Average words per value from which a non-numeric column is free text. */
  public static final double TEXT_WORDS = 3.0;

  private static final Set<String> BOOLEAN = Set.of("true", "false", "yes", "no", "t", "f", "y", "n", "0", "1");

  private final String name;
  private long rows;
  private long missing;
  private long numbers;
  private long others;
  private long words;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double sum;
  private final NumberSample sample = new NumberSample();
  private final HllSketch hll = new HllSketch(12, TgtHllType.HLL_8); // same estimates as HLL_4, faster updates
  private TextCodes codes = new TextCodes();
  private long[] counts = new long[64];
  /** Per code: its number, NaN when it is not one, and its words (0 for numbers). */
  private double[] codeNumber = new double[64];
  private int[] codeWords = new int[64];
  private final ProfileWorkers.Slice slice = new ProfileWorkers.Slice();
  private char[] scratch = new char[64];
  private String firstNumber;
  private String firstNumberAt;
  private String firstOther;
  private String firstOtherAt;

  public ColumnProfiler(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /**
   * Adds one field. {@code text} is the stripped value or null when missing; {@code position}
   * supplies where the row is, called only for the first value of each kind.
   */
  public void add(CharSequence text, Supplier<String> position) {
    if (text == null) {
      add(null, 0, -1, position);
      return;
    }
    int n = text.length();
    if (n > scratch.length) scratch = new char[Math.max(n, scratch.length * 2)];
    for (int i = 0; i < n; i++) scratch[i] = text.charAt(i);
    add(scratch, 0, n, position);
  }

  /** {@link #add(CharSequence, java.util.function.Supplier)} of {@code buf[off, off + len)}; a negative {@code len} is a missing field. */
  void add(char[] buf, int off, int len, Supplier<String> position) {
    rows++;
    if (len < 0 || Missing.is(buf, off, len)) {
      missing++;
      return;
    }
    double v;
    int w;
    if (codes != null) {
      int c = codes.code(buf, off, len);
      if (c == counts.length) {
        counts = Arrays.copyOf(counts, c * 2);
        codeNumber = Arrays.copyOf(codeNumber, c * 2);
        codeWords = Arrays.copyOf(codeWords, c * 2);
      }
      if (counts[c] == 0) { // a new value
        codeNumber[c] = parse(buf, off, len);
        codeWords[c] = Double.isFinite(codeNumber[c]) ? 0 : words(buf, off, len);
      }
      counts[c]++;
      v = codeNumber[c];
      w = codeWords[c];
      if (codes.size() > EXACT_DISTINCT) {
        // a distinct count does not depend on how often a value repeats, so the sketch starts from the values seen
        for (String seen : codes.values()) hll.update(Hashing.of(seen));
        codes = null;
        counts = null;
        codeNumber = null;
        codeWords = null;
      }
    } else {
      hll.update(Hashing.mix(Hashing.add(Hashing.SEED, buf, off, len)));
      v = parse(buf, off, len);
      w = Double.isFinite(v) ? 0 : words(buf, off, len);
    }
    if (Double.isFinite(v)) {
      numbers++;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      sample.add(v);
      if (firstNumber == null) {
        firstNumber = new String(buf, off, len);
        firstNumberAt = position.get();
      }
    } else {
      others++;
      words += w;
      if (firstOther == null) {
        firstOther = new String(buf, off, len);
        firstOtherAt = position.get();
      }
    }
  }

  static double parse(CharSequence text) {
    char c = text.charAt(0);
    if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') return Double.NaN;
    // a sign only first or after an exponent: dates and codes such as 2024-01-31 are not numbers, without an exception
    for (int i = 1; i < text.length(); i++) {
      char d = text.charAt(i);
      if (d >= '0' && d <= '9' || d == '.' || d == 'e' || d == 'E') continue;
      if ((d == '-' || d == '+') && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E')) continue;
      return Double.NaN;
    }
    try {
      return Decimals.parse(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** {@link #parse(CharSequence)} of {@code buf[off, off + len)}. */
  private double parse(char[] buf, int off, int len) {
    char c = buf[off];
    if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') return Double.NaN;
    // the same screen as parse(CharSequence), on the array: this runs for every value of a column with many distinct values
    for (int i = off + 1, end = off + len; i < end; i++) {
      char d = buf[i];
      if (d >= '0' && d <= '9' || d == '.' || d == 'e' || d == 'E') continue;
      if ((d == '-' || d == '+') && (buf[i - 1] == 'e' || buf[i - 1] == 'E')) continue;
      return Double.NaN;
    }
    try {
      return Decimals.parse(slice.set(buf, off, len));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Runs of non-whitespace characters in {@code text}. */
  static int words(CharSequence text) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !in) n++;
      in = !space;
    }
    return n;
  }

  private static int words(char[] buf, int off, int len) {
    int n = 0;
    boolean in = false;
    for (int i = off, end = off + len; i < end; i++) {
      boolean space = Character.isWhitespace(buf[i]);
      if (!space && !in) n++;
      in = !space;
    }
    return n;
  }

  /** The exact count of each value while counted exactly, else null. */
  long[] exactCounts() {
    return codes == null ? null : Arrays.copyOf(counts, codes.size());
  }

  List<String> exactValues() {
    return codes == null ? null : codes.values();
  }

  /** The numbers seen, as a uniform sample (all of them up to {@link NumberSample#CAPACITY}), for comparing distributions ({@link Shift}). */
  NumberSample numbers() {
    return sample;
  }

  /** The profile so far. */
  public ColumnProfile profile() {
    long present = rows - missing;
    boolean exact = codes != null;
    // an estimate is at least the values counted exactly before it, and at most the values present
    long distinct = exact ? codes.size() : Math.max(EXACT_DISTINCT + 1, Math.min(present, Math.round(hll.getEstimate())));
    List<ColumnProfile.Category> top = new ArrayList<>();
    long topCount = 0;
    boolean allBoolean = false;
    if (exact) {
      List<String> values = codes.values();
      Integer[] order = new Integer[values.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      Arrays.sort(order, Comparator.comparingLong((Integer i) -> -counts[i]).thenComparing(i -> values.get(i)));
      for (int k = 0; k < Math.min(10, order.length); k++) {
        top.add(new ColumnProfile.Category(values.get(order[k]), counts[order[k]], counts[order[k]] / (double) present));
      }
      if (order.length > 0) topCount = counts[order[0]];
      allBoolean = !values.isEmpty() && values.size() <= 2
          && values.stream().allMatch(s -> BOOLEAN.contains(s.toLowerCase(Locale.ROOT)));
    }
    ColumnType type;
    if (present == 0) type = ColumnType.EMPTY;
    else if (allBoolean) type = ColumnType.BOOLEAN;
    else if (numbers >= others) type = ColumnType.NUMERIC;
    else if (words / (double) others >= TEXT_WORDS) type = ColumnType.TEXT;
    else type = ColumnType.CATEGORICAL;
    boolean mixed = numbers > 0 && others > 0 && type != ColumnType.BOOLEAN;
    boolean minorityIsOther = others <= numbers;
    ColumnProfile.NumericSummary summary = numbers == 0 ? null : new ColumnProfile.NumericSummary(numbers, min,
        sample.quantile(0.25), sample.quantile(0.5), sample.quantile(0.75), max, sum / numbers);
    return new ColumnProfile(name, type, rows, missing, rows == 0 ? 0 : missing / (double) rows, distinct, exact,
        distinct == 1, exact && present > 0 && distinct > 1 && topCount >= NEAR_CONSTANT_SHARE * present,
        mixed, others, mixed ? (minorityIsOther ? firstOther : firstNumber) : null,
        mixed ? (minorityIsOther ? firstOtherAt : firstNumberAt) : null, summary, top);
  }
}
