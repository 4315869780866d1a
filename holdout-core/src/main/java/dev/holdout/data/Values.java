package dev.holdout.data;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Missing;
import dev.holdout.base.Names;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turning a field's text into a checked value, with messages that name the file, line and column. */
public final class Values {
  private Values() {}

  /** Copies {@code text}'s characters into {@code dst} from {@code at}: a block copy for a reader's field views and Strings. */
  public static void copy(CharSequence text, char[] dst, int at) {
    if (text instanceof CharSlice c) {
      System.arraycopy(c.buf, c.off, dst, at, c.len);
    } else if (text instanceof String s) {
      s.getChars(0, s.length(), dst, at);
    } else {
      for (int i = 0, n = text.length(); i < n; i++) dst[at + i] = text.charAt(i);
    }
  }

  private static final Set<String> NON_FINITE = Set.of("nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

  /**
   * The index of {@code column} in the reader's header, or an error listing the columns there are.
   * A name the header holds twice is an error too: which of the two was meant cannot be guessed.
   */
  public static int column(RecordReader r, String column, String role) {
    List<String> header = r.header();
    int i = header.indexOf(column);
    if (i >= 0) {
      int again = header.subList(i + 1, header.size()).indexOf(column);
      if (again >= 0) {
        throw new HoldoutException.BadData(r.path() + ": column '" + column + "' (" + role + ") appears twice in the header (columns "
            + (i + 1) + " and " + (i + 2 + again) + "); rename one so each column name is unique");
      }
      return i;
    }
    String separator = separatorAdvice(r);
    if (separator != null) throw new HoldoutException.BadData(r.path() + ": no column '" + column + "' (" + role + "); " + separator);
    String hint = Names.didYouMean(column, header);
    throw new HoldoutException.BadData(r.path() + ": no column '" + column + "' (" + role + ")"
        + (hint.isEmpty() ? "; the columns are " : hint + " The columns are ") + header);
  }

  /**
   * Refuses a file whose header is one column holding another separator than the one its extension
   * says (see {@link #column}): read as it is, every row would be one value.
   */
  public static void requireSeparated(RecordReader r) {
    String separator = separatorAdvice(r);
    if (separator != null) throw new HoldoutException.BadData(r.path() + ": " + separator);
  }

  /** What to tell about a one-column header holding another separator, or null when the header does not look like that. */
  private static String separatorAdvice(RecordReader r) {
    String separator = otherSeparator(r);
    if (separator == null) return null;
    return "the header is one column '" + r.header().get(0) + "', so the file seems to be separated by " + separator + "; "
        + (separator.equals("tabs") ? "save it as .tsv" : separator.equals("','") ? "save it as .csv"
            : "export it with commas as .csv (in a spreadsheet: CSV UTF-8), or with tabs as .tsv");
  }

  /**
   * The separator a one-column header holds when it is not the one the extension says: a
   * semicolon-separated export (a spreadsheet in a locale with a decimal comma), tabs in a .csv or
   * commas in a .tsv. Null when the header does not look like that.
   */
  private static String otherSeparator(RecordReader r) {
    List<String> header = r.header();
    if (header.size() != 1) return null;
    String name = header.get(0);
    String file = r.path().getFileName().toString().toLowerCase(Locale.ROOT);
    boolean tsv = file.endsWith(".tsv") || file.endsWith(".tab");
    boolean csv = file.endsWith(".csv");
    if (!tsv && !csv) return null;
    if (name.indexOf(';') >= 0) return "';'";
    if (csv && name.indexOf('\t') >= 0) return "tabs";
    if (tsv && name.indexOf(',') >= 0) return "','";
    if (name.indexOf('|') >= 0) return "'|'";
    return null;
  }

  /** Field text that must be present. */
  public static String required(RecordReader r, int col, String what) {
    String v = r.field(col);
    if (v == null || v.isBlank()) {
      if (col >= r.fieldCount()) {
        throw new HoldoutException.BadData(where(r, col) + ": missing; the line has " + Format.count(r.fieldCount(), "value") + " but the header names "
            + r.header().size() + " columns; expected " + what);
      }
      throw new HoldoutException.BadData(where(r, col) + ": empty; expected " + what);
    }
    return v;
  }

  /** Field text that must be present, as a view valid until the reader moves on. */
  public static CharSequence requiredText(RecordReader r, int col, String what) {
    CharSequence v = r.text(col);
    if (v == null) required(r, col, what);
    return v;
  }

  /**
   * A finite number in plain decimal notation ({@code 0.25}, {@code -3}, {@code 1e-4}). Java-only
   * spellings that {@link Double#parseDouble} would take ({@code 0.5f}, {@code 1d}, hex) are
   * refused; NaN and infinity in any common spelling are refused with their own message.
   */
  public static double number(RecordReader r, int col, String what) {
    double fast = r.number(col);
    if (Double.isFinite(fast)) return fast;
    String text = required(r, col, what);
    String s = text.strip();
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      String lower = s.toLowerCase(Locale.ROOT);
      if (NON_FINITE.contains(lower)) {
        throw new HoldoutException.BadData(where(r, col) + ": expected " + what + ", found '" + text + "' (NaN and infinity are not predictions)");
      }
      if (Missing.is(s)) {
        throw new HoldoutException.BadData(where(r, col) + ": expected " + what + ", found '" + text + "', a missing-value marker; every row needs a value");
      }
      throw new HoldoutException.BadData(where(r, col) + ": expected " + what + ", found '" + text + "'");
    }
    if (!Double.isFinite(v)) {
      throw new HoldoutException.BadData(where(r, col) + ": expected " + what + ", found '" + text + "' (NaN and infinity are not predictions)");
    }
    if (!plainDecimal(s)) {
      throw new HoldoutException.BadData(where(r, col) + ": expected " + what + " written as a plain decimal number such as 0.25, found '" + text + "'");
    }
    return v;
  }

  /** True when the text (already accepted by parseDouble) has no type suffix and is not hexadecimal. */
  private static boolean plainDecimal(String s) {
    char last = s.charAt(s.length() - 1);
    if (!(last >= '0' && last <= '9') && last != '.') return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 'x' || c == 'X' || c == 'p' || c == 'P') return false;
    }
    return true;
  }

  /**
   * The largest magnitude of an actual or predicted value: squared errors of values up to 1e100,
   * summed over billions of rows, stay finite in a double, and no quantity a model forecasts comes
   * near it, so a larger value is an export error (a corrupted cell, a wrong unit).
   */
  public static final double LARGEST_VALUE = 1e100;

  /** A finite number of at most {@link #LARGEST_VALUE} in magnitude: an actual or predicted value of a regression. */
  public static double value(RecordReader r, int col, String what) {
    double v = number(r, col, what);
    if (Math.abs(v) > LARGEST_VALUE) {
      throw new HoldoutException.BadData(where(r, col) + ": expected " + what + ", found '" + r.field(col).strip()
          + "', beyond the largest value Holdout takes (1e100 either way, where squared errors would overflow); check the cell and the column's unit");
    }
    return v;
  }

  /** A probability in [0, 1]. */
  public static double probability(RecordReader r, int col) {
    double v = number(r, col, "a probability in [0, 1]");
    if (v < 0 || v > 1) {
      throw new HoldoutException.BadData(where(r, col) + ": expected a probability in [0, 1], found '" + r.field(col) + "'");
    }
    return v;
  }

  /** "file line 12, column 'score'". */
  public static String where(RecordReader r, int col) {
    return r.path() + " " + r.position() + ", column '" + r.header().get(col) + "'";
  }

  /** The first {@code max} items for a message. */
  public static String sample(List<String> items, int total) {
    String shown = String.join(", ", items);
    return total > items.size() ? shown + ", ... (" + total + " in all)" : shown;
  }
}
