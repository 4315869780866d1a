package dev.holdout.data;

/**
 * Fast parsing of plain decimal text such as {@code 0.4217} or {@code -12.5e3}: a mantissa of at
 * most 2^53 (every 15-digit number) and a power of ten within 10^±22 are converted with one
 * correctly rounded multiplication or division (Clinger's fast path), so the result equals
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
    // the CSV reader's fields are views of a char buffer: read them in place, without a copy or an
    // interface call per character (this was a third of `holdout drift`'s reading time)
    if (s instanceof CharSlice c) return parse(c.buf, c.off, c.off + c.len);
    char[] chars = s.toString().toCharArray();
    return parse(chars, 0, chars.length);
  }

  /** The value of the text in {@code chars[from, to)}; throws NumberFormatException as {@link Double#parseDouble} does. */
  public static double parse(char[] chars, int from, int to) {
    double v = parseOrNaN(chars, from, to);
    if (Double.isNaN(v)) throw new NumberFormatException("not a plain decimal number: " + new String(chars, from, to - from));
    return v;
  }

  /** The value of the text in {@code chars[from, to)}, or NaN when it is not a plain decimal number (no exception to pay for). */
  public static double parseOrNaN(char[] chars, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (chars[i] == '-' || chars[i] == '+')) {
      negative = chars[i] == '-';
      i++;
    }
    // one tight loop per part (integer, fraction): a branch per character, not one per kind of character
    long mantissa = 0;
    int start = i;
    for (; i < to; i++) {
      int d = chars[i] - '0';
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
    }
    int digits = i - start;
    int scale = 0;
    if (i < to && chars[i] == '.') {
      int fraction = ++i;
      for (; i < to; i++) {
        int d = chars[i] - '0';
        if (d < 0 || d > 9) break;
        mantissa = mantissa * 10 + d;
      }
      scale = fraction - i;
      digits += i - fraction;
    }
    if (digits == 0) return Double.NaN;
    if (digits > 18) return slow(chars, from, to);  // the mantissa may have overflowed
    if (i < to) {
      if (chars[i] != 'e' && chars[i] != 'E') return Double.NaN;
      int e = exponent(chars, i + 1, to);
      if (e == Integer.MIN_VALUE) return slow(chars, from, to);
      scale += e;
    }
    double v;
    if (mantissa == 0) {
      v = 0;
    } else if (mantissa > 1L << 53) {
      return slow(chars, from, to);
    } else if (scale >= 0 && scale <= 22) {
      v = mantissa * POW10[scale];
    } else if (scale < 0 && scale >= -22) {
      v = mantissa / POW10[-scale];
    } else {
      return slow(chars, from, to);
    }
    return negative ? -v : v;
  }

  /**
   * The value of plain ASCII decimal text without an exponent ({@code -12.5}, {@code 64.8529}) in
   * {@code bytes[from, to)}, or NaN for anything else, which {@link #parseOrNaN(char[], int, int)}
   * may still read (exponents, more than 15 digits). The CSV reader's numbers are parsed straight
   * from its buffer by this, at about half the cost of copying them out as characters first.
   */
  static double parsePlain(byte[] bytes, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
      negative = bytes[i] == '-';
      i++;
    }
    long mantissa = 0;
    int start = i;
    for (; i < to; i++) {
      int d = bytes[i] - '0';
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
    }
    int digits = i - start;
    int fraction = 0;
    if (i < to && bytes[i] == '.') {
      int first = ++i;
      for (; i < to; i++) {
        int d = bytes[i] - '0';
        if (d < 0 || d > 9) break;
        mantissa = mantissa * 10 + d;
      }
      fraction = i - first;
      digits += fraction;
    }
    if (i < to || digits == 0 || digits > 15 || fraction > 22) return Double.NaN;  // 15 digits: below 2^53
    double v = mantissa / POW10[fraction];
    return negative ? -v : v;
  }

  /** A signed decimal exponent within ±400, or Integer.MIN_VALUE for anything else (left to the JDK). */
  private static int exponent(char[] chars, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (chars[i] == '-' || chars[i] == '+')) {
      negative = chars[i] == '-';
      i++;
    }
    if (i == to) return Integer.MIN_VALUE;
    int e = 0;
    for (; i < to; i++) {
      char ch = chars[i];
      if (ch < '0' || ch > '9') return Integer.MIN_VALUE;
      e = e * 10 + (ch - '0');
      if (e > 400) return Integer.MIN_VALUE;
    }
    return negative ? -e : e;
  }

  /** The JDK's parse, for what the fast path cannot do exactly; NaN for text it refuses or that is not plain decimal. */
  private static double slow(char[] chars, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = chars[i];
      if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return Double.NaN;
    }
    try {
      return Double.parseDouble(new String(chars, from, to - from));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
