package dev.holdout.metric;

/** Whether a larger value of a metric is better (accuracy) or worse (log loss). */
public enum Direction {
  HIGHER_IS_BETTER,
  LOWER_IS_BETTER;

  /** The improvement of {@code a} over {@code b}: positive when a is better. */
  public double improvement(double a, double b) {
    return this == HIGHER_IS_BETTER ? a - b : b - a;
  }
}
