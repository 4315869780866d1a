package dev.holdout.monitor;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Timestamps of a log's time column as seconds since 1970-01-01T00:00Z. Accepted: an ISO date
 * ({@code 2026-01-05}), an ISO date-time with {@code T} or a space ({@code 2026-01-05T13:45},
 * {@code 2026-01-05 13:45:10.250}), optionally with {@code Z} or an offset ({@code +02:00}); a
 * time without an offset is UTC. The common shapes are parsed by hand (about 20 ns), the rest by
 * {@code java.time}.
 */
final class Timestamps {
  /** Returned for text that is not a timestamp. */
  static final long INVALID = Long.MIN_VALUE;

  private Timestamps() {}

  static long parse(CharSequence t) {
    int n = t.length();
    if (n >= 10 && t.charAt(4) == '-' && t.charAt(7) == '-') {
      int y = digits(t, 0, 4);
      int m = digits(t, 5, 2);
      int d = digits(t, 8, 2);
      if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31 && d <= LocalDate.of(y, m, 1).lengthOfMonth()) {
        long day = LocalDate.of(y, m, d).toEpochDay();
        if (n == 10) return day * 86_400L;
        char sep = t.charAt(10);
        if ((sep == 'T' || sep == ' ') && n >= 16 && t.charAt(13) == ':') {
          int hh = digits(t, 11, 2);
          int mm = digits(t, 14, 2);
          int ss = 0;
          int i = 16;
          if (n >= 19 && t.charAt(16) == ':') {
            ss = digits(t, 17, 2);
            i = 19;
            if (i < n && t.charAt(i) == '.') {
              i++;
              while (i < n && Character.isDigit(t.charAt(i))) i++;
            }
          }
          if (hh >= 0 && hh < 24 && mm >= 0 && mm < 60 && ss >= 0 && ss < 61) {
            if (i == n || (i == n - 1 && (t.charAt(i) == 'Z' || t.charAt(i) == 'z'))) return day * 86_400L + hh * 3600L + mm * 60L + ss;
          }
        }
      }
    }
    return slow(t.toString());
  }

  private static long slow(String s) {
    String text = s.replace(' ', 'T');
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
    } catch (DateTimeParseException e) {
      // try the next shape
    }
    try {
      return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return INVALID;
    }
  }

  private static int digits(CharSequence t, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
