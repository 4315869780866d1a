package dev.holdout.data;

/**
 * Fast parsing of plain decimal text such as {@code 0.4217} or {@code -12.5e3}: up to 15
 * significant digits and a power of ten within 10^±22 are converted with one correctly rounded
 * multiplication or division (Clinger's fast path), so the result equals
 * {@link Double#parseDouble}; longer or larger numbers fall back to it. Text that is not a plain
 * decimal number (NaN, Infinity, hexadecimal, Java's 1f or 1d suffixes) is refused.
 */
public final class Decimals {
  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private Decimals() {}

  /** The value of {@code s}; throws NumberFormatException as {@link Double#parseDouble} does. */
  public static double parse(CharSequence s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    boolean any = false;
    boolean dot = false;
    for (; i < n; i++) {
      char ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        any = true;
        if (mantissa == 0 && ch == '0') {
          if (dot) scale--;
          continue;
        }
        if (++digits > 15) return Double.parseDouble(s.toString());
        mantissa = mantissa * 10 + (ch - '0');
        if (dot) scale--;
      } else if (ch == '.' && !dot) {
        dot = true;
      } else if ((ch == 'e' || ch == 'E') && any) {
        int e;
        try {
          e = Integer.parseInt(s, i + 1, n, 10);
        } catch (NumberFormatException ex) {
          return Double.parseDouble(s.toString());
        }
        if (Math.abs(e) > 400) return Double.parseDouble(s.toString());
        scale += e;
        i = n;
        break;
      } else {
        throw new NumberFormatException("not a plain decimal number: " + s);
      }
    }
    if (!any) throw new NumberFormatException("no digits: " + s);
    double v;
    if (mantissa == 0) {
      v = 0;
    } else if (scale >= 0 && scale <= 22) {
      v = mantissa * POW10[scale];
    } else if (scale < 0 && scale >= -22) {
      v = mantissa / POW10[-scale];
    } else {
      return Double.parseDouble(s.toString());
    }
    return negative ? -v : v;
  }
}
