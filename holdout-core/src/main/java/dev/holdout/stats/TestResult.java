package dev.holdout.stats;

/**
 * The outcome of a two-sided paired test: its statistic and p-value, or the reason it has none
 * (one class only, fewer than two groups). {@code detail} states the counts or estimates behind it.
 */
public record TestResult(double statistic, double pValue, String detail, String undefined) {
  public TestResult {
    if (undefined == null && !(pValue >= 0 && pValue <= 1)) throw new IllegalArgumentException("p-value outside [0, 1]: " + pValue);
  }

  static TestResult of(double statistic, double pValue, String detail) {
    return new TestResult(statistic, Math.max(0, Math.min(1, pValue)), detail, null);
  }

  static TestResult undefined(String why) {
    return new TestResult(Double.NaN, Double.NaN, null, why);
  }

  public boolean defined() {
    return undefined == null;
  }
}
