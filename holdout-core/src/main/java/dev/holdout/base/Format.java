package dev.holdout.base;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How figures read in messages and reports, in one place so that every page, terminal line and
 * message prints a number alike. Everything is written with {@link Locale#ROOT} (a point before
 * decimals, a comma between thousands). The shapes:
 *
 * <ul>
 *   <li>{@link #number} a metric value or estimate: four decimals, scientific when below 0.001 or
 *       from a million up (0.8563, 1.234e-05); {@link #signed} the same with its sign, for
 *       differences; {@link #interval} two of them in brackets.
 *   <li>{@link #plain} a bound or setting as the user wrote it (0.8, 0.05, 20); {@link #level} a
 *       confidence level or a share the user set, as a percentage (95%, 97.5%).
 *   <li>{@link #score} a figure to glance at (a drift score, a p-value, a chart label): three
 *       significant digits (0.149, 0.000990, 12.3), whole numbers with separators from 1,000 up.
 *   <li>{@link #count} a count with thousands separators (12,345); {@link #percent} a measured
 *       share (50%, 78.37%, 0.40%); {@link #money} an amount (1,443.00); {@link #millis} and
 *       {@link #seconds} durations (12.3 ms, 4.20 s).
 * </ul>
 *
 * Not a number (NaN) and the infinities are written as Java writes them ("NaN", "Infinity").
 */
public final class Format {
  private Format() {}

  /** A metric value: 0.8563, 20.3808, 1.234e-05, 2.500e+06. */
  public static String number(double v) {
    if (v != 0 && Double.isFinite(v) && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return String.format(Locale.ROOT, "%.3e", v);
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** A difference with its sign, as {@link #number} otherwise: +0.0123, -0.4500, +1.234e-05. */
  public static String signed(double v) {
    if (v != 0 && Double.isFinite(v) && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return String.format(Locale.ROOT, "%+.3e", v);
    return String.format(Locale.ROOT, "%+.4f", v);
  }

  /** An interval of two {@link #number}s: [0.8500, 0.8700]. */
  public static String interval(double lo, double hi) {
    return "[" + number(lo) + ", " + number(hi) + "]";
  }

  /** An interval of two {@link #signed} differences: [+0.0100, +0.0300]. */
  public static String signedInterval(double lo, double hi) {
    return "[" + signed(lo) + ", " + signed(hi) + "]";
  }

  /** A bound as the user wrote it: 0.8, 0.05, 20, 0.0000001 (never scientific). */
  public static String plain(double v) {
    if (!Double.isFinite(v)) return Double.toString(v);
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /**
   * A confidence level or a share the user set, as a percentage the way it was written: 0.95 is
   * 95%, 0.975 is 97.5%, 0.5 is 50%. Ten significant digits, so 0.29 reads 29% rather than
   * 28.999999999999996%.
   */
  public static String level(double share) {
    if (!Double.isFinite(share)) return Double.toString(share) + "%";
    // two decimals at most: Holm's levels such as 98.3333...% read as 98.33%
    BigDecimal p = BigDecimal.valueOf(share * 100).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    return p.toPlainString() + "%";
  }

  /**
   * A figure to glance at, to three significant digits: 0.149, 0.000990, 0.550, 1.50, 12.3, 123;
   * whole with separators from 1,000 to a million (12,346); scientific below 0.0001 and from a
   * million up (9.90e-05, 1.50e+06). Zero is 0.00.
   */
  public static String score(double v) {
    double a = Math.abs(v);
    // from where three significant digits round to 1,000 up to where they would round to a million
    if (a >= 999.5 && a < 999_999.5) return String.format(Locale.ROOT, "%,.0f", v);
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /** A count with thousands separators: 12,345. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * A count with its noun in the right number: "1 row", "12,345 rows", "2 queries"; the noun is
   * given in the singular (English plurals: -y after a consonant becomes -ies, else -s).
   */
  public static String count(long n, String noun) {
    if (n == 1) return "1 " + noun;
    boolean consonantY = noun.length() > 1 && noun.endsWith("y") && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0;
    return count(n) + " " + (consonantY ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
  }

  /** A count held in a double (a histogram bin, a confusion cell), rounded to the nearest whole: 12,345. */
  public static String count(double n) {
    return count(Math.round(n));
  }

  /**
   * A measured share of 0 to 1 as a percentage: whole percentages without decimals (50%, 0%),
   * others with two (78.37%, 0.40%, 33.33%), so a share of one row in ten thousand still shows.
   */
  public static String percent(double share) {
    double p = 100 * share;
    if (!Double.isFinite(p)) return Double.toString(p) + "%";
    if (Math.abs(p - Math.rint(p)) < 1e-9) return String.format(Locale.ROOT, "%.0f%%", p);
    return String.format(Locale.ROOT, "%.2f%%", p);
  }

  /** An amount of money (a cost), two decimals with separators: 1,443.00, -80.50. */
  public static String money(double v) {
    return String.format(Locale.ROOT, "%,.2f", v);
  }

  /** A duration in milliseconds, one decimal: 0.4 ms, 12.3 ms, 1,234.5 ms. */
  public static String millis(double ms) {
    return String.format(Locale.ROOT, "%,.1f ms", ms);
  }

  /** A duration in seconds, two decimals: 0.05 s, 4.20 s, 1,234.50 s. */
  public static String seconds(double s) {
    return String.format(Locale.ROOT, "%,.2f s", s);
  }

  /** A time a person waits, rounded to what they care about: 4 s, 2 min 5 s, 1 h 3 min. */
  public static String duration(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + " s";
    if (s < 3600) return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    return (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + " min");
  }
}
