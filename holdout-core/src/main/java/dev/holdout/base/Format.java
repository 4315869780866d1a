package dev.holdout.base;

import java.math.BigDecimal;
import java.util.Locale;

/** How numbers read in messages and reports: four decimals, scientific notation only when tiny or huge. */
public final class Format {
  private Format() {}

  /** 0.8563, 20.3808, 1.234e-05. */
  public static String number(double v) {
    if (v != 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return String.format(Locale.ROOT, "%.3e", v);
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** A bound as the user wrote it: 0.8, 0.05, 20. */
  public static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
