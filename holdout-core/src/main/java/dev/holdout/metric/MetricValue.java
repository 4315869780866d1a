package dev.holdout.metric;

/**
 * A metric's value, or the reason it has none (one class only, a division by zero). Never NaN:
 * {@code value} is null exactly when {@code undefined} holds the reason.
 */
public record MetricValue(Double value, String undefined) {
  public MetricValue {
    if ((value == null) == (undefined == null)) {
      throw new IllegalArgumentException("exactly one of value and reason: " + value + ", " + undefined);
    }
    if (value != null && (value.isNaN() || value.isInfinite())) {
      throw new IllegalArgumentException("a metric value must be finite, got " + value);
    }
  }

  public static MetricValue of(double value) {
    return new MetricValue(value, null);
  }

  public static MetricValue undefined(String reason) {
    return new MetricValue(null, reason);
  }

  /** The value, or NaN when undefined; for the bootstrap's arrays. */
  public double orNaN() {
    return value == null ? Double.NaN : value;
  }

  public boolean defined() {
    return value != null;
  }
}
