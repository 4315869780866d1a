package dev.holdout.base;

import java.util.regex.Pattern;

/**
 * Cells of the CSV files Holdout writes, in one place: quoting per RFC 4180 (a cell holding a
 * comma, a double quote, a line feed or a carriage return is put in double quotes, its quotes
 * doubled) and the formula guard for files people open in a spreadsheet (CSV injection): text
 * starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets an
 * apostrophe in front so a spreadsheet shows it instead of running it. Plain decimal numbers such
 * as {@code -0.5} or {@code +1e-3} stay numbers.
 *
 * <p>Which to use: {@link #cell} for every cell of a file written for people (per-row metrics,
 * exports); {@link #exact} for cells another program, or Holdout itself, reads back as data (the
 * ids and answers of a predictions file), where an apostrophe would change the value and break the
 * join by id; {@link #guard} alone where a CSV library does the quoting. A null cell is empty.
 */
public final class CsvCells {
  /** A decimal number as a spreadsheet reads it: optional sign, digits with an optional point, an optional exponent. */
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private CsvCells() {}

  /** A cell for a file people read: guarded against formulas, then quoted where RFC 4180 needs it. {@code =1+2} becomes {@code '=1+2}. */
  public static String cell(String v) {
    return exact(guard(v));
  }

  /** A cell written as it is, quoted where RFC 4180 needs it: {@code a,b} becomes {@code "a,b"}, {@code say "hi"} becomes {@code "say ""hi"""}. */
  public static String exact(String v) {
    if (v == null) return "";
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) return v;
    return '"' + v.replace("\"", "\"\"") + '"';
  }

  /** The formula guard alone, without quoting: {@code @SUM(A1)} becomes {@code '@SUM(A1)}, {@code -0.25} stays. */
  public static String guard(String v) {
    if (v == null || v.isEmpty()) return v == null ? "" : v;
    char c = v.charAt(0);
    if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return v;
    if (NUMBER.matcher(v).matches()) return v;
    return "'" + v;
  }
}
