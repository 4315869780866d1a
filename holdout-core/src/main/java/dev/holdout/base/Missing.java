package dev.holdout.base;

import java.util.List;

/**
 * What counts as a missing value, everywhere: no text (an empty or blank field, a JSON null or an
 * absent key: readers hand these over as null) or one of the {@link #MARKERS} NA, N/A, NaN, nil,
 * null, none, ? and - (ASCII case ignored, no surrounding spaces). Anything else is a value, so
 * "-5", "none yet" and "n.a." are values. The audit, drift, monitor and the evaluation's messages
 * all ask this class. A check costs at most four character comparisons and no allocation: every
 * marker is at most four characters and starts with n, N, ? or -.
 */
public final class Missing {
  /** The markers, lower case. */
  public static final List<String> MARKERS = List.of("na", "n/a", "nan", "nil", "null", "none", "?", "-");

  private Missing() {}

  /** Whether {@code text} is missing: null, empty or a marker. */
  public static boolean is(CharSequence text) {
    if (text == null) return true;
    int n = text.length();
    if (n == 0) return true;
    if (n > 4) return false;
    return marker(text.charAt(0), n > 1 ? text.charAt(1) : 0, n > 2 ? text.charAt(2) : 0, n > 3 ? text.charAt(3) : 0, n);
  }

  /** {@link #is(CharSequence)} of the text {@code chars[off, off + n)}. */
  public static boolean is(char[] chars, int off, int n) {
    if (n == 0) return true;
    if (n > 4) return false;
    return marker(chars[off], n > 1 ? chars[off + 1] : 0, n > 2 ? chars[off + 2] : 0, n > 3 ? chars[off + 3] : 0, n);
  }

  /** Whether the {@code n} (1 to 4) characters c0.. spell a marker. */
  private static boolean marker(int c0, int c1, int c2, int c3, int n) {
    // anything not starting with n, ?, - is a value without building a String
    if (c0 != 'n' && c0 != 'N') return n == 1 && (c0 == '?' || c0 == '-');
    c1 = lower(c1);
    c2 = lower(c2);
    c3 = lower(c3);
    return switch (n) {
      case 2 -> c1 == 'a';
      case 3 -> c1 == '/' && c2 == 'a' || c1 == 'a' && c2 == 'n' || c1 == 'i' && c2 == 'l';
      case 4 -> c1 == 'u' && c2 == 'l' && c3 == 'l' || c1 == 'o' && c2 == 'n' && c3 == 'e';
      default -> false;
    };
  }

  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }
}
