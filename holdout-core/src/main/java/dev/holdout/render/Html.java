package dev.holdout.render;

import dev.holdout.base.Format;
import java.util.List;
import java.util.Locale;

/** Escaping and number text for the HTML report. Every piece of user text goes through {@link #esc}. */
final class Html {
  private Html() {}

  /**
   * Text safe inside HTML and SVG elements and quoted attributes: {@code & < > " '} become
   * entities, and control characters other than tab and newline are dropped.
   */
  static String esc(Object o) {
    if (o == null) return "";
    String s = o.toString();
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> c < 0x20 && c != '\t' && c != '\n' ? "" : null;
      };
      if (r != null && b == null) {
        b = new StringBuilder(s.length() + 16);
        b.append(s, 0, i);
      }
      if (b != null) {
        if (r != null) b.append(r);
        else b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /** A fragment identifier made of letters, digits, '-' and '_' only; other characters become '-'. */
  static String slug(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ? c : '-');
    }
    return b.toString();
  }

  /** 0.8563, as the terminal report writes it. */
  static String num(Double v) {
    return v == null ? "–" : Format.number(v);
  }

  /** A threshold as a person wrote it, to four significant digits: 0.3, 0.0702, 30. */
  static String plain(double v) {
    if (!Double.isFinite(v)) return Double.toString(v);
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }

  static String signed(double v) {
    if (v != 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return String.format(Locale.ROOT, "%+.3e", v);
    return String.format(Locale.ROOT, "%+.4f", v);
  }

  static String count(double v) {
    return String.format(Locale.ROOT, "%,d", Math.round(v));
  }

  static String money(double v) {
    return String.format(Locale.ROOT, "%,.2f", v);
  }

  static String interval(List<Double> ci) {
    if (ci == null || ci.size() < 2 || ci.get(0) == null || ci.get(1) == null) return "";
    return "[" + Format.number(ci.get(0)) + ", " + Format.number(ci.get(1)) + "]";
  }

  static String signedInterval(List<Double> ci) {
    if (ci == null || ci.size() < 2 || ci.get(0) == null || ci.get(1) == null) return "";
    return "[" + signed(ci.get(0)) + ", " + signed(ci.get(1)) + "]";
  }

  static String pct(double confidence) {
    double p = confidence * 100;
    return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
  }

  static String words(String snake) {
    return snake == null ? "" : snake.replace('_', ' ');
  }
}
