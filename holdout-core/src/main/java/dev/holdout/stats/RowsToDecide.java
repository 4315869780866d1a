package dev.holdout.stats;

import java.util.OptionalLong;

/**
 * How many more labeled rows would likely decide an inconclusive criterion. Interval half-widths
 * shrink about as 1/sqrt(n), so the interval clears the threshold once n grows by the factor
 * (half-width / distance from the threshold)^2. An estimate at the current mix of rows and slices,
 * not a promise: the observed value itself moves as rows are added.
 */
public final class RowsToDecide {
  private RowsToDecide() {}

  /**
   * Extra rows for an interval with half-width {@code halfWidth} around {@code observed} to exclude
   * {@code threshold}, given {@code rows} evaluated now; empty when observed equals the threshold.
   */
  public static OptionalLong estimate(long rows, double observed, double threshold, double halfWidth) {
    double distance = Math.abs(observed - threshold);
    if (distance == 0 || !(halfWidth > 0)) return OptionalLong.empty();
    double factor = (halfWidth / distance) * (halfWidth / distance);
    long extra = (long) Math.ceil(rows * (factor - 1));
    return OptionalLong.of(Math.max(extra, 1));
  }
}
