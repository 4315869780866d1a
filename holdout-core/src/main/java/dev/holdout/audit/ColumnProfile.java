package dev.holdout.audit;

import java.util.List;

/**
 * One column summarised: its inferred type, how much is missing, how many distinct values (exact
 * up to {@link ColumnProfiler#EXACT_DISTINCT} values, else a HyperLogLog estimate with about 1.6%
 * relative standard error, never above the values present), a numeric summary and the most frequent
 * categories.
 *
 * @param mixedTypes true when the non-missing values are partly numbers and partly not
 * @param nonNumeric values that are not numbers, of the non-missing ones
 * @param numeric null unless some values are numbers
 * @param topCategories up to ten most frequent values with counts; empty when the distinct count is estimated
 */
public record ColumnProfile(
    String name,
    ColumnType type,
    long rows,
    long missing,
    double missingShare,
    long distinct,
    boolean distinctExact,
    boolean constant,
    boolean nearConstant,
    boolean mixedTypes,
    long nonNumeric,
    String firstMinorityValue,
    String firstMinorityPosition,
    NumericSummary numeric,
    List<Category> topCategories) {

  /**
   * Min, quartiles, max and mean of the values that are numbers. Quartiles are exact up to {@link
   * NumberSample#CAPACITY} numbers, else those of a seeded uniform sample of that many (within about
   * 0.29% of rank of the exact quartile in 99% of runs, the same figure every run); min, max and
   * mean are exact.
   */
  public record NumericSummary(long count, double min, double q1, double median, double q3, double max, double mean) {}

  /** A value and how many rows hold it; share is of the non-missing rows. */
  public record Category(String value, long count, double share) {}
}
