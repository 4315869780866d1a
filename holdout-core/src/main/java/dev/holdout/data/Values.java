package dev.holdout.data;

import dev.holdout.HoldoutException;
import dev.holdout.Names;
import java.util.List;

/** Turning a field's text into a checked value, with messages that name the file, line and column. */
public final class Values {
  private Values() {}

  /** The index of {@code column} in the reader's header, or an error listing the columns there are. */
  public static int column(RecordReader r, String column, String role) {
    int i = r.header().indexOf(column);
    if (i >= 0) return i;
    throw new HoldoutException.BadData(r.path() + ": no column '" + column + "' (" + role + ")"
        + Names.didYouMean(column, r.header()) + "; the columns are " + r.header());
  }

  /** Field text that must be present. */
  public static String required(RecordReader r, int col, String what) {
    String v = r.field(col);
    if (v == null || v.isBlank()) {
      throw new HoldoutException.BadData(where(r, col) + ": empty; expected " + what);
    }
    return v;
  }

  /** A finite number. */
  public static double number(RecordReader r, int col, String what) {
    String text = required(r, col, what);
    double v;
    try {
      v = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new HoldoutException.BadData(where(r, col) + ": expected " + what + ", found '" + text + "'");
    }
    if (!Double.isFinite(v)) {
      throw new HoldoutException.BadData(where(r, col) + ": expected " + what + ", found '" + text + "' (NaN and infinity are not predictions)");
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
