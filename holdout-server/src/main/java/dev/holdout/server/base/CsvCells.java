package dev.holdout.server.base;

/**
 * Cells of CSV files that people open in spreadsheets: text starting with =, +, -, @, a tab or
 * a carriage return is prefixed with an apostrophe so it cannot run as a formula (CSV
 * injection). Numbers such as -0.5 stay numbers.
 */
public final class CsvCells {
  private CsvCells() {}

  public static String safe(String v) {
    if (v == null || v.isEmpty()) return v == null ? "" : v;
    char c = v.charAt(0);
    if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return v;
    if (isNumber(v)) return v;
    return "'" + v;
  }

  private static boolean isNumber(String v) {
    try {
      Double.parseDouble(v);
      return !v.contains("\t") && !v.contains("\r") && Character.isDigit(v.charAt(v.length() - 1));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
