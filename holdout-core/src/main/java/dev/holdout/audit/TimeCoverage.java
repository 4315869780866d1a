package dev.holdout.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Rows per day, week or month of a date column, with the empty periods (gaps) and the periods
 * holding more than {@link #BURST} times the median (bursts). Dates are read from the first ten
 * characters as yyyy-MM-dd, so ISO date-times work too. The period is a day when the data spans at
 * most 92 days, a week up to two years, else a month. Not thread-safe.
 */
public final class TimeCoverage {
  public static final double BURST = 3.0;
  private final LongIntTable byDay = new LongIntTable(1024);
  private long unreadable;
  private String firstUnreadable;

  /** Adds one row's value (null when missing). */
  public void add(CharSequence text, Supplier<String> position) {
    if (text == null) return;
    long day = epochDay(text);
    if (day == Long.MIN_VALUE) {
      if (unreadable++ == 0) firstUnreadable = "'" + text + "' at " + position.get();
      return;
    }
    byDay.add(day, 0);
  }

  static long epochDay(CharSequence t) {
    if (t.length() < 10 || t.charAt(4) != '-' || t.charAt(7) != '-') return Long.MIN_VALUE;
    int y = digits(t, 0, 4), m = digits(t, 5, 7), d = digits(t, 8, 10);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return Long.MIN_VALUE;
    return epochDay(y, m, d);
  }

  private static int daysInMonth(int y, int m) {
    if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
  }

  /** {@code LocalDate.of(y, m, d).toEpochDay()} of a valid date with 0 <= y <= 9999, without the object (a row-level hot path). */
  static long epochDay(int y, int m, int d) {
    // days from 0000-03-01, with the year starting in March so the leap day comes last
    int yy = m <= 2 ? y - 1 : y;
    int mp = (m + 9) % 12;
    long days = 365L * yy + Math.floorDiv(yy, 4) - Math.floorDiv(yy, 100) + Math.floorDiv(yy, 400) + (153 * mp + 2) / 5 + d - 1;
    return days - 719_468; // 1970-01-01
  }

  private static int digits(CharSequence t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Rows in one period, which starts on {@code start}. */
  public record Period(String start, long rows) {}

  /** The coverage: period unit (day, week, month), first and last date, rows per period, gaps and bursts. */
  public record Result(String unit, String first, String last, long unreadable, String firstUnreadable,
      List<Period> periods, List<String> gaps, List<Period> bursts) {}

  public Result result() {
    TreeMap<Long, long[]> byDay = new TreeMap<>();
    this.byDay.forEachKey(d -> byDay.put(d, new long[] {this.byDay.count(d)}));
    if (byDay.isEmpty()) return new Result("day", null, null, unreadable, firstUnreadable, List.of(), List.of(), List.of());
    LocalDate first = LocalDate.ofEpochDay(byDay.firstKey());
    LocalDate last = LocalDate.ofEpochDay(byDay.lastKey());
    long span = byDay.lastKey() - byDay.firstKey() + 1;
    String unit = span <= 92 ? "day" : span <= 731 ? "week" : "month";
    TreeMap<LocalDate, long[]> periods = new TreeMap<>();
    for (LocalDate p = start(first, unit); !p.isAfter(last); p = step(p, unit)) periods.put(p, new long[1]);
    byDay.forEach((d, c) -> periods.get(start(LocalDate.ofEpochDay(d), unit))[0] += c[0]);
    List<Period> all = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    periods.forEach((p, c) -> {
      all.add(new Period(p.toString(), c[0]));
      if (c[0] == 0) gaps.add(p.toString());
    });
    long[] sorted = all.stream().mapToLong(Period::rows).sorted().toArray();
    double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    List<Period> bursts = all.size() < 3 ? List.of() : all.stream().filter(p -> p.rows() > BURST * median && median > 0).toList();
    return new Result(unit, first.toString(), last.toString(), unreadable, firstUnreadable, all, gaps, bursts);
  }

  private static LocalDate start(LocalDate d, String unit) {
    return switch (unit) {
      case "day" -> d;
      case "week" -> d.minusDays(d.getDayOfWeek().getValue() - 1L);
      default -> d.withDayOfMonth(1);
    };
  }

  private static LocalDate step(LocalDate d, String unit) {
    return switch (unit) {
      case "day" -> d.plusDays(1);
      case "week" -> d.plusWeeks(1);
      default -> d.plusMonths(1);
    };
  }

}
