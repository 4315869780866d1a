package dev.holdout.data;

import dev.holdout.base.Format;
import dev.holdout.base.Missing;
import java.util.List;

/**
 * The one rule for a slice column that is a measurement rather than a set of groups: slicing makes a
 * group per distinct value, so a column of numbers with more than {@value #MAX_NUMERIC_GROUPS}
 * distinct values (charges, ages, scores) gives thousands of groups of a row or two, each with an
 * interval too wide to mean anything and a worst group that is noise. Refused by evaluation and
 * flagged by the audit, with the advice to bin it. Text columns with many groups (stores, countries)
 * are left alone: they are groups.
 */
public final class SliceGroups {
  /** A slice column of numbers with more distinct values than this is continuous. */
  public static final int MAX_NUMERIC_GROUPS = 50;

  private SliceGroups() {}

  /**
   * What is wrong with slicing on {@code column} whose distinct values are {@code groups} (missing
   * values and {@code missingGroup} ignored), or null when nothing is: "'monthly_charges' holds
   * numbers with 4,289 distinct values, ...".
   */
  public static String continuous(String column, List<String> groups, String missingGroup) {
    if (groups.size() <= MAX_NUMERIC_GROUPS) return null;
    int numbers = 0;
    for (String g : groups) {
      if (g.equals(missingGroup) || Missing.is(g)) continue;
      if (!isNumber(g)) return null;
      numbers++;
    }
    if (numbers <= MAX_NUMERIC_GROUPS) return null;
    return "'" + column + "' holds numbers with " + Format.count(numbers) + " distinct values, so slicing on it makes "
        + Format.count(groups.size()) + " groups (at most " + MAX_NUMERIC_GROUPS + " for a column of numbers); bin it into a few ranges "
        + "in a column of its own (e.g. " + column + "_band: low, mid, high, or quartiles) and slice on that";
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
