package dev.holdout.monitor;

import dev.holdout.base.HoldoutException;
import dev.holdout.suite.YamlCursor;
import dev.holdout.suite.YamlReader;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A suite's {@code monitor} section, which the server's scheduler follows: how the prediction log
 * is cut into windows ({@code window: day|week|month|N-rows}, as {@code holdout monitor --window}),
 * the time column ({@code time}, default: the first of timestamp, time, ts, event_time, datetime,
 * date in the log), how long a calendar window waits for late rows after its end, by event time
 * ({@code lateness}, minutes, hours or days: {@code 90m}, {@code 1h}, {@code 2d}; default 1h), and
 * where the alert thresholds of estimated performance come from ({@code thresholds: reference},
 * the default, NannyML's mean ± 3 standard deviations over the reference's own chunks, or
 * {@code suite}: the suite's criteria only). {@code volume: {min: N, max: N}} fixes the bounds of a
 * window's row count (either may be left out; without the key they come from the reference's own
 * windows, see {@link WindowQuality}); {@code challenger: {name: model-b, score: p_b}} (binary) or
 * {@code {name: ..., value: yhat_b}} (regression) names the log column of a shadow challenger's
 * output, judged beside the champion on the same labeled rows of every window.
 */
public record MonitorSection(WindowSpec window, String time, long latenessSeconds, boolean referenceThresholds, Double volumeMin, Double volumeMax,
    Challenger challenger) {
  private static final List<String> KEYS = List.of("window", "time", "lateness", "thresholds", "volume", "challenger");

  /** A section without fixed volume bounds or a challenger. */
  public MonitorSection(WindowSpec window, String time, long latenessSeconds, boolean referenceThresholds) {
    this(window, time, latenessSeconds, referenceThresholds, null, null, null);
  }

  /** A shadow challenger: its name and the log column of its output (the score of a binary classifier, the value of a regression). */
  public record Challenger(String name, String column) {}

  /** The section of suite YAML text, if it has one; a malformed section throws naming the line. */
  public static Optional<MonitorSection> of(String file, String suiteYaml) {
    YamlCursor top = YamlCursor.root(file, YamlReader.read(file, new StringReader(suiteYaml)), HoldoutException.BadSuite::new).mapping("the suite");
    if (!top.has("monitor")) return Optional.empty();
    YamlCursor m = top.get("monitor").mapping();
    m.checkKeys(KEYS);
    YamlCursor w = m.has("window") ? m.get("window") : null;
    if (w == null) throw m.error("missing required key 'window' (day, week, month or a row count such as 10000-rows)");
    WindowSpec spec;
    try {
      spec = WindowSpec.parse(w.text());
    } catch (HoldoutException e) {
      throw w.error("expected day, week, month or a row count such as 10000-rows, found '" + w.text() + "'");
    }
    long lateness = 3600;
    if (m.has("lateness")) {
      YamlCursor l = m.get("lateness");
      lateness = seconds(l.text());
      if (lateness < 0) throw l.error("expected a duration such as 90m, 1h or 2d, found '" + l.text() + "'");
    }
    boolean fromReference = true;
    if (m.has("thresholds")) {
      String t = m.get("thresholds").text();
      if (!t.equals("reference") && !t.equals("suite")) throw m.get("thresholds").error("expected reference or suite, found '" + t + "'");
      fromReference = t.equals("reference");
    }
    Double volumeMin = null;
    Double volumeMax = null;
    if (m.has("volume")) {
      YamlCursor v = m.get("volume").mapping();
      v.checkKeys(List.of("min", "max"));
      if (v.has("min")) volumeMin = v.get("min").number();
      if (v.has("max")) volumeMax = v.get("max").number();
      if (volumeMin != null && volumeMax != null && volumeMin > volumeMax) {
        throw v.error("volume: min " + volumeMin + " is above max " + volumeMax + "; give the row counts a window may have, min first");
      }
    }
    Challenger challenger = null;
    if (m.has("challenger")) {
      YamlCursor c = m.get("challenger").mapping();
      c.checkKeys(List.of("name", "score", "value"));
      if (c.has("score") == c.has("value")) {
        throw c.error("challenger: give the log column of its output as score (binary classification) or value (regression), one of them");
      }
      String column = c.has("score") ? c.text("score") : c.text("value");
      challenger = new Challenger(c.has("name") ? c.text("name") : column, column);
    }
    return Optional.of(new MonitorSection(spec, m.optionalText("time"), lateness, fromReference, volumeMin, volumeMax, challenger));
  }

  private static long seconds(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.length() < 2) return -1;
    long unit = switch (t.charAt(t.length() - 1)) {
      case 'm' -> 60;
      case 'h' -> 3600;
      case 'd' -> 86_400;
      default -> -1;
    };
    try {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return unit < 0 || n < 0 || n > 366 * 86_400L ? -1 : n * unit;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** What {@link #epochSeconds} answers for text that is not a timestamp. */
  public static final long NOT_A_TIME = Long.MIN_VALUE;

  /**
   * Seconds since 1970-01-01T00:00Z of a log timestamp, as {@code holdout monitor} reads the time
   * column ({@code 2026-01-05}, {@code 2026-01-05T13:45:10Z}, with an offset or without: UTC), or
   * {@link #NOT_A_TIME}.
   */
  public static long epochSeconds(CharSequence timestamp) {
    return Timestamps.parse(timestamp);
  }
}
