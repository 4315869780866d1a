package dev.holdout.server.base;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one home for how much of a caller's text the server repeats back: a value echoed in an error
 * keeps its first 80 characters, an error message at most 2,000, and a string in an audit entry at
 * most 2,000, each with a note of how many characters were left out. So a 5 MB cell gives an error
 * of a few hundred bytes, and a vendor cannot write megabytes into the audit trail.
 */
public final class Bounded {
  /** Characters of one echoed value (a cell, an id, a name) kept in a message. */
  public static final int ECHO = 80;
  /** Characters of a whole error message. */
  public static final int MESSAGE = 2_000;
  /** Characters of one string inside an audit entry's details. */
  public static final int ENTRY_TEXT = 2_000;
  private static final Pattern QUOTED = Pattern.compile("'([^']{" + (ECHO + 1) + ",})'|\"([^\"]{" + (ECHO + 1) + ",})\"");

  private Bounded() {}

  /** {@code text} cut to {@code max} characters, saying how many more there were. */
  public static String cut(String text, int max) {
    if (text == null || text.length() <= max) return text;
    return text.substring(0, max) + "... (" + (text.length() - max) + " more characters)";
  }

  /** One value echoed back to a caller. */
  public static String echo(String value) {
    return cut(value, ECHO);
  }

  /** An error message with every quoted value longer than {@link #ECHO} cut, then the whole cut to {@link #MESSAGE}. */
  public static String message(String message) {
    if (message == null) return null;
    Matcher m = QUOTED.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String q = m.group(1) != null ? "'" : "\"";
      String inner = m.group(1) != null ? m.group(1) : m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(q + echo(inner) + q));
    }
    m.appendTail(out);
    return cut(out.toString(), MESSAGE);
  }

  /** Details of an audit entry with every string, at any depth, cut to {@link #ENTRY_TEXT}. */
  public static Map<String, Object> details(Map<String, ?> details) {
    Map<String, Object> out = new LinkedHashMap<>();
    details.forEach((k, v) -> out.put(cut(k, ENTRY_TEXT), value(v)));
    return out;
  }

  private static Object value(Object v) {
    if (v instanceof String s) return cut(s, ENTRY_TEXT);
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(cut(String.valueOf(k), ENTRY_TEXT), value(x)));
      return out;
    }
    if (v instanceof List<?> l) return l.stream().map(Bounded::value).toList();
    return v;
  }
}
