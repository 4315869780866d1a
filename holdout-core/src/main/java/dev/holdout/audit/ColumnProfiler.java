package dev.holdout.audit;

import dev.holdout.data.Decimals;
import dev.holdout.data.Dictionary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Accumulates one column's profile in one pass. Values are counted exactly while the column has at
 * most {@link #EXACT_DISTINCT} distinct values; beyond that only a HyperLogLog sketch (lgK = 12,
 * about 1.6% relative standard error) counts them and no top categories are kept. Empty fields and
 * the markers NA, N/A, null, none, nil, NaN, ? and - count as missing. Not thread-safe.
 */
public final class ColumnProfiler {
  /** Distinct values counted exactly before switching to the HyperLogLog estimate. */
  public static final int EXACT_DISTINCT = 10_000;
  /** A column whose most frequent value holds this share of non-missing rows is near-constant. */
  public static final double NEAR_CONSTANT_SHARE = 0.99;
  /** Average words per value from which a non-numeric column is free text. */
  public static final double TEXT_WORDS = 3.0;

  private static final Set<String> MISSING = Set.of("na", "n/a", "null", "none", "nil", "nan", "?", "-");
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
  private final KllDoublesSketch kll = KllDoublesSketch.newHeapInstance(200);
  private final HllSketch hll = new HllSketch(12, TgtHllType.HLL_8); // same estimates as HLL_4, faster updates
  private Dictionary dictionary = new Dictionary();
  private long[] counts = new long[64];
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
  public void add(CharSequence text, java.util.function.Supplier<String> position) {
    rows++;
    if (isMissing(text)) {
      missing++;
      return;
    }
    double v = parse(text);
    if (Double.isFinite(v)) {
      numbers++;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      kll.update(v);
      if (firstNumber == null) {
        firstNumber = text.toString();
        firstNumberAt = position.get();
      }
    } else {
      others++;
      words += words(text);
      if (firstOther == null) {
        firstOther = text.toString();
        firstOtherAt = position.get();
      }
    }
    if (dictionary != null) {
      int c = dictionary.code(text);
      if (c >= counts.length) counts = Arrays.copyOf(counts, counts.length * 2);
      counts[c]++;
      if (dictionary.size() > EXACT_DISTINCT) {
        // a distinct count does not depend on how often a value repeats, so the sketch starts from the values seen
        for (String seen : dictionary.values()) hll.update(Hashing.of(seen));
        dictionary = null;
        counts = null;
      }
    } else {
      hll.update(Hashing.of(text));
    }
  }

  static boolean isMissing(CharSequence text) {
    if (text == null || text.length() == 0) return true;
    int n = text.length();
    if (n > 4) return false;
    char c = text.charAt(0);
    // the markers start with n, ?, - only; anything else is a value without building a String
    if (c != 'n' && c != 'N' && c != '?' && c != '-') return false;
    if (n > 1 && c == '-' ) return false;
    return MISSING.contains(text.toString().toLowerCase(Locale.ROOT));
  }

  /** {@link #isMissing(CharSequence)} of the text {@code chars[off, off + n)}. */
  static boolean isMissing(char[] chars, int off, int n) {
    if (n == 0) return true;
    if (n > 4) return false;
    char c = chars[off];
    if (c != 'n' && c != 'N' && c != '?' && c != '-') return false;
    if (n > 1 && c == '-') return false;
    return MISSING.contains(new String(chars, off, n).toLowerCase(Locale.ROOT));
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

  private static int words(CharSequence text) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !in) n++;
      in = !space;
    }
    return n;
  }

  /** The exact count of each value while counted exactly, else null. */
  long[] exactCounts() {
    return counts == null ? null : Arrays.copyOf(counts, dictionary.size());
  }

  List<String> exactValues() {
    return dictionary == null ? null : dictionary.values();
  }

  /** The numbers seen, as a KLL sketch (k = 200), for comparing distributions. */
  KllDoublesSketch quantiles() {
    return kll;
  }

  /** The profile so far. */
  public ColumnProfile profile() {
    long present = rows - missing;
    boolean exact = dictionary != null;
    long distinct = exact ? dictionary.size() : Math.round(hll.getEstimate());
    List<ColumnProfile.Category> top = new ArrayList<>();
    long topCount = 0;
    boolean allBoolean = false;
    if (exact) {
      List<String> values = dictionary.values();
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
        kll.getQuantile(0.25, QuantileSearchCriteria.INCLUSIVE), kll.getQuantile(0.5, QuantileSearchCriteria.INCLUSIVE),
        kll.getQuantile(0.75, QuantileSearchCriteria.INCLUSIVE), max, sum / numbers);
    return new ColumnProfile(name, type, rows, missing, rows == 0 ? 0 : missing / (double) rows, distinct, exact,
        distinct == 1, exact && present > 0 && distinct > 1 && topCount >= NEAR_CONSTANT_SHARE * present,
        mixed, others, mixed ? (minorityIsOther ? firstOther : firstNumber) : null,
        mixed ? (minorityIsOther ? firstOtherAt : firstNumberAt) : null, summary, top);
  }
}
