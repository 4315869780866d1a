package dev.holdout.monitor;

import dev.holdout.base.HoldoutException;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * How a log is cut into windows: calendar days, ISO weeks (Monday to Sunday) or calendar months of
 * the time column in UTC, or consecutive runs of {@code rows} rows in file order. A window's key
 * orders windows; calendar keys are consecutive, so the windows between two keys are known.
 */
public record WindowSpec(Kind kind, long rows) {
  /** The kinds of window. */
  public enum Kind { DAY, WEEK, MONTH, ROWS }

  public WindowSpec {
    if (kind == Kind.ROWS && rows < 1) throw new IllegalArgumentException("rows must be positive: " + rows);
  }

  /** Parses {@code day}, {@code week}, {@code month} or {@code N-rows} (e.g. {@code 10000-rows}). */
  public static WindowSpec parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "day", "daily" -> { return new WindowSpec(Kind.DAY, 0); }
      case "week", "weekly" -> { return new WindowSpec(Kind.WEEK, 0); }
      case "month", "monthly" -> { return new WindowSpec(Kind.MONTH, 0); }
      default -> { }
    }
    String n = t.endsWith("-rows") ? t.substring(0, t.length() - 5) : t.endsWith("rows") ? t.substring(0, t.length() - 4) : null;
    if (n != null) {
      try {
        long rows = Long.parseLong(n.replace("_", "").replace(",", ""));
        if (rows >= 1) return new WindowSpec(Kind.ROWS, rows);
      } catch (NumberFormatException e) {
        // falls through to the message
      }
    }
    throw new HoldoutException("--window '" + text + "': expected day, week, month or a row count such as 10000-rows");
  }

  public boolean calendar() {
    return kind != Kind.ROWS;
  }

  /** The window of a time in seconds since 1970-01-01T00:00Z, or of a 0-based row number for row windows. */
  public long key(long value) {
    return switch (kind) {
      case DAY -> Math.floorDiv(value, 86_400L);
      // 1970-01-01 was a Thursday: day + 3 counts from the Monday before it
      case WEEK -> Math.floorDiv(Math.floorDiv(value, 86_400L) + 3, 7);
      case MONTH -> {
        LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(value, 86_400L));
        yield d.getYear() * 12L + d.getMonthValue() - 1;
      }
      case ROWS -> value / rows;
    };
  }

  /** The first day of a calendar window (ISO date), or for row windows the first row number (1-based). */
  public String start(long key) {
    return switch (kind) {
      case DAY -> LocalDate.ofEpochDay(key).toString();
      case WEEK -> LocalDate.ofEpochDay(key * 7 - 3).toString();
      case MONTH -> LocalDate.of((int) Math.floorDiv(key, 12), (int) Math.floorMod(key, 12) + 1, 1).toString();
      case ROWS -> Long.toString(key * rows + 1);
    };
  }

  /** The day after a calendar window ends (exclusive), or the last row number of a row window (inclusive). */
  public String end(long key) {
    return switch (kind) {
      case DAY -> LocalDate.ofEpochDay(key + 1).toString();
      case WEEK -> LocalDate.ofEpochDay(key * 7 + 4).toString();
      case MONTH -> LocalDate.parse(start(key)).plusMonths(1).toString();
      case ROWS -> Long.toString((key + 1) * rows);
    };
  }

  /** A short name: 2026-01-05, 2026-W02, 2026-01, rows 1-10000. */
  public String label(long key) {
    return switch (kind) {
      case DAY, MONTH -> kind == Kind.DAY ? start(key) : start(key).substring(0, 7);
      case WEEK -> {
        LocalDate d = LocalDate.ofEpochDay(key * 7 - 3);
        yield String.format(Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      }
      case ROWS -> "rows " + start(key) + "-" + end(key);
    };
  }

  /** As the user would write it: day, week, month, 10000-rows. */
  public String describe() {
    return kind == Kind.ROWS ? rows + "-rows" : kind.name().toLowerCase(Locale.ROOT);
  }
}
