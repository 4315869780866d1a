package dev.holdout.render;

import dev.holdout.base.Format;
import dev.holdout.result.Report;
import java.util.List;

/** Escaping and small pieces of the HTML pages: every piece of user text goes through {@link #esc}, every figure through {@link Format}. */
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

  /** A metric value as {@link Format#number} writes it; a dash when there is none. */
  static String num(Double v) {
    return v == null ? "–" : Format.number(v);
  }

  /** {@code [lo, hi]} as {@link Format#interval}; empty when either end is missing. */
  static String interval(List<Double> ci) {
    if (ci == null || ci.size() < 2 || ci.get(0) == null || ci.get(1) == null) return "";
    return Format.interval(ci.get(0), ci.get(1));
  }

  /** {@code [lo, hi]} of a difference, as {@link Format#signedInterval}; empty when either end is missing. */
  static String signedInterval(List<Double> ci) {
    if (ci == null || ci.size() < 2 || ci.get(0) == null || ci.get(1) == null) return "";
    return Format.signedInterval(ci.get(0), ci.get(1));
  }

  /** A status word (PASS, FAIL, INCONCLUSIVE, ACCEPTED ...) as a coloured badge. */
  static String badge(String status) {
    return badge(status, status);
  }

  /** A badge coloured as {@code cls} (a status word of report.css) reading {@code text}. */
  static String badge(String cls, String text) {
    return "<span class=\"badge " + esc(cls) + "\">" + esc(text) + "</span>";
  }

  /** "0.8563 [0.8500, 0.8700]"; "undefined (reason)"; "not computed" when there is no estimate. */
  static String estimate(Report.Estimate e) {
    if (e == null) return "not computed";
    if (e.value() == null) return "undefined (" + e.undefined() + ")";
    return Format.number(e.value()) + (e.ci() == null ? "" : " " + interval(e.ci()));
  }

  static <T> List<T> nz(List<T> list) {
    return list == null ? List.of() : list;
  }

  static String words(String snake) {
    return snake == null ? "" : snake.replace('_', ' ');
  }
}
